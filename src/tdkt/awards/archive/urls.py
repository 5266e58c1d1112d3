"""URLs of the archive digitisation wizard, added to the awards namespace (awards:archive_…)."""

from django.urls import path

from tdkt.awards.archive import views

urlpatterns = [
    path("archive/", views.archive_list, name="archive_list"),
    path("archive/new/", views.archive_upload, name="archive_upload"),
    path("archive/<int:pk>/", views.archive_detail, name="archive_detail"),
    path("archive/<int:pk>/commit/", views.archive_commit, name="archive_commit"),
    path("archive/documents/<int:pk>/", views.archive_document, name="archive_document"),
    path("archive/documents/<int:pk>/pages/<int:page>.png", views.archive_page, name="archive_page"),
    path("archive/documents/<int:pk>/file/", views.archive_file, name="archive_file"),
    path("archive/documents/<int:pk>/scan.pdf", views.archive_scan, name="archive_scan"),
    path("archive/lines/<int:pk>/", views.archive_line, name="archive_line"),
]
