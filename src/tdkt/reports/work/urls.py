"""/reports/work/: included into the "reports" namespace (names prefixed work_)."""

from django.urls import path

from tdkt.reports.work import views

urlpatterns = [
    path("", views.work_index, name="work_index"),
    path("draft/", views.work_draft, name="work_draft"),
    path("units/<int:pk>/send/", views.work_send, name="work_send"),
    path("sent/", views.work_submissions, name="work_submissions"),
    path("sent/export.xlsx", views.work_submissions_xlsx, name="work_submissions_xlsx"),
    path("sent/<int:pk>/file/", views.work_file, name="work_file"),
]
