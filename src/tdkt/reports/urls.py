"""/reports/: the statistical forms, the work reports, the award history search and the dashboards.

Each sub-domain keeps its own urls module, included here under the one "reports" namespace."""

from django.urls import include, path

from tdkt.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("staff/", include("tdkt.reports.staff.urls")),
    path("forms/", include("tdkt.reports.statistics.urls")),
    path("history/", include("tdkt.reports.search.urls")),
    path("work/", include("tdkt.reports.work.urls")),
    path("dashboard/", include("tdkt.reports.dashboards.urls")),
]
