"""/reports/history/: the award history search (included by tdkt.reports.urls in the "reports" namespace)."""

from django.urls import path

from tdkt.reports.search import views

urlpatterns = [
    path("", views.search, name="history"),
    path("export.xlsx", views.export_xlsx, name="history_xlsx"),
    path("people/<int:pk>/print/", views.person_history_print, name="person_history_print"),
    path("units/<int:pk>/print/", views.unit_history_print, name="unit_history_print"),
]
