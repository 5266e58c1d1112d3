from django.urls import path

from tdkt.reports.dashboards import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("units/<int:pk>/", views.unit_dashboard, name="unit_dashboard"),
    path("export.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("targets/", views.equity_targets, name="equity_targets"),
]
