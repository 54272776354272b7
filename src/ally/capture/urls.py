from django.urls import path

from ally.capture import views

app_name = "capture"
urlpatterns = [
    path("people/export.vcf", views.people_vcard, name="people_vcard"),
    path("people/suggestions/", views.suggestion_list, name="suggestions"),
    path("people/suggestions/decide/", views.suggestion_decide, name="suggestion_decide"),
    path("people/<int:person_id>/vcard.vcf", views.person_vcard, name="person_vcard"),
    path("people/<int:person_id>/photo", views.person_photo, name="person_photo"),
    path("settings/mail/", views.mail_settings, name="mail_settings"),
    path("settings/mail/<int:account_id>/<slug:action>/", views.mail_account_action, name="mail_account_action"),
    path("settings/mail/calendars/subscribe/", views.calendar_subscribe, name="calendar_subscribe"),
    path("settings/mail/calendars/<int:calendar_subscription_id>/<slug:action>/", views.calendar_action,
         name="calendar_action"),
]
