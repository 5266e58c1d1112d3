from django.urls import path

from tdkt.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("login/second-factor/", views.second_factor, name="second_factor"),
    path("logout/", views.sign_out, name="logout"),
    path("session/", views.session_status, name="session_status"),
    path("session/renew/", views.session_renew, name="session_renew"),
    path("account/password/", views.password_change, name="password_change"),
]
