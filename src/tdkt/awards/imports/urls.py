"""URLs of the history import, added to the awards namespace (awards:import_…)."""

from django.urls import path

from tdkt.awards.imports import views

urlpatterns = [
    path("imports/", views.import_list, name="import_list"),
    path("imports/new/", views.import_upload, name="import_upload"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/columns/", views.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/commit/", views.import_commit, name="import_commit"),
    path("imports/<int:pk>/report.xlsx", views.import_report, name="import_report"),
    path("imports/<int:pk>/file/", views.import_file, name="import_file"),
    path("imports/rows/<int:pk>/", views.import_row, name="import_row"),
]
