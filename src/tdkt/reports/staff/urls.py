"""Included by tdkt.reports.urls under "staff/": the names live in the "reports" namespace."""

from django.urls import path

from tdkt.reports.staff import views

urlpatterns = [
    path("", views.staff_list, name="staff"),
    path("export.xlsx", views.staff_export, name="staff_export"),
    path("new/", views.staff_create, name="staff_create"),
    path("<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("organisations/new/", views.office_create, name="office_create"),
    path("organisations/<int:pk>/edit/", views.office_edit, name="office_edit"),
]
