from django.urls import path

from ally.support import views

app_name = "support"
urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/sla/", views.sla_settings, name="sla_settings"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/<slug:action>/", views.case_action, name="case_action"),
]
