from django.urls import path

from ally.reminders import views

app_name = "reminders"
urlpatterns = [
    path("calendar/<str:secret>.ics", views.calendar_feed, name="feed"),
    path("settings/reminders/", views.reminder_settings, name="settings"),
    path("settings/reminders/feed/", views.feed_settings, name="feed_settings"),
    path("settings/reminders/digest/", views.digest_settings, name="digest_settings"),
]
