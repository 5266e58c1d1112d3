from django.urls import path

from tdkt.inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("export.xlsx", views.register_export, name="export"),
    path("new/", views.inspection_new, name="new"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("records/<int:pk>/", views.record_detail, name="record"),
    path("records/<int:pk>/findings/", views.record_edit, name="record_edit"),
    path("records/<int:pk>/recommendations/new/", views.recommendation_new, name="recommendation_new"),
    path("records/<int:pk>/conclusion.docx", views.conclusion_docx, name="conclusion"),
    path("recommendations/<int:pk>/report/", views.recommendation_report, name="report"),
    path("recommendations/<int:pk>/file/", views.response_file, name="response_file"),
]
