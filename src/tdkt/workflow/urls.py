from django.urls import path

from tdkt.workflow import views

app_name = "workflow"
urlpatterns = [
    path("<slug:machine_name>/<int:pk>/<slug:name>/", views.act, name="act"),
]
