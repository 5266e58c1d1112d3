from django.urls import path

from tdkt.integration import views

app_name = "integration"

urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/export.xlsx", views.outbox_xlsx, name="outbox_xlsx"),
    path("outbox/<int:pk>/requeue/", views.outbox_requeue, name="outbox_requeue"),
]
