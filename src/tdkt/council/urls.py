from django.urls import path

from tdkt.council import ballot_control_views, ballot_views, listsheets, views

app_name = "council"

urlpatterns = [
    path("", views.meeting_list, name="meetings"),
    path("export.xlsx", listsheets.meetings_xlsx, name="meetings_xlsx"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/agenda/", views.agenda_build, name="agenda_build"),
    path("<int:pk>/agenda/<int:item_pk>/withdraw/", views.agenda_withdraw, name="agenda_withdraw"),
    path("<int:pk>/attendance/", views.attendance_save, name="attendance"),
    path("<int:pk>/open/", views.meeting_open, name="meeting_open"),
    path("<int:pk>/close/", views.meeting_close, name="meeting_close"),
    path("<int:pk>/ballot/open/", ballot_control_views.ballot_open, name="ballot_open"),
    path("<int:pk>/ballot/close/", ballot_control_views.ballot_close, name="ballot_close"),
    path("<int:pk>/ballot/count/", views.ballot_count, name="ballot_count"),
    path("<int:pk>/vote/", ballot_views.vote, name="vote"),
    path("<int:pk>/written-opinion/", ballot_views.written_opinion, name="written_opinion"),
    path("<int:pk>/tallies/", ballot_views.paper_tallies, name="paper_tallies"),
    path("<int:pk>/papers/", views.papers, name="papers"),
    path("<int:pk>/papers.docx", views.papers_docx, name="papers_docx"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/minutes/lock/", views.minutes_lock, name="minutes_lock"),
    path("<int:pk>/minutes.docx", views.minutes_docx, name="minutes_docx"),
]
