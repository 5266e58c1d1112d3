"""Limits of each workflow step in working days, and the due date of the step a dossier enters.

Provincial processing times are set by each province (law.md §4.4: not national [U]); the defaults
below are named parameters, never law. The consultation limit is NĐ152 Đ34.6 (10 wd) [V] and the
posting period NĐ152 Đ44.2 (≥ 10 wd before the council) [V]."""

import datetime

from tdkt.dossiers.enums import DossierState
from tdkt.lib.workdays import add_working_days

# state entered -> working days allowed for that step (None: no limit)
DEFAULT_STEP_LIMITS = {
    DossierState.SUBMITTED: 3,  # receipt (tiếp nhận) — provincial parameter [U]
    DossierState.RECEIVED: 2,  # assignment to a specialist — provincial parameter [U]
    DossierState.IN_APPRAISAL: 20,  # appraisal (thẩm định) — provincial parameter [U]
    DossierState.RETURNED: 10,  # the unit completes a returned dossier — provincial parameter [U]
    DossierState.CONSULTATION: 10,  # hiệp y answer, NĐ152 Đ34.6 [V]
    DossierState.PUBLIC_POSTING: 10,  # công khai, NĐ152 Đ44.2 [V]
}


def step_limit(state: str) -> int | None:
    return DEFAULT_STEP_LIMITS.get(state)


def step_due_date(state: str, start: datetime.date) -> datetime.date | None:
    """Due date of the step that starts on `start` when the dossier enters `state` (None: no limit)."""
    limit = step_limit(state)
    return None if limit is None else add_working_days(start, limit)
