from django.urls import path

from tdkt.central import views, views_packages

app_name = "central"

urlpatterns = [
    path("", views.index, name="index"),
    path("de-nghi/moi/", views.proposal_create, name="proposal_create"),
    path("de-nghi/<int:pk>/", views.proposal, name="proposal"),
    path("de-nghi/<int:pk>/dong-goi/", views.proposal_build, name="proposal_build"),
    path("de-nghi/<int:pk>/bo-dong/", views.proposal_line_remove, name="proposal_line_remove"),
    path("de-nghi/<int:pk>/tiep-nhan/", views.proposal_receipt, name="proposal_receipt"),
    path("de-nghi/<int:pk>/tep/<str:kind>/", views.proposal_file, name="proposal_file"),
    path("quyet-dinh/moi/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.decision, name="decision"),
    path("quyet-dinh/<int:pk>/nhap/", views.decision_import, name="decision_import"),
    path("quyet-dinh/<int:pk>/them/", views.decision_add, name="decision_add"),
    path("quyet-dinh/<int:pk>/xu-ly/", views.decision_review, name="decision_review"),
    path("quyet-dinh/<int:pk>/ghi-nhan/", views.decision_commit, name="decision_commit"),
    path("quyet-dinh/<int:pk>/ban-giao/", views.decision_handover, name="decision_handover"),
    path("ban-giao/", views.handover_list, name="handover"),
    path("goi-van-ban/", views_packages.package_import, name="packages"),
    path("goi-van-ban/quyet-dinh/<int:pk>/", views_packages.decision_package, name="decision_package"),
    path("goi-van-ban/to-trinh/<int:pk>/", views_packages.proposal_package, name="proposal_package"),
    path("goi-van-ban/thong-bao/<int:pk>/", views_packages.notice_package, name="notice_package"),
]
