from django.urls import path

from tdkt.dossiers.consultations import settings_views, views

app_name = "consultations"

urlpatterns = [
    path("", views.request_queue, name="queue"),
    path("dossier/<int:pk>/", views.dossier_requests, name="dossier"),
    path("<int:pk>/paper-answer/", views.record_paper_answer, name="record_answer"),
    path("inbox/", views.agency_inbox, name="inbox"),
    path("inbox/<int:pk>/", views.agency_answer, name="answer"),
    path("settings/", settings_views.consultation_settings, name="settings"),
    path("settings/agencies/new/", settings_views.agency_edit, name="agency_create"),
    path("settings/agencies/<int:pk>/", settings_views.agency_edit, name="agency_edit"),
]
