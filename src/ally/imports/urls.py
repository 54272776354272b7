from django.urls import path

from ally.imports import views

app_name = "imports"
urlpatterns = [
    path("people/<int:person_id>/merge/", views.merge, name="merge"),
    path("settings/import/", views.import_page, name="import"),
    path("settings/export/people.csv", views.export_people_csv, name="export_people_csv"),
    path("settings/export/archive.json", views.export_archive, name="export_archive"),
]
