"""Ally's URLs: each domain app brings its own pages; the API lives under /api/v1/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ally.api.urls import api

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("ally.web.urls")),
    path("", include("ally.agenda.urls")),
    path("", include("ally.people.urls")),
    path("", include("ally.interactions.urls")),
    path("", include("ally.opportunities.urls")),
    path("", include("ally.ownership.urls")),
    path("", include("ally.support.urls")),
    path("", include("ally.value.urls")),
    path("", include("ally.workspaces.urls")),
]
