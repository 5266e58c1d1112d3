"""The calls for dossiers and the overdue summary, under /calendar/ beside the working-day calendar."""

from django.urls import path

from tdkt.dossiers import views_calls, views_overdue

app_name = "dossier_calls"

urlpatterns = [
    path("calls/", views_calls.call_list, name="calls"),
    path("calls/new/", views_calls.call_create, name="call_create"),
    path("calls/<int:pk>/edit/", views_calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/open/", views_calls.call_set_open, name="call_set_open"),
    path("overdue/", views_overdue.overdue, name="overdue"),
]
