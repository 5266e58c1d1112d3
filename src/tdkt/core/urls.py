from django.urls import path

from tdkt.core import nav_views, views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("floor", views.floor, name="floor"),
    path("khen-thuong-don-vi/", views.my_workspace, name="my_workspace"),
    path("khen-thuong-don-vi/<int:pk>/", views.workspace, name="workspace"),
    path("tim-kiem/", nav_views.search, name="search"),
    path("huong-dan/", nav_views.guide_index, name="guide_index"),
    path("huong-dan/<slug:page>/", nav_views.guide_page, name="guide_page"),
    path("gioi-thieu/", nav_views.about, name="about"),
    path("mau-nhap/<slug:layout>.xlsx", nav_views.import_template, name="import_template"),
]
