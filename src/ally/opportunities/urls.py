from django.urls import path

from ally.opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("opportunities/", views.board, name="board"),
    path("opportunities/all/", views.opportunity_list, name="list"),
    path("opportunities/new/", views.opportunity_open, name="open"),
    path("opportunities/<int:opportunity_id>/", views.opportunity_detail, name="detail"),
    path("opportunities/<int:opportunity_id>/edit/", views.opportunity_edit, name="edit"),
    path("opportunities/<int:opportunity_id>/move/", views.opportunity_move, name="move"),
    path("opportunities/<int:opportunity_id>/info/", views.decision_info_add, name="info_add"),
    path("opportunities/<int:opportunity_id>/questions/", views.customer_question_ask, name="question_ask"),
    path("customer-questions/<int:question_id>/answer/", views.customer_question_answer, name="question_answer"),
    path("opportunities/offerings/", views.offering_list, name="offerings"),
    path("opportunities/offerings/<int:offering_id>/edit/", views.offering_edit, name="offering_edit"),
    path("opportunities/alternatives/", views.alternative_list, name="alternatives"),
    path("opportunities/alternatives/<int:alternative_id>/edit/", views.alternative_edit, name="alternative_edit"),
    path("opportunities/questions/", views.question_bank, name="questions"),
    path("opportunities/questions/<int:question_id>/edit/", views.question_edit, name="question_edit"),
    path("opportunities/questions/<int:question_id>/delete/", views.question_delete, name="question_delete"),
    path("people/<int:person_id>/needs/new/", views.need_add, name="need_add"),
    path("people/<int:person_id>/brief/", views.brief, name="brief"),
    path("needs/<int:need_id>/edit/", views.need_edit, name="need_edit"),
    path("needs/<int:need_id>/status/", views.need_status, name="need_status"),
]
