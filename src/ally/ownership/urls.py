from django.urls import path

from ally.ownership import views

app_name = "ownership"
urlpatterns = [
    path("people/<int:person_id>/purchases/new/", views.purchase_create, name="purchase_create"),
    path("people/<int:person_id>/feedback/new/", views.feedback_create, name="feedback_create"),
    path("people/<int:person_id>/referrals/new/", views.referral_create, name="referral_create"),
    path("purchases/", views.purchase_list, name="purchases"),
    path("purchases/<int:purchase_id>/", views.purchase_detail, name="purchase"),
    path("purchases/<int:purchase_id>/delete/", views.purchase_delete, name="purchase_delete"),
    path("check-ins/", views.check_in_list, name="check_ins"),
    path("check-ins/<int:check_in_id>/", views.check_in_detail, name="check_in"),
    path("check-ins/<int:check_in_id>/skip/", views.check_in_skip, name="check_in_skip"),
    path("check-ins/<int:check_in_id>/reschedule/", views.check_in_reschedule, name="check_in_reschedule"),
    path("playbooks/", views.playbook_list, name="playbooks"),
    path("playbooks/default/", views.playbook_edit, name="playbook_default"),
    path("playbooks/default/reset/", views.playbook_reset, name="playbook_default_reset"),
    path("playbooks/offerings/<int:offering_id>/", views.playbook_edit, name="playbook_offering"),
    path("playbooks/offerings/<int:offering_id>/reset/", views.playbook_reset, name="playbook_offering_reset"),
    path("referrals/<int:referral_id>/delete/", views.referral_delete, name="referral_delete"),
]
