from django.urls import path

from tdkt.movements.scoring import views, views_review, views_round, views_sheet

app_name = "scoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("overview/", views.overview, name="overview"),
    path("groups/<int:pk>/template/new/", views.template_create, name="template_create"),
    path("templates/<int:pk>/", views.template_edit, name="template"),
    path("templates/<int:pk>/import/", views.template_import, name="template_import"),
    path("templates/<int:pk>/rounds/new/", views.round_create, name="round_create"),
    path("criteria/<int:pk>/edit/", views.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/delete/", views.criterion_delete, name="criterion_delete"),
    path("rounds/<int:pk>/", views_round.round_detail, name="round"),
    path("rounds/<int:pk>/state/", views_round.round_state, name="round_state"),
    path("rounds/<int:pk>/review/", views_round.review, name="review"),
    path("rounds/<int:pk>/adjust/", views_round.adjust, name="adjust"),
    path("rounds/<int:pk>/leaderboard/", views_round.leaderboard, name="leaderboard"),
    path("rounds/<int:pk>/tally/", views_round.tally, name="tally"),
    path("rounds/<int:pk>/propose/", views_round.propose, name="propose"),
    path("rounds/<int:pk>/government-flag/", views.government_flag, name="government_flag"),
    path("proposals/<int:pk>/withdraw/", views.government_flag_withdraw, name="government_flag_withdraw"),
    path("rounds/<int:pk>/minutes.docx", views_round.minutes, name="minutes"),
    path("rounds/<int:pk>/scores.xlsx", views_round.export_scores, name="export"),
    path("rounds/<int:pk>/units/<int:unit_id>/", views_sheet.sheet, name="sheet"),
    path("rounds/<int:pk>/units/<int:unit_id>/save/", views_sheet.sheet_save, name="sheet_save"),
    path("rounds/<int:pk>/units/<int:unit_id>/evidence/", views_sheet.evidence_upload, name="evidence_upload"),
    path("rounds/<int:pk>/units/<int:unit_id>/submit/", views_sheet.sheet_submit, name="sheet_submit"),
    path("rounds/<int:pk>/units/<int:unit_id>/report/", views_sheet.report_upload, name="report_upload"),
    path("rounds/<int:pk>/units/<int:unit_id>/report/file/", views_sheet.report, name="report"),
    path("rounds/<int:pk>/units/<int:unit_id>/review/", views_review.sheet_review, name="sheet_review"),
    path("rounds/<int:pk>/units/<int:unit_id>/absent/", views_review.sheet_absent, name="sheet_absent"),
    path("scores/<int:pk>/evidence/", views_sheet.evidence, name="evidence"),
    path("adjustments/<int:pk>/answer/", views_sheet.answer, name="answer"),
]
