from django.urls import path

from tdkt.dossiers.consultations import inbound_views, listsheets, settings_views, views

app_name = "consultations"

urlpatterns = [
    path("", views.request_queue, name="queue"),
    path("export.xlsx", listsheets.queue_xlsx, name="queue_xlsx"),
    path("dossier/<int:pk>/", views.dossier_requests, name="dossier"),
    path("<int:pk>/paper-answer/", views.record_paper_answer, name="record_answer"),
    path("inbox/", views.agency_inbox, name="inbox"),
    path("inbox/export.xlsx", listsheets.inbox_xlsx, name="inbox_xlsx"),
    path("inbox/<int:pk>/", views.agency_answer, name="answer"),
    path("received/", inbound_views.inbound_queue, name="inbound_queue"),
    path("received/new/", inbound_views.inbound_create, name="inbound_create"),
    path("received/<int:pk>/", inbound_views.inbound_detail, name="inbound_detail"),
    path("received/<int:pk>/answer/", inbound_views.inbound_answer, name="inbound_answer"),
    path("received/<int:pk>/letter.docx", inbound_views.inbound_letter_docx, name="inbound_letter"),
    path("received/<int:pk>/document/", inbound_views.inbound_file, name="inbound_file"),
    path("settings/", settings_views.consultation_settings, name="settings"),
    path("settings/agencies/new/", settings_views.agency_edit, name="agency_create"),
    path("settings/agencies/<int:pk>/", settings_views.agency_edit, name="agency_edit"),
]
