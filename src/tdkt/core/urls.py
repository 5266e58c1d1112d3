from django.urls import path

from tdkt.core import views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("khen-thuong-don-vi/", views.my_workspace, name="my_workspace"),
    path("khen-thuong-don-vi/<int:pk>/", views.workspace, name="workspace"),
]
