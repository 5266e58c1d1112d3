from django.urls import path

from tdkt.users import views

app_name = "users"
urlpatterns = [
    path("", views.user_list, name="list"),
    path("export/", views.user_export, name="export"),
    path("new/", views.user_create, name="create"),
    path("<int:pk>/", views.user_detail, name="detail"),
    path("<int:pk>/edit/", views.user_edit, name="edit"),
    path("<int:pk>/memberships/new/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("<int:pk>/<slug:action>/", views.user_action, name="action"),
]
