from django.urls import path

from ally.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("workspace/switch/", views.switch_workspace, name="switch_workspace"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("settings/styleguide/", views.styleguide, name="styleguide"),
]
