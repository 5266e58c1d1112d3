from django.urls import path

from tdkt.workcalendar import views

app_name = "workcalendar"

urlpatterns = [
    path("", views.calendar_year, name="year"),
    path("days/add/", views.day_add, name="day_add"),
    path("days/<int:pk>/remove/", views.day_remove, name="day_remove"),
    path("limits/", views.limit_list, name="limits"),
    path("limits/<int:pk>/edit/", views.limit_edit, name="limit_edit"),
]
