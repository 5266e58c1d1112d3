from django.urls import path

from tdkt.plans import views, views_import, views_unitplans

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/source/", views.plan_source, name="source"),
    path("<int:pk>/board/", views.plan_board, name="board"),
    path("<int:pk>/calendar/", views.plan_calendar, name="calendar"),
    path("<int:pk>/summary/", views.plan_summary, name="summary"),
    path("<int:pk>/tasks.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/tasks.docx", views.export_docx, name="export_docx"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/progress/", views.task_update, name="task_update"),
    path("tasks/<int:pk>/status/", views.task_status, name="task_status"),
    path("tasks/<int:pk>/kind/", views.task_kind, name="task_kind"),
    path("task-units/<int:pk>/resolve/", views.task_unit_resolve, name="task_unit_resolve"),
    path("updates/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("import/", views_import.import_upload, name="import"),
    path("drafts/<int:pk>/", views_import.draft_detail, name="draft"),
    path("drafts/<int:pk>/row/", views_import.draft_row, name="draft_row"),
    path("drafts/<int:pk>/split/", views_import.draft_split, name="draft_split"),
    path("drafts/<int:pk>/merge/", views_import.draft_merge, name="draft_merge"),
    path("drafts/<int:pk>/unit/", views_import.draft_unit, name="draft_unit"),
    path("drafts/<int:pk>/save/", views_import.draft_save, name="draft_save"),
    path("drafts/<int:pk>/discard/", views_import.draft_discard, name="draft_discard"),
    path("<int:pk>/unit-plans/", views_unitplans.unit_plans, name="unit_plans"),
    path("<int:pk>/unit-plans/require/", views_unitplans.unit_plan_require, name="unit_plan_require"),
    path("unit-plans/<int:pk>/send/", views_unitplans.unit_plan_submit, name="unit_plan_submit"),
    path("unit-plans/<int:pk>/file/", views_unitplans.unit_plan_file, name="unit_plan_file"),
]
