from django.urls import path

from ally.value import views

app_name = "value"
urlpatterns = [
    path("value/", views.customers, name="customers"),
]
