"""Calls for dossiers (đợt nhận hồ sơ, e.g. "Tổng kết năm 2026, hạn 10/12/2026"): the specialists'
operations, the calls a user sees with their days left, and lateness.

A dossier sent after its call's cut-off needs a written justification (issue 5, item 7); `is_late`
is the one place that says what "after" means: the cut-off day itself is still on time."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record, record_create, record_update, snapshot
from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Dossier, DossierCall
from tdkt.workcalendar.calendar import current_calendar

# A unit "has sent" a dossier for a call once its leader sent it (not while it awaits his approval), unless it
# was withdrawn.
NOT_SENT_STATES = (DossierState.DRAFT, DossierState.AWAITING_APPROVAL, DossierState.WITHDRAWN)


def is_late(call: DossierCall, day: datetime.date) -> bool:
    """True when something dated `day` misses the call's cut-off (the cut-off day itself is on time)."""
    return day > call.cut_off


@transaction.atomic
def create_call(*, by, name, year, kind, cut_off, note="", movement=None) -> DossierCall:
    """`movement`: the call is the award round of that movement's review (its dossiers name the movement)."""
    call = DossierCall.objects.create(name=name.strip(), year=year, kind=kind, cut_off=cut_off, note=note.strip(),
                                      movement=movement)
    record_create(by, call)
    return call


@transaction.atomic
def update_call(call: DossierCall, *, by, **fields) -> DossierCall:
    before = snapshot(DossierCall.objects.get(pk=call.pk))  # the form may have changed `call` already
    for name, value in fields.items():
        setattr(call, name, value.strip() if isinstance(value, str) else value)
    call.save(update_fields=list(fields))
    record_update(by, call, before)
    return call


@transaction.atomic
def set_call_open(call: DossierCall, *, by, is_open: bool) -> DossierCall:
    """Close (or reopen) a call; conditional, so two clicks make one change and one clear refusal."""
    if not DossierCall.objects.filter(pk=call.pk, is_open=not is_open).update(is_open=is_open):
        raise ValidationError(_("This call is already open.") if is_open else _("This call is already closed."))
    call.is_open = is_open
    record(by, AuditAction.UPDATE, call, changes={"is_open": [not is_open, is_open]})
    return call


def sent_unit_ids(call_ids) -> dict[int, set[int]]:
    """Call id -> ids of the units that sent a dossier for it (one query)."""
    sent: dict[int, set[int]] = {}
    rows = (Dossier.objects.filter(call_id__in=list(call_ids)).exclude(state__in=NOT_SENT_STATES)
            .values_list("call_id", "unit_id").distinct())
    for call_id, unit_id in rows:
        sent.setdefault(call_id, set()).add(unit_id)
    return sent


def open_calls_for(user, today: datetime.date | None = None) -> list[DossierCall]:
    """The open calls, soonest cut-off first, each with `working_days_left` (negative: past the cut-off,
    late dossiers still accepted with a justification), `is_past` and, for unit users, `has_sent` (one
    of the user's units sent a dossier for it). Three queries at most (calls, dossiers, calendar)."""
    today = today or timezone.localdate()
    calls = list(DossierCall.objects.filter(is_open=True).order_by("cut_off", "id"))
    if not calls:
        return calls
    scope = get_scope(user)
    calendar = current_calendar()
    sent = {} if scope.read_all else sent_unit_ids(call.pk for call in calls)
    for call in calls:
        call.working_days_left = calendar.working_days_left(call.cut_off, today)
        call.is_past = is_late(call, today)
        call.has_sent = None if scope.read_all else bool(sent.get(call.pk, set()) & scope.writable_unit_ids)
    return calls
