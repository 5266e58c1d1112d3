from django.urls import path

from tdkt.dossiers.nominees import views

app_name = "nominees"

urlpatterns = [
    path("<int:pk>/lines/", views.lines, name="lines"),
    path("<int:pk>/lines/rows/", views.line_rows, name="line_rows"),
    path("<int:pk>/lines/add/", views.line_add, name="line_add"),
    path("lines/<int:pk>/edit/", views.line_edit, name="line_edit"),
    path("lines/<int:pk>/remove/", views.line_remove, name="line_remove"),
    path("<int:pk>/lines/import/", views.import_upload, name="import"),
    path("<int:pk>/lines/paste/", views.import_paste, name="import_paste"),
    path("<int:pk>/lines/import/template.xlsx", views.import_template, {"kind": "xlsx"}, name="import_template_xlsx"),
    path("<int:pk>/lines/import/template.docx", views.import_template, {"kind": "docx"}, name="import_template_docx"),
    path("<int:pk>/lines/import/<slug:batch>/", views.import_result, name="import_result"),
    path("<int:pk>/lines/import/<slug:batch>/review/", views.import_review, name="import_review"),
    path("<int:pk>/lines/import/<slug:batch>/undo/", views.import_undo, name="import_undo"),
    path("<int:pk>/lines/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/lines/export.docx", views.export_docx, name="export_docx"),
    path("lines/export/", views.export_selection, name="export_selection"),
    path("lines/quotas/", views.quota_list, name="quotas"),
    path("lines/quotas/<int:pk>/remove/", views.quota_remove, name="quota_remove"),
]
