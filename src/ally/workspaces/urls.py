from django.urls import path

from ally.workspaces import views

app_name = "workspaces"
urlpatterns = [
    path("settings/", views.settings_index, name="settings"),
    path("settings/profile/", views.profile, name="profile"),
    path("settings/workspace/", views.workspace_settings, name="workspace"),
    path("settings/tokens/", views.api_tokens, name="api_tokens"),
    path("settings/tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("settings/audit/", views.audit_trail, name="audit"),
    path("settings/password/", views.password_change, name="password"),
    path("settings/team/", views.team, name="team"),
    path("settings/team/two-factor/", views.team_two_factor, name="team_two_factor"),
    path("settings/two-factor/", views.two_factor_settings, name="two_factor"),
    path("settings/two-factor/recovery-codes/", views.recovery_codes_regenerate, name="recovery_codes"),
    path("settings/two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    path("settings/team/<int:membership_id>/role/", views.member_role_change, name="member_role"),
    path("settings/team/<int:membership_id>/remove/", views.member_remove, name="member_remove"),
]
