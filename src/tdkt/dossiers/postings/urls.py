from django.urls import path

from tdkt.dossiers.postings import listsheets, settings_views, views

app_name = "postings"

urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("<int:pk>/", views.public_detail, name="public_detail"),
    path("manage/", views.staff_list, name="staff_list"),
    path("manage/export.xlsx", listsheets.notices_xlsx, name="staff_list_xlsx"),
    path("manage/<int:pk>/", views.manage, name="manage"),
    path("manage/<int:pk>/close/", views.close, name="close"),
    path("manage/comments/<int:pk>/", views.handle, name="handle"),
    path("dossier/<int:pk>/", views.dossier_notices, name="dossier"),
    path("manage/settings/", settings_views.posting_settings, name="settings"),
]
