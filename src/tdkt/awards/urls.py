from django.urls import path

from tdkt.awards import views, views_ratings

app_name = "awards"
urlpatterns = [
    path("types/", views.type_list, name="types"),
    path("types/new/", views.type_create, name="type_create"),
    path("types/<int:pk>/", views.type_detail, name="type_detail"),
    path("types/<int:pk>/edit/", views.type_edit, name="type_edit"),
    path("people/<int:pk>/awards/new/", views.person_award_add, name="person_award_add"),
    path("people/<int:pk>/ratings/new/", views.person_rating_add, name="person_rating_add"),
    path("people/<int:pk>/initiatives/new/", views.person_initiative_add, name="person_initiative_add"),
    path("people/<int:pk>/discipline/new/", views.person_discipline_add, name="person_discipline_add"),
    path("people/<int:pk>/cases/new/", views.person_case_add, name="person_case_add"),
    path("units/<int:pk>/awards/new/", views.unit_award_add, name="unit_award_add"),
    path("units/<int:pk>/ratings/new/", views.unit_rating_add, name="unit_rating_add"),
    path("units/<int:pk>/ratings/<int:year>/", views_ratings.ratings_sheet, name="ratings_sheet"),
    path("units/<int:pk>/cases/new/", views.unit_case_add, name="unit_case_add"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
]

from tdkt.awards.imports.urls import urlpatterns as import_urlpatterns  # noqa: E402

urlpatterns += import_urlpatterns

from tdkt.awards.archive.urls import urlpatterns as archive_urlpatterns  # noqa: E402

urlpatterns += archive_urlpatterns
