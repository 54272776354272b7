from django.urls import path

from ally.people import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="list"),
    path("people/new/", views.person_create, name="create"),
    path("people/options/", views.person_options, name="options"),
    path("people/<int:person_id>/", views.person_detail, name="detail"),
    path("people/<int:person_id>/edit/", views.person_edit, name="edit"),
    path("people/<int:person_id>/keep-in-touch/", views.person_keep_in_touch, name="keep_in_touch"),
    path("people/<int:person_id>/delete/", views.person_delete, name="delete"),
    path("people/<int:person_id>/facts/new/", views.fact_add, name="fact_add"),
    path("people/<int:person_id>/relationships/new/", views.relationship_add, name="relationship_add"),
    path("facts/<int:fact_id>/edit/", views.fact_edit, name="fact_edit"),
    path("facts/<int:fact_id>/delete/", views.fact_delete, name="fact_delete"),
    path("relationships/<int:relationship_id>/delete/", views.relationship_delete, name="relationship_delete"),
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/new/", views.organization_form, name="organization_create"),
    path("organizations/<int:organization_id>/", views.organization_detail, name="organization"),
    path("organizations/<int:organization_id>/edit/", views.organization_form, name="organization_edit"),
]
