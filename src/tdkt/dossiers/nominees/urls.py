app_name = "nominees"

urlpatterns = []
