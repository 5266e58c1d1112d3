from django.contrib import admin
from django.urls import include, path

from tdkt.users import admin_gate

admin_gate.install(admin.site)  # one sign-in path for everybody (lockout, second factor); administrators only
admin.site.site_header = "TĐKT"

urlpatterns = [
    path("", include("tdkt.core.urls")),
    path("", include("tdkt.accounts.urls")),
    path("units/", include("tdkt.orgs.urls")),
    path("people/", include("tdkt.people.urls")),
    path("awards/", include("tdkt.awards.urls")),
    path("plans/", include("tdkt.plans.urls")),
    path("audit/", include("tdkt.audit.urls")),
    path("users/", include("tdkt.users.urls")),
    path("calendar/", include("tdkt.workcalendar.urls")),
    path("calendar/", include("tdkt.dossiers.urls_calls")),
    path("notifications/", include("tdkt.notifications.urls")),
    path("movements/", include("tdkt.movements.urls")),
    path("scoring/", include("tdkt.movements.scoring.urls")),
    path("dossiers/", include("tdkt.dossiers.urls")),
    path("dossiers/", include("tdkt.dossiers.nominees.urls")),
    path("consultations/", include("tdkt.dossiers.consultations.urls")),
    path("notices/", include("tdkt.dossiers.postings.urls")),
    path("council/", include("tdkt.council.urls")),
    path("decisions/", include("tdkt.decisions.urls")),
    path("certificates/", include("tdkt.decisions.certificates.urls")),
    path("signing/", include("tdkt.decisions.signing.urls")),
    path("khen-cao/", include("tdkt.central.urls")),
    path("reports/", include("tdkt.reports.urls")),
    path("initiatives/", include("tdkt.initiatives.urls")),
    path("inspections/", include("tdkt.inspections.urls")),
    path("training/", include("tdkt.training.urls")),
    path("", include("tdkt.exemplars.urls")),  # exemplars/ (staff) and dien-hinh/ (the portal's)
    path("", include("tdkt.news.urls")),  # /tin-tuc/ (the portal) and /news/ (the officers)
    path("api/v1/", include("tdkt.api.urls")),
    path("portal/", include("tdkt.portal.urls")),
    path("jobs/", include("tdkt.jobs.urls")),
    path("integration/", include("tdkt.integration.urls")),
    path("workflow/", include("tdkt.workflow.urls")),
    path("admin/", admin.site.urls),
]
