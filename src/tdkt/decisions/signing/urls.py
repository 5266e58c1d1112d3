from django.urls import path

from tdkt.decisions.signing import views

app_name = "signing"

urlpatterns = [
    path("decision/<int:pk>/remote/", views.remote_start, name="remote_start"),
    path("decision/<int:pk>/sign/", views.sign_server, name="sign_server"),
    path("remote/<int:pk>/", views.remote_finish, name="remote_finish"),
]
