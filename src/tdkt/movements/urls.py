from django.urls import path

from tdkt.movements import listsheets, views, views_groups, views_registration_names, views_registrations, views_reviews

app_name = "movements"

urlpatterns = [
    path("", views.movement_list, name="list"),
    path("export.xlsx", listsheets.movements_xlsx, name="list_xlsx"),
    path("new/", views.movement_create, name="create"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/edit/", views.movement_edit, name="edit"),
    path("<int:pk>/phases/add/", views.phase_add, name="phase_add"),
    path("<int:pk>/milestones/add/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/documents/add/", views.document_add, name="document_add"),
    path("documents/<int:pk>/", views.document_file, name="document_file"),
    path("<int:pk>/reviews/add/", views_reviews.review_add, name="review_add"),
    path("reviews/<int:pk>/", views_reviews.review_detail, name="review"),
    path("reviews/<int:pk>/report.docx", views_reviews.review_report_file, name="review_report"),
    path("registrations/", views_registrations.registration_list, name="registrations"),
    path("registrations/new/", views_registrations.registration_create, name="registration_create"),
    path("registrations/<int:pk>/", views_registrations.registration_detail, name="registration"),
    path("registrations/<int:pk>/edit/", views_registrations.registration_edit, name="registration_edit"),
    path("registrations/<int:pk>/submit/", views_registrations.registration_submit, name="registration_submit"),
    path("registrations/<int:pk>/sign/", views_registrations.registration_sign, name="registration_sign"),
    path("registrations/names/", views_registration_names.registration_names, name="registration_names"),
    path("registrations/calls/<int:pk>/missing/", views_registration_names.registration_missing,
         name="registration_missing"),
    path("registrations/calls/<int:pk>/remind/", views_registration_names.registration_remind,
         name="registration_remind"),
    path("registrations/template.xlsx", views_registrations.registration_template, name="registration_template"),
    path("registrations/import/", views_registrations.registration_import, name="registration_import"),
    path("registrations/calls/", views_registrations.registration_calls, name="registration_calls"),
    path("registrations/compare/", views_registrations.registration_comparison, name="comparison"),
    path("registrations/compare.xlsx", views_registrations.registration_comparison_xlsx, name="comparison_xlsx"),
    path("covenants/", views_groups.covenant_list, name="covenants"),
    path("covenants/<int:pk>/", views_groups.covenant_detail, name="covenant"),
    path("covenants/<int:pk>/edit/", views_groups.covenant_edit, name="covenant_edit"),
    path("covenants/<int:pk>/document/", views_groups.covenant_document, name="covenant_document"),
    path("groups/<int:pk>/rotate/", views_groups.group_rotate, name="group_rotate"),
    path("groups/rotate/", views_groups.groups_rotate_year, name="groups_rotate_year"),
    path("groups/<int:pk>/restructure/", views_groups.group_restructure, name="group_restructure"),
    path("units/<int:pk>/groups/", views_groups.unit_history, name="unit_history"),
]
