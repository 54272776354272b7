from django.urls import path

from ally.agenda import views

app_name = "agenda"
urlpatterns = [
    path("today/", views.today_page, name="today"),
    path("today/losing-touch/", views.losing_touch_page, name="losing_touch"),
]
