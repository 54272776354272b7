"""Ally's URLs: each app brings its own pages (the `urls` its `apps.py` declares); the API lives under /api/v1/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ally.api.urls import api
from ally.core.plugins import ally_apps
from ally.workspaces import views as workspace_views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
         name="login"),
    path("login/code/", workspace_views.two_factor_login, name="two_factor_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
] + [path("", include(config.urls)) for config in ally_apps() if config.urls]

# Styled error pages inside the layout (Django uses them when DEBUG is off).
handler403 = "ally.web.views.permission_denied"
handler404 = "ally.web.views.not_found"
handler500 = "ally.web.views.server_error"
