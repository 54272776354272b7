from django.urls import path

from ally.network import views

app_name = "network"
urlpatterns = [
    path("introductions/requests/", views.request_create, name="request_create"),
    path("introductions/requests/<int:request_id>/", views.request_detail, name="request"),
    path("introductions/requests/<int:request_id>/outcome/", views.request_decide, name="request_decide"),
    path("organizations/<int:organization_id>/power-map/", views.organization_power_map, name="power_map"),
]
