app_name = "postings"

urlpatterns = []
