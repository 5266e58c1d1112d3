"""/reports/: the statistical forms, the work reports, the award history search and the dashboards.

Each sub-domain keeps its own urls module, included here under the one "reports" namespace."""

from django.urls import include, path

from tdkt.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("dashboard/", include("tdkt.reports.dashboards.urls")),
]
