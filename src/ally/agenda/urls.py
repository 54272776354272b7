from django.urls import path

from ally.agenda import views

app_name = "agenda"
urlpatterns = [
    path("today/", views.today_page, name="today"),
    path("today/losing-touch/", views.losing_touch_page, name="losing_touch"),
    path("today/items/<slug:key>/done/", views.item_done, name="item_done"),
    path("today/items/<slug:key>/log/", views.item_log, name="item_log"),
    path("today/items/<slug:key>/snooze/", views.item_snooze, name="item_snooze"),
]
