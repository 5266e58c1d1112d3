from django.urls import path

from tdkt.training import views

app_name = "training"

urlpatterns = [
    path("", views.training_list, name="list"),
    path("new/", views.training_new, name="new"),
    path("counts/", views.counts, name="counts"),
    path("counts.xlsx", views.counts_export, name="counts_export"),
    path("<int:pk>/", views.training_detail, name="detail"),
    path("<int:pk>/trainees/", views.trainees_add, name="trainees_add"),
    path("<int:pk>/trainees.xlsx", views.trainees_export, name="trainees_export"),
    path("<int:pk>/attendance/<int:session_pk>/", views.attendance, name="attendance"),
    path("<int:pk>/results/", views.results, name="results"),
    path("trainees/<int:pk>/remove/", views.trainee_remove, name="trainee_remove"),
    path("trainees/<int:pk>/certificate.docx", views.certificate, name="certificate"),
]
