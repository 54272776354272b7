from django.urls import path

from ally.value import views

app_name = "value"
urlpatterns = [
    path("value/", views.customers, name="customers"),
    path("customers-made/", views.dashboard_page, name="dashboard"),
]
