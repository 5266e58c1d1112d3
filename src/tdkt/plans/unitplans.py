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


def deadline_of(plan: Plan, deadline_kind: str, due_on: datetime.date | None, working_days: int | None):
    """The date by which units must send their plan; None when counted from an issue date the plan
    does not have yet (a draft)."""
    if deadline_kind == DeadlineKind.FIXED_DATE:
        return due_on
    return add_working_days(plan.issued_on, working_days) if plan.issued_on else None


@transaction.atomic
def require_unit_plans(plan: Plan, *, by, deadline_kind: str, due_on=None, working_days=None, groups=(),
                       units=(), note: str = "") -> UnitPlanRequirement:
    errors: dict[str, list[str]] = {}
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
        deadline=deadline_of(plan, deadline_kind, due_on, working_days))
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
