from django.urls import path

from tdkt.exemplars import public, views

app_name = "exemplars"

# Staff pages under exemplars/, the portal's under dien-hinh/ (included at the site's root).
urlpatterns = [
    path("exemplars/", views.exemplar_list, name="list"),
    path("exemplars/export.xlsx", views.exemplar_export, name="export"),
    path("exemplars/new/", views.exemplar_new, name="new"),
    path("exemplars/archive/", views.archive_year, name="archive_year"),
    path("exemplars/<int:pk>/", views.exemplar_detail, name="detail"),
    path("exemplars/<int:pk>/edit/", views.exemplar_edit, name="edit"),
    path("exemplars/<int:pk>/photo/", views.exemplar_photo, name="photo"),
    path("dien-hinh/", public.public_list, name="public_list"),
    path("dien-hinh/<int:pk>/", public.public_detail, name="public_detail"),
    path("dien-hinh/<int:pk>/anh/", public.public_photo, name="public_photo"),
]
