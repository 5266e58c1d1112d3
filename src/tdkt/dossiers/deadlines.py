"""Limits of each workflow step in working days, and the due date of the step a dossier enters.

The limits are rows of tdkt.workcalendar.models.StepLimit (edited by the specialists on the calendar
screens; seeded by the migration workcalendar 0002 from DEFAULT_STEP_LIMITS below). Provincial
processing times are set by each province (law.md §4.4: not national [U]), so those defaults are named
parameters, never law. The consultation limit is NĐ152 Đ34.6 (10 wd) [V] and the posting period
NĐ152 Đ44.2 (≥ 10 wd before the council) [V].

Working days come from the province's calendar (tdkt.workcalendar.calendar: national holidays plus
the province's extra days off and make-up days). Within a request or a command run the limits and the
calendar are each read once (tdkt.workcalendar.cache)."""

import datetime

from tdkt.dossiers.enums import DossierState
from tdkt.workcalendar.cache import cached
from tdkt.workcalendar.calendar import add_working_days
from tdkt.workcalendar.models import StepLimit

# state entered -> working days allowed for that step; the seed of the StepLimit table.
DEFAULT_STEP_LIMITS = {
    DossierState.SUBMITTED: 3,  # receipt (tiếp nhận) — provincial parameter [U]
    DossierState.RECEIVED: 2,  # assignment to a specialist — provincial parameter [U]
    DossierState.IN_APPRAISAL: 20,  # appraisal (thẩm định) — provincial parameter [U]
    DossierState.RETURNED: 10,  # the unit completes a returned dossier — provincial parameter [U]
    DossierState.CONSULTATION: 10,  # hiệp y answer, NĐ152 Đ34.6 [V]
    DossierState.PUBLIC_POSTING: 10,  # công khai, NĐ152 Đ44.2 [V]
}


def _load_limits() -> dict[str, int]:
    return dict(StepLimit.objects.values_list("step", "working_days"))


def step_limits() -> dict[str, int]:
    """Every configured limit (state -> working days), read once per request or command run."""
    return cached("step_limits", _load_limits)


def step_limit(state: str) -> int | None:
    """Working days allowed for the step that starts when a dossier enters `state` (None: no limit)."""
    return step_limits().get(state)


def step_due_date(state: str, start: datetime.date) -> datetime.date | None:
    """Due date of the step that starts on `start` when the dossier enters `state` (None: no limit)."""
    limit = step_limit(state)
    return None if limit is None else add_working_days(start, limit)
