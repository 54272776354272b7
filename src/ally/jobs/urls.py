from django.urls import path

from ally.jobs import views

app_name = "jobs"
urlpatterns = [
    path("settings/jobs/", views.job_list, name="list"),
]
