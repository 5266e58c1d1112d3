from django.urls import path

from tdkt.orgs import listsheets, picker_views, views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("export.xlsx", listsheets.units_xlsx, name="tree_xlsx"),
    path("new/", views.unit_create, name="create"),
    path("choices/", picker_views.unit_choices, name="choices"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/edit/", views.unit_edit, name="edit"),
    path("<int:pk>/merge/", views.unit_merge, name="merge"),
    path("<int:pk>/split/", views.unit_split, name="split"),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_year_create, name="group_create"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("councils/", views.council_list, name="councils"),
    path("councils/<int:pk>/", views.council_detail, name="council_detail"),
]
