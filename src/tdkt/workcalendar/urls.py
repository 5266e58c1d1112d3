from django.urls import path

from tdkt.workcalendar import views, views_calls, views_overdue

app_name = "workcalendar"

urlpatterns = [
    path("", views.calendar_year, name="year"),
    path("days/add/", views.day_add, name="day_add"),
    path("days/<int:pk>/remove/", views.day_remove, name="day_remove"),
    path("limits/", views.limit_list, name="limits"),
    path("limits/<int:pk>/edit/", views.limit_edit, name="limit_edit"),
    path("calls/", views_calls.call_list, name="calls"),
    path("calls/new/", views_calls.call_create, name="call_create"),
    path("calls/<int:pk>/edit/", views_calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/open/", views_calls.call_set_open, name="call_set_open"),
    path("overdue/", views_overdue.overdue, name="overdue"),
]
