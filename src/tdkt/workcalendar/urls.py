app_name = "workcalendar"

urlpatterns = []
