"""The people export (a search result as Excel) as a background job when it holds more than
EXPORT_JOB_THRESHOLD persons (tdkt.jobs.exporting). The requester's read scope and personal-data scope are
kept in the job's parameters: a unit clerk's export stays within their units, and the file is served only
while they still see at least that much. Audited like the inline export. Retry-safe: it only computes a file."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.audit.access import EXPORT, record_personal_access
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.jobs.exporting import frozen_personal, scope_covers
from tdkt.jobs.registry import register
from tdkt.people import queries
from tdkt.people.exports import MAX_ROWS, write_people_xlsx

PEOPLE_EXPORT = "people.export"
EXPORT_TIME_LIMIT = 1800


def can_export_people(user, params: dict) -> bool:
    return getattr(user, "is_authenticated", False) and scope_covers(user, params.get("scope"))


def people_in_scope(user, query: str, frozen: dict):
    """The search result as the view gives it (tdkt.people.queries.search_people), within the frozen scope."""
    people = queries.search_people(user, query)
    if not frozen.get("all"):
        people = people.filter(unit_id__in=frozen.get("units", ()))
    return people[:MAX_ROWS]


def export_filename() -> str:
    return f"danh-sach-ca-nhan-{timezone.localtime().strftime('%Y%m%d-%H%M')}.xlsx"


def record_people_export(user, query: str, rows: int, revealed: list = (), filename: str = "") -> None:
    """One audit row for the export, and one access-log row per person whose full personal data it holds
    (one bulk insert)."""
    record(user, AuditAction.EXPORT, object_type="people.person",
           object_repr=_("People list (%(count)d rows)") % {"count": rows}, changes={"query": query, "rows": rows})
    record_personal_access(user, revealed, via=EXPORT, where=filename)


def run_people_export(job, progress) -> None:
    user, params = get_user_model().objects.get(pk=job.created_by_id), job.params
    if not can_export_people(user, params):
        raise ValidationError(_("You may no longer see this list; the file was not made."))
    people = people_in_scope(user, params["query"], params["scope"])
    total, revealed, filename = people.count(), [], export_filename()
    rows = write_people_xlsx(progress.result_path(filename), people, can_see_personal_data=frozen_personal(
        params["scope"]), total=total, progress=progress, revealed_out=revealed)
    record_people_export(user, params["query"], rows, revealed, filename)


# Registered when tdkt.jobs autodiscovers the apps' `jobs` modules (JobsConfig.ready()).
register(PEOPLE_EXPORT, title=gettext_lazy("People list"), run=run_people_export, can_access=can_export_people,
         retry_safe=True, time_limit=EXPORT_TIME_LIMIT)
