from django.urls import path

from tdkt.decisions import listsheets, views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("export.xlsx", listsheets.decisions_xlsx, name="list_xlsx"),
    path("draft/", views.draft, name="draft"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/edit/", views.decision_edit, name="edit"),
    path("lines/<int:pk>/remove/", views.line_remove, name="line_remove"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/return/", views.return_to_draft, name="return"),
    path("<int:pk>/number/", views.take_number, name="number"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("<int:pk>/docx/", views.decision_docx, name="docx"),
    path("<int:pk>/pdf/", views.decision_pdf, name="pdf"),
    path("<int:pk>/signed/", views.signed_copy, name="signed_copy"),
    path("<int:pk>/payments/", views.decision_payments, name="payments"),
    path("<int:pk>/payments.xlsx", views.payments_xlsx, name="payments_xlsx"),
    path("<int:pk>/payout/", views.post_payout, name="payout"),
    path("<int:pk>/contest-prize/", views.contest_prize_add, name="contest_prize_add"),
    path("fund/", views.fund_ledger, name="fund"),
    path("fund/export.xlsx", listsheets.fund_xlsx, name="fund_xlsx"),
    path("fund/<int:pk>/add/", views.fund_entry_add, name="fund_add"),
    path("templates/", views.legal_basis_templates, name="templates"),
    path("templates/new/", views.legal_basis_template_edit, name="template_create"),
    path("templates/<int:pk>/", views.legal_basis_template_edit, name="template_edit"),
    path("submissions/", views.submissions, name="submissions"),
    path("submissions/<int:award_pk>/docx/", views.submission_docx, name="submission_docx"),
    path("submissions/<int:award_pk>/pdf/", views.submission_pdf, name="submission_pdf"),
]
