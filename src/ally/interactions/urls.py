from django.urls import path

from ally.interactions import views

app_name = "interactions"
urlpatterns = [
    path("people/<int:person_id>/log/", views.interaction_log, name="log"),
    path("people/<int:person_id>/follow-ups/new/", views.follow_up_add, name="follow_up_add"),
    path("interactions/<int:interaction_id>/edit/", views.interaction_edit, name="edit"),
    path("interactions/<int:interaction_id>/delete/", views.interaction_delete, name="delete"),
    path("follow-ups/<int:follow_up_id>/done/", views.follow_up_done, name="follow_up_done"),
]
