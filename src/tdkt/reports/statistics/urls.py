"""/reports/forms/…: included from tdkt.reports.urls into the "reports" namespace."""

from django.urls import path

from tdkt.reports.statistics import views

urlpatterns = [
    path("", views.form_list, name="forms"),
    path("<slug:circular>/<str:form>/", views.form_detail, name="form"),
    path("<slug:circular>/<str:form>/cell/<str:row>/<str:column>/", views.form_cell, name="form_cell"),
    path("<slug:circular>/<str:form>/excel/", views.form_xlsx, name="form_xlsx"),
    path("<slug:circular>/<str:form>/pdf/", views.form_pdf, name="form_pdf"),
]
