from django.urls import path

from tdkt.news import views, views_contributions

app_name = "news"

urlpatterns = [
    # the portal (public)
    path("tin-tuc/", views.public_list, name="public_list"),
    path("tin-tuc/<int:pk>/", views.public_article, name="public_article"),
    path("tin-tuc/anh/<int:pk>/", views.photo, name="photo"),
    # the officers' pages
    path("news/", views.article_list, name="list"),
    path("news/new/", views.article_new, name="new"),
    path("news/<int:pk>/", views.article_detail, name="detail"),
    path("news/<int:pk>/edit/", views.article_edit, name="edit"),
    path("news/<int:pk>/approve/", views.approve, name="approve"),
    path("news/photos/<int:pk>/remove/", views.photo_remove, name="photo_remove"),
    path("news/contributions/", views_contributions.contributions, name="contributions"),
    path("news/contributions.xlsx", views_contributions.contributions_export, name="contributions_export"),
    path("news/contributions/asks/new/", views_contributions.ask_new, name="ask_new"),
    path("news/contributions/asks/<int:pk>/", views_contributions.ask_edit, name="ask_edit"),
    path("news/contributions/asks/<int:pk>/delete/", views_contributions.ask_delete, name="ask_delete"),
]
