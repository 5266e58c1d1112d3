from django.urls import path

from tdkt.decisions.certificates import views

app_name = "certificates"

urlpatterns = [
    path("decision/<int:pk>/", views.decision_certificates, name="decision"),
    path("decision/<int:pk>/print/", views.print_decision, name="print_decision"),
    path("<int:pk>/print/", views.print_one, name="print_one"),
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_edit, name="template_create"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/preview/", views.template_preview, name="template_preview"),
    path("authority/<int:pk>/layout/", views.authority_layout, name="authority_layout"),
]
