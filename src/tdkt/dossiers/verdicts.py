"""Stored verdicts of the dossier lines, kept current by the worker.

Every line carries the engine's latest snapshot in `verdict_live` with the time it was computed
(`verdict_live_at`): written when the line is entered, imported or its award changed, when the dossier is
submitted or appraised (the frozen `verdict_at_submission` / `verdict_at_appraisal` keep what held then),
and by `recompute` when a fact of its recipient changes. Pages, exports and the API read what is stored
(`current`, `computed_at`) and never run a rule while rendering.

A change of facts (tdkt.awards.facts.changed, called by the services that write ratings, award records,
discipline, cases, initiatives, and by the bulk paths: history import, a decision's signing) reaches
`facts_changed`, which collects the recipients per transaction and enqueues ONE task when it commits. The
task recomputes the recipients' open lines, across all dossiers, with a fixed number of queries (plus one
per batch of BATCH lines written)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.dossiers.eligibility import evaluate_lines, store_live
from tdkt.dossiers.enums import CLOSED_STATES, DossierState, NominationState
from tdkt.dossiers.models import Nomination

logger = logging.getLogger(__name__)

# Lines whose verdict still matters: not yet decided (council, decision), withdrawn or rejected…
OPEN_LINE_STATES = frozenset({NominationState.PROPOSED, NominationState.NEEDS_FIX, NominationState.ACCEPTED,
                              NominationState.ON_HOLD})
# … in a dossier not closed.
OPEN_DOSSIER_STATES = frozenset(DossierState) - CLOSED_STATES
BATCH = 500
# A line locked by another transaction (a decision being signed, a decision on the line) is skipped and
# tried again in a new task, at most this many times in all.
MAX_ATTEMPTS = 3

SNAPSHOTS = ("verdict_live", "verdict_at_appraisal", "verdict_at_submission")  # newest first


def current(line) -> dict | None:
    """The line's latest stored snapshot (no rule runs): the live one, else the frozen ones of older data."""
    return next((value for value in (getattr(line, name) for name in SNAPSHOTS) if value), None)


def current_code(line) -> str:
    """The verdict code of `current` ("" when none was computed)."""
    return (current(line) or {}).get("verdict", "")


def computed_at(line) -> dt.datetime | dt.date | None:
    """When the shown verdict was computed: the stored time of the live one, else the day of a frozen one."""
    if line.verdict_live:
        return line.verdict_live_at
    evaluated_on = (current(line) or {}).get("evaluated_on")
    return dt.date.fromisoformat(evaluated_on) if evaluated_on else None


def computed_when(line) -> str:
    """dd/mm/yyyy HH:MM (local time) of the shown verdict, the day alone for an older frozen one, "" unknown."""
    when = computed_at(line)
    if when is None:
        return ""
    if isinstance(when, dt.datetime):
        return timezone.localtime(when).strftime("%d/%m/%Y %H:%M")
    return when.strftime("%d/%m/%Y")


def computed_text(line) -> str:
    """"tính lúc dd/mm/yyyy HH:MM", "" when unknown (the pages; the Excel list has a column for computed_when)."""
    when = computed_when(line)
    return _("computed at %(when)s") % {"when": when} if when else ""


# --- a change of facts: one task per transaction --------------------------------------------------------


class _Pending:
    """The recipients collected during one transaction; flushed once, when it commits."""

    def __init__(self):
        self.ids = {"person_ids": set(), "unit_ids": set(), "household_ids": set()}
        self.flushed = False

    def add(self, ids: dict) -> None:
        for key, values in ids.items():
            self.ids[key].update(values)

    def __call__(self) -> None:
        self.flushed = True
        enqueue(**self.ids)


_PENDING_ATTRIBUTE = "tdkt_verdict_facts_pending"


def facts_changed(*, person_ids=(), unit_ids=(), household_ids=()) -> None:
    """Queue the recomputation of these recipients' open lines after the current transaction commits.

    All calls of one transaction share one task (coalesced): the callback registered with on_commit is
    remembered on the connection and looked up among the connection's pending callbacks, so a rolled back
    transaction (its callbacks discarded) never swallows the ids of the next one. Outside a transaction the
    task is enqueued at once."""
    ids = {"person_ids": set(person_ids), "unit_ids": set(unit_ids), "household_ids": set(household_ids)}
    if not any(ids.values()):
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        enqueue(**ids)
        return
    pending = getattr(connection, _PENDING_ATTRIBUTE, None)
    if pending is None or pending.flushed or not any(
            callback is pending for _sids, callback, *_rest in connection.run_on_commit):
        pending = _Pending()
        setattr(connection, _PENDING_ATTRIBUTE, pending)
        # robust: where the task runs inline (ImmediateBackend), its failure is logged, never raised into the
        # request or the signing that has just committed.
        transaction.on_commit(pending, robust=True)
    pending.add(ids)


def enqueue(*, person_ids=(), unit_ids=(), household_ids=(), attempt: int = 1) -> None:
    recompute_verdicts_task.enqueue(sorted(person_ids), sorted(unit_ids), sorted(household_ids), attempt)


@task
def recompute_verdicts_task(person_ids: list[int], unit_ids: list[int], household_ids: list[int],
                            attempt: int = 1) -> None:
    """The worker's task (idempotent: running it again only recomputes again)."""
    recompute(person_ids=person_ids, unit_ids=unit_ids, household_ids=household_ids, attempt=attempt)


def open_lines(*, person_ids=(), unit_ids=(), household_ids=()):
    """The recipients' open lines in open dossiers, across all dossiers, with their dossier (one query)."""
    who = Q(pk__in=[])
    if person_ids:
        who |= Q(person_id__in=list(person_ids))
    if unit_ids:
        who |= Q(unit_id__in=list(unit_ids))
    if household_ids:
        who |= Q(household_id__in=list(household_ids))
    return (Nomination.objects.filter(who, state__in=OPEN_LINE_STATES, dossier__state__in=OPEN_DOSSIER_STATES)
            .select_related("dossier").order_by("pk"))


def recompute(*, person_ids=(), unit_ids=(), household_ids=(), today: dt.date | None = None,
              attempt: int = 1) -> int:
    """Recompute and store the verdicts of the recipients' open lines; returns how many were written.

    The engine runs without any lock. Then, in one short transaction, the lines still open are locked
    (FOR UPDATE SKIP LOCKED: a line another transaction holds, e.g. one being awarded by a signing, is never
    waited for, so the refresh can neither block nor deadlock that transaction) and updated, conditional on
    their state once more: a line awarded, withdrawn or decided meanwhile is left as it is. Skipped locked
    lines are tried again by a new task (at most MAX_ATTEMPTS in all)."""
    lines = list(open_lines(person_ids=person_ids, unit_ids=unit_ids, household_ids=household_ids))
    if not lines:
        return 0
    store_live(lines, evaluate_lines(lines, today=today))
    wanted = {line.pk for line in lines}
    with transaction.atomic():
        still_open = Nomination.objects.filter(pk__in=wanted, state__in=OPEN_LINE_STATES)
        lockable = set(still_open.select_for_update(skip_locked=True).values_list("pk", flat=True))
        writable = [line for line in lines if line.pk in lockable]
        Nomination.objects.filter(state__in=OPEN_LINE_STATES).bulk_update(
            writable, ["verdict_live", "verdict_live_at"], batch_size=BATCH)
        locked = _locked_elsewhere(wanted - lockable)
        if locked:
            _retry_later(lines, locked, attempt)
    return len(writable)


def recompute_all(*, today: dt.date | None = None, chunk: int = 2_000) -> int:
    """Recompute every open line, a chunk of recipients at a time (the daily sweep `refresh_verdicts`): it
    catches what no change of facts announces — time passing (a discipline period ending, a new year) — and a
    refresh task lost with a crashed worker. Returns how many lines were written."""
    open_ = Nomination.objects.filter(state__in=OPEN_LINE_STATES, dossier__state__in=OPEN_DOSSIER_STATES)
    written = 0
    for field, name in (("person_id", "person_ids"), ("unit_id", "unit_ids"), ("household_id", "household_ids")):
        ids = sorted(set(open_.filter(**{f"{field}__isnull": False}).values_list(field, flat=True)))
        for start in range(0, len(ids), chunk):
            written += recompute(**{name: ids[start:start + chunk]}, today=today)
    return written


def _locked_elsewhere(candidates: set[int]) -> set[int]:
    """Of the lines not locked by us, those still open (so held by another transaction, not closed)."""
    if not candidates:
        return set()
    return set(Nomination.objects.filter(pk__in=candidates, state__in=OPEN_LINE_STATES).values_list("pk", flat=True))


def _retry_later(lines, locked: set[int], attempt: int) -> None:
    if attempt >= MAX_ATTEMPTS:
        logger.warning("verdicts of %s line(s) not refreshed: locked by other transactions", len(locked))
        return
    skipped = [line for line in lines if line.pk in locked]
    ids = {"person_ids": {line.person_id for line in skipped if line.person_id},
           "unit_ids": {line.unit_id for line in skipped if line.unit_id},
           "household_ids": {line.household_id for line in skipped if line.household_id}}
    transaction.on_commit(lambda: enqueue(**ids, attempt=attempt + 1), robust=True)
