from django.urls import path

from tdkt.dossiers import listsheets, views, views_delegations, views_province, views_sheet

app_name = "dossiers"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("export.xlsx", listsheets.inbox_xlsx, name="inbox_xlsx"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/do/<slug:action>/", views.act, name="act"),
    path("<int:pk>/documents/", views.upload, name="upload"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/remove/", views.document_remove, name="document_remove"),
    path("queue/", views_province.queue, name="queue"),
    path("queue/export.xlsx", listsheets.queue_xlsx, name="queue_xlsx"),
    path("<int:pk>/assign/", views_province.assign, name="assign"),
    path("<int:pk>/appraise/", views_province.appraise, name="appraise"),
    path("lines/<int:pk>/change-award/", views_province.change_award, name="change_award"),
    path("<int:pk>/appraise/accept-eligible/", views_province.accept_eligible, name="accept_eligible"),
    path("<int:pk>/appraise/sheet/", views_sheet.decide_sheet, name="decide_sheet"),
    path("<int:pk>/return/", views_province.return_for_completion,
         name="return_for_completion"),
    path("delegations/", views_delegations.delegation_list, name="delegations"),
    path("delegations/<int:pk>/revoke/", views_delegations.delegation_revoke, name="delegation_revoke"),
    path("checklist/", views_province.checklist, name="checklist"),
    path("checklist/new/", views_province.requirement_edit, name="requirement_create"),
    path("checklist/<int:pk>/", views_province.requirement_edit, name="requirement_edit"),
    path("checklist/<int:pk>/remove/", views_province.requirement_delete, name="requirement_delete"),
]
