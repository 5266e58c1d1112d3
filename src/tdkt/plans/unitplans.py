"""Units' own plans: a plan requires units to send theirs, by a fixed date or within N working days
after the plan is issued (Thái Nguyên: 10 working days; Lạng Sơn: before 30/01); who sent, who is late.

- `require_unit_plans(plan, *, by, …)`: the required units are the members of the given emulation
  groups in the plan's year, plus the units chosen one by one; one submission row per unit.
- `submit_unit_plan(submission, *, by, uploaded)`: the unit uploads its plan (PDF or Word).
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record, record_create
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.lib.workdays import add_working_days
from tdkt.orgs.models import EmulationGroupMembership
from tdkt.plans.enums import DeadlineKind
from tdkt.plans.models import Plan, UnitPlanRequirement, UnitPlanSubmission

MAX_WORKING_DAYS = 250


def deadline_of(plan: Plan, deadline_kind: str, due_on: datetime.date | None, working_days: int | None,
                counted_from: datetime.date | None = None):
    """The date by which units must send their plan: a fixed date, or N working days after the plan's issue
    date, or, when the plan has none, after `counted_from` (the date the form asked for). None only when
    neither date is known (require_unit_plans refuses that)."""
    if deadline_kind == DeadlineKind.FIXED_DATE:
        return due_on
    start = plan.issued_on or counted_from
    return add_working_days(start, working_days) if start and working_days else None


def default_counted_from(plan: Plan, today: datetime.date | None = None) -> datetime.date:
    """What the form proposes when the plan has no issue date: the day it was imported, else today."""
    if plan.imported_at:
        return timezone.localdate(plan.imported_at)
    return today or timezone.localdate()


@transaction.atomic
def require_unit_plans(plan: Plan, *, by, deadline_kind: str, due_on=None, working_days=None, groups=(),
                       units=(), note: str = "", counted_from=None) -> UnitPlanRequirement:
    """`counted_from`: only for a plan without an issue date and a deadline in working days (then required):
    the date the working days count from. Ignored when the plan has its issue date."""
    errors: dict[str, list[str]] = {}
    counted_from = counted_from if plan.issued_on is None and deadline_kind == DeadlineKind.WORKING_DAYS else None
    if deadline_kind == DeadlineKind.WORKING_DAYS and plan.issued_on is None and counted_from is None:
        errors["counted_from"] = [_("The plan has no issue date: give the date the working days count from, "
                                    "or choose a fixed date.")]
    if deadline_kind == DeadlineKind.FIXED_DATE and due_on is None:
        errors["due_on"] = [_("Give the date by which units must send their plan.")]
    if deadline_kind == DeadlineKind.WORKING_DAYS and not (working_days and 0 < working_days <= MAX_WORKING_DAYS):
        errors["working_days"] = [_("Give a number of working days from 1 to %(max)s.") % {"max": MAX_WORKING_DAYS}]
    if deadline_kind not in DeadlineKind.values:
        errors["deadline_kind"] = [_("Choose how the deadline is set.")]
    groups = list(groups)
    unit_ids = {unit.pk for unit in units}
    if groups:
        unit_ids |= set(EmulationGroupMembership.objects.filter(
            group_year__group__in=groups, group_year__year=plan.year).values_list("unit_id", flat=True))
    if not unit_ids:
        errors["units"] = [_("Choose the units that must send a plan: emulation groups (their members in "
                             "%(year)s) or units.") % {"year": plan.year}]
    if errors:
        raise ValidationError(errors)
    requirement = UnitPlanRequirement.objects.create(
        plan=plan, deadline_kind=deadline_kind, note=note.strip()[:500], created_by=by,
        due_on=due_on if deadline_kind == DeadlineKind.FIXED_DATE else None,
        working_days=working_days if deadline_kind == DeadlineKind.WORKING_DAYS else None,
        counted_from=counted_from, deadline=deadline_of(plan, deadline_kind, due_on, working_days, counted_from))
    requirement.groups.set(groups)
    UnitPlanSubmission.objects.bulk_create(
        [UnitPlanSubmission(requirement=requirement, unit_id=unit_id) for unit_id in sorted(unit_ids)])
    record_create(by, requirement)
    return requirement


def submit_unit_plan(submission: UnitPlanSubmission, *, by, uploaded, field_label: str = "") -> UnitPlanSubmission:
    """Store the unit's plan. Sending again replaces the file; the first sending date is kept (lateness
    is judged on it)."""
    if not get_scope(by).can_write_unit(submission.unit_id):
        raise ValidationError(_("You may not send the plan of “%(unit)s”.") % {"unit": submission.unit})
    try:
        upload = read_upload(uploaded, allowed={"pdf", "docx"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                             field_label=field_label or str(_("Unit plan")))
    except UploadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    with transaction.atomic():
        locked = UnitPlanSubmission.objects.select_for_update().get(pk=submission.pk)
        locked.file_sha256 = hashlib.sha256(upload.data).hexdigest()
        locked.file_name = (getattr(uploaded, "name", "") or "ke-hoach")[:255]
        first = locked.submitted_at is None
        locked.file.save(locked.file_name, ContentFile(upload.data), save=False)
        try:
            if first:
                locked.submitted_at, locked.submitted_by = timezone.now(), by
            locked.save()
            record(by, AuditAction.UPDATE, locked, changes={
                "file": [None, locked.file_name], "sha256": locked.file_sha256, "first": first})
        except Exception:
            locked.file.storage.delete(locked.file.name)
            raise
    return locked
