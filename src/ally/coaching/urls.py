from django.urls import path

from ally.coaching import views

app_name = "coaching"
urlpatterns = [
    path("interactions/<int:interaction_id>/coaching/", views.interaction_coaching, name="interaction"),
    path("interactions/<int:interaction_id>/coaching/upload/", views.transcript_upload, name="upload"),
    path("interactions/<int:interaction_id>/coaching/speakers/", views.speaker_correct, name="speaker"),
    path("interactions/<int:interaction_id>/coaching/needs/", views.need_record, name="need"),
    path("coaching/", views.team, name="team"),
    path("coaching/members/<int:membership_id>/", views.member_trends, name="member"),
    path("coaching/phrases/", views.phrases, name="phrases"),
]
