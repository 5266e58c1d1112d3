from django.urls import path

from tdkt.initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.work_list, name="list"),
    path("export.xlsx", views.work_export, name="export"),
    path("new/", views.work_new, name="new"),
    path("<int:pk>/", views.work_detail, name="detail"),
    path("<int:pk>/evaluate/", views.work_evaluate, name="evaluate"),
    path("<int:pk>/recognise/", views.work_recognise, name="recognise"),
    path("<int:pk>/evidence/", views.work_add_evidence, name="add_evidence"),
    path("<int:pk>/claim/", views.work_claim, name="claim"),
    path("<int:pk>/minutes/", views.minutes_file, name="minutes"),
    path("claims/<int:pk>/release/", views.claim_release, name="release_claim"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
]
