"""The history search's Excel as a background job when it holds more than EXPORT_JOB_THRESHOLD records
(tdkt.jobs.exporting). The query string and the requester's read and personal-data scope are frozen in the
job's parameters: a clerk's export stays within their units, and the file is served only while they still see
at least that much. Audited like the inline export. Retry-safe: it only computes a file."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.scope import Scope
from tdkt.audit.access import EXPORT, record_personal_access
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.jobs.exporting import scope_covers
from tdkt.jobs.registry import register
from tdkt.reports.search.exports import export_filename, write_history_xlsx
from tdkt.reports.search.forms import HistorySearchForm

HISTORY_EXPORT = "reports.history_export"
EXPORT_TIME_LIMIT = 1800


def frozen_scope(frozen: dict) -> Scope:
    """The reader's scope as it was frozen when the export was asked (tdkt.jobs.exporting.scope_params)."""
    return Scope(read_all=bool(frozen.get("all")), readable_unit_ids=frozenset(frozen.get("units", ())),
                 personal_data_all=bool(frozen.get("personal_all")),
                 personal_data_unit_ids=frozenset(frozen.get("personal_units", ())))


def query_params(query: QueryDict) -> dict:
    """The search's query string as JSON-able parameters (lists: the area boxes repeat)."""
    return {key: values for key, values in query.lists() if key != "page"}


def criteria_of(params: dict, scope: Scope) -> dict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values)
    form = HistorySearchForm(query, scope=scope)
    if not form.is_valid():
        raise ValidationError(_("The search criteria are not valid; the file was not made."))
    return form.criteria()


def can_export_history(user, params: dict) -> bool:
    return getattr(user, "is_authenticated", False) and scope_covers(user, params.get("scope"))


def record_history_export(user, criteria: dict, rows: int, revealed: list = (), filename: str = "") -> None:
    """One audit row for the export, one access-log row per person whose full personal data it holds."""
    record(user, AuditAction.EXPORT, object_type="awards.awardrecord",
           object_repr=_("Award history search (%(count)d rows)") % {"count": rows},
           changes={"criteria": {key: str(value) for key, value in criteria.items()}, "rows": rows})
    record_personal_access(user, revealed, via=EXPORT, where=filename)


def run_history_export(job, progress) -> None:
    user, params = get_user_model().objects.get(pk=job.created_by_id), job.params
    if not can_export_history(user, params):
        raise ValidationError(_("You may no longer see this list; the file was not made."))
    scope = frozen_scope(params["scope"])
    criteria = criteria_of(params["query"], scope)
    revealed, filename = [], export_filename()
    rows = write_history_xlsx(progress.result_path(filename), scope, criteria, total=params.get("rows"),
                              progress=progress, revealed_out=revealed)
    record_history_export(user, criteria, rows, revealed, filename)


register(HISTORY_EXPORT, title=gettext_lazy("Award history search"), run=run_history_export,
         can_access=can_export_history, retry_safe=True, time_limit=EXPORT_TIME_LIMIT)
