from django.urls import path

from tdkt.people import duplicate_views, group_views, views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("choices/", views.person_choices, name="choices"),
    path("new/", views.person_create, name="create"),
    path("import/", views.person_import, name="import"),
    path("export.xlsx", views.person_export, name="export"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("groups/", group_views.group_list, name="groups"),
    path("duplicates/", duplicate_views.duplicate_list, name="duplicates"),
    path("<int:pk>/merge/", duplicate_views.person_merge, name="merge"),
]
