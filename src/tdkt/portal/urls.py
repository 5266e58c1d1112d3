from django.urls import path

from tdkt.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("tim-kiem/", views.search, name="search"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("decisions/<int:pk>/ban-ky-so.pdf", views.decision_signed_pdf, name="decision_signed_pdf"),
    path("verify/", views.verify_form, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path("phong-trao/", views.movements, name="movements"),
    path("phong-trao/<int:pk>/", views.movement, name="movement"),
]
