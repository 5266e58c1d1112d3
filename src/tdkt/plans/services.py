"""The domain functions of plan tasks. State changes are declared in tdkt.plans.transitions and made by
the one workflow primitive (conditional update, history row, audit row, in one transaction). Views,
commands and tests all call these.

- `set_task_state(task, new, *, by, reason)`: the only way a task's state changes (two people acting at
  once cannot both win; the loser gets a message).
- `sweep_overdue(today)`: the daily sweep, through set_task_state.
- `post_task_update(task, *, by, unit, note, percent, evidence)`: a progress report with evidence.
- `resolve_task_unit(link, unit, *, by)`: a person resolves a flagged unit name of a saved plan.
- `set_task_kind(task, kind, data, *, by)`: the task's kind and its kind-specific data.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record, record_update, snapshot
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.plans.enums import SWEEPABLE_STATES, Resolution, TaskState
from tdkt.plans.kinds import validate_kind_data
from tdkt.plans.models import PlanTask, PlanTaskUnit, TaskUpdate
from tdkt.plans.transitions import REPORT_TRANSITIONS, TASK_MACHINE, transition_to

EVIDENCE_KINDS = {"pdf", "docx", "xlsx", "image"}
SWEEP_ACTOR = "send_reminders"


def _state_label(state: str) -> str:
    return str(TaskState(state).label)


def set_task_state(task: PlanTask, new: str, *, by, reason: str = "", completed_on: datetime.date | None = None,
                   today: datetime.date | None = None) -> PlanTask:
    """Move the task from its current state to `new`, if a declared transition (tdkt.plans.transitions)
    allows it and `by` is its actor.

    `by` is the acting user (or a name such as "send_reminders" for the daily sweep). Done needs a
    completion date (today by default, never in the future); cancelling needs a reason; overdue only
    when the last due date has passed. Raises ValidationError, also when someone else changed the
    state first (TASK_MACHINE.perform: the update is conditional on the state this function was given)."""
    today = today or timezone.localdate()
    old = task.state
    try:
        new = TaskState(new)
    except ValueError as exc:
        raise ValidationError({"state": _("Unknown status “%(status)s”.") % {"status": new}}) from exc
    if new == old:
        raise ValidationError({"state": _("The task is already “%(status)s”.") % {"status": _state_label(old)}})
    item = transition_to(task, new)
    if item is None:
        raise ValidationError({"state": _("A task that is “%(old)s” cannot become “%(new)s”.") % {
            "old": _state_label(old), "new": _state_label(new)}})
    reason = (reason or "").strip()
    if item.reason_required and not reason:
        raise ValidationError({"reason": _("Say why the task is cancelled.")})
    if new == TaskState.OVERDUE and not task.is_overdue(today):
        raise ValidationError({"state": _("The task is not past its last due date.")})
    fields = {}
    if new == TaskState.DONE:
        fields["completed_on"] = completed_on or today
        if fields["completed_on"] > today:
            raise ValidationError({"completed_on": _("The completion date cannot be in the future.")})
        fields["progress"] = 100
    elif old == TaskState.DONE:
        fields["completed_on"] = None
    return TASK_MACHINE.perform(task, item.name, by=by, reason=reason, **fields)


def _handler(target: str):
    def run(task: PlanTask, *, by, reason: str = "") -> PlanTask:
        return set_task_state(task, target, by=by, reason=reason)
    return run


# The generated action page and the API name a transition: each goes through set_task_state.
for _item in TASK_MACHINE.transitions:
    if _item.name not in REPORT_TRANSITIONS:
        TASK_MACHINE.implements(_item.name)(_handler(_item.target))


@TASK_MACHINE.implements("first_report")
def _first_report(task: PlanTask, *, by, reason: str = ""):
    raise ValidationError(_("Post a progress report: the first one starts the task."))


@TASK_MACHINE.implements("report_complete")
def _report_complete(task: PlanTask, *, by, reason: str = ""):
    raise ValidationError(_("Post a progress report of 100 %: it closes the task."))


# Which transition a report takes from each state: 100 % closes the task; the first report below starts it.
CLOSING_STATES = frozenset({TaskState.NOT_STARTED, TaskState.IN_PROGRESS, TaskState.OVERDUE})


def report_transition(state: str, percent: int) -> str | None:
    """The transition a progress report of `percent` takes from `state` (None: the state stays)."""
    if percent == 100 and state in CLOSING_STATES:
        return "report_complete"
    if state == TaskState.NOT_STARTED:
        return "first_report"
    return None


def sweep_overdue(today: datetime.date | None = None) -> list[PlanTask]:
    """Mark overdue every task past its last due date that is not started or in progress.

    Each task goes through set_task_state (the system's `mark_overdue`: history + audit); a task someone
    else moved meanwhile is skipped. Returns the tasks marked."""
    today = today or timezone.localdate()
    marked = []
    candidates = PlanTask.objects.filter(state__in=SWEEPABLE_STATES, due_date__lt=today).order_by("id")
    for task in candidates.iterator(chunk_size=500):
        reason = _("Past its last due date (%(date)s).") % {"date": task.due_date.strftime("%d/%m/%Y")}
        try:
            marked.append(set_task_state(task, TaskState.OVERDUE, by=SWEEP_ACTOR, reason=reason, today=today))
        except ValidationError:
            continue
    return marked


def _store_evidence(update: TaskUpdate, uploaded, field_label: str) -> None:
    try:
        upload = read_upload(uploaded, allowed=EVIDENCE_KINDS, max_bytes=settings.UPLOAD_MAX_BYTES,
                             field_label=field_label)
    except UploadError as exc:
        raise ValidationError({"evidence": str(exc)}) from exc
    update.evidence_sha256 = hashlib.sha256(upload.data).hexdigest()
    update.evidence_name = (getattr(uploaded, "name", "") or "evidence")[:255]
    update.evidence.save(update.evidence_name, ContentFile(upload.data), save=False)


@transaction.atomic
def post_task_update(task: PlanTask, *, by, unit, note: str, percent: int, evidence=None,
                     field_label: str = "") -> TaskUpdate:
    """A progress report by one of the task's units. The first report starts a task that was not
    started; a report of 100 % closes the task (done on the report's day, so it is no longer overdue);
    the task's progress becomes the reported percent. Both state changes are the declared transitions
    `first_report` and `report_complete` (tdkt.plans.transitions), made by the workflow primitive."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write what has been done.")})
    if percent is None or not 0 <= int(percent) <= 100:
        raise ValidationError({"percent": _("The progress must be between 0 and 100 %.")})
    if task.state == TaskState.CANCELLED:
        raise ValidationError(_("The task has been cancelled: no more progress can be reported."))
    unit_ids = {link.unit_id for link in task.units.all() if link.unit_id}
    if unit is not None and unit.pk not in unit_ids:
        raise ValidationError({"unit": _("“%(unit)s” is not a unit of this task.") % {"unit": unit}})
    update = TaskUpdate(task=task, unit=unit, by=by, note=note, percent=int(percent))
    stored = None
    if evidence is not None:
        _store_evidence(update, evidence, field_label or str(_("Evidence")))
        stored = update.evidence.name
    try:
        update.save()
        PlanTask.objects.filter(pk=task.pk).update(progress=update.percent, updated_at=timezone.now())
        task.progress = update.percent
        record(by, AuditAction.CREATE, update, changes={"after": {
            "task": task.pk, "unit": update.unit_id, "percent": update.percent, "note": update.note,
            "evidence": update.evidence.name or None, "evidence_sha256": update.evidence_sha256 or None}})
        step = report_transition(task.state, update.percent)
        if step == "report_complete":
            # Not suppressed: a report of 100 % that cannot close the task (someone moved it meanwhile) is
            # refused as a whole, so the page never shows 100 % on a task still open.
            TASK_MACHINE.perform(task, step, by=by, reason=_("Progress report of 100 %."),
                                 completed_on=timezone.localdate(), progress=100)
        elif step == "first_report":
            # Someone else may have moved it meanwhile: the report stands, and their state too.
            with contextlib.suppress(ValidationError):
                TASK_MACHINE.perform(task, step, by=by, reason=_("First progress report."))
    except Exception:
        if stored:  # nothing half-saved: the database rolls back, the stored file goes too
            update.evidence.storage.delete(stored)
        raise
    return update


@transaction.atomic
def resolve_task_unit(link: PlanTaskUnit, unit, *, by) -> PlanTaskUnit:
    """Set the registry unit of a unit name kept as written (ambiguous, a group, or not found)."""
    if unit is None or not unit.is_active:
        raise ValidationError({"unit": _("Choose an active unit.")})
    locked = PlanTaskUnit.objects.select_for_update().get(pk=link.pk)
    before = snapshot(locked)
    locked.unit = unit
    locked.resolution = Resolution.RESOLVED
    locked.candidates = []
    try:
        with transaction.atomic():
            locked.save(update_fields=["unit", "resolution", "candidates"])
    except IntegrityError as exc:
        raise ValidationError({"unit": _("“%(unit)s” is already a unit of this task in that role.") % {
            "unit": unit}}) from exc
    record_update(by, locked, before)
    return locked


@transaction.atomic
def set_task_kind(task: PlanTask, kind: str, data: dict, *, by) -> PlanTask:
    """Change the task's kind and its details (validated per kind: tdkt.plans.kinds)."""
    cleaned = validate_kind_data(kind, data)
    locked = PlanTask.objects.select_for_update().get(pk=task.pk)
    before = snapshot(locked)
    locked.kind, locked.kind_data = kind, cleaned
    locked.save(update_fields=["kind", "kind_data", "updated_at"])
    record_update(by, locked, before)
    task.kind, task.kind_data = kind, cleaned
    return locked
