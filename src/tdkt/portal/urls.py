from django.urls import path

from tdkt.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("verify/", views.verify_form, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
]
