"""Operations on movements: create and edit (with participants), phases, milestones and documents.
Each validates, saves and audits in one transaction; views, commands and tests call these."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.services import record_create, record_update, snapshot
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.movements.auditing import record_created
from tdkt.movements.enums import MovementLevel, TargetScope
from tdkt.movements.models import Milestone, Movement, MovementDocument, MovementParticipant, MovementPhase

MOVEMENT_FIELDS = ("name", "code", "level", "authority", "launching_unit", "kind", "start_date", "end_date",
                   "standing_unit", "objectives", "criteria", "target_scope", "scope", "source_note")


def _check(movement: Movement, units, groups) -> None:
    errors: dict[str, list[str]] = {}
    if movement.code and Movement.objects.filter(code__iexact=movement.code).exclude(pk=movement.pk).exists():
        errors["code"] = [_("The code “%(code)s” is already used by another movement.") % {"code": movement.code}]
    if movement.level == MovementLevel.UNIT and movement.launching_unit is None:
        errors["launching_unit"] = [_("A movement launched by a unit needs its launching unit.")]
    if movement.end_date and movement.end_date < movement.start_date:
        errors["end_date"] = [_("The end date is before the start date.")]
    if movement.target_scope == TargetScope.UNITS and not units:
        errors["units"] = [_("Choose the units that take part, or let every unit take part.")]
    if movement.target_scope == TargetScope.GROUPS and not groups:
        errors["groups"] = [_("Choose the clusters and blocks that take part, or let every unit take part.")]
    if errors:
        raise ValidationError(errors)


def _set_participants(movement: Movement, units, groups) -> None:
    movement.participants.all().delete()
    rows = []
    if movement.target_scope == TargetScope.UNITS:
        rows = [MovementParticipant(movement=movement, unit=unit) for unit in units]
    elif movement.target_scope == TargetScope.GROUPS:
        rows = [MovementParticipant(movement=movement, group=group) for group in groups]
    MovementParticipant.objects.bulk_create(rows)


@transaction.atomic
def create_movement(*, by, units=(), groups=(), **fields) -> Movement:
    movement = Movement(created_by=by, **{k: v for k, v in fields.items() if k in MOVEMENT_FIELDS})
    movement.code = (movement.code or "").strip().upper()
    _check(movement, list(units), list(groups))
    movement.full_clean(exclude=["created_by"])
    movement.save()
    _set_participants(movement, list(units), list(groups))
    record_create(by, movement)
    return movement


@transaction.atomic
def update_movement(movement: Movement, *, by, units=(), groups=(), **changes) -> Movement:
    locked = Movement.objects.select_for_update().get(pk=movement.pk)
    before = snapshot(locked)
    for field, value in changes.items():
        if field in MOVEMENT_FIELDS:
            setattr(locked, field, value)
    locked.code = (locked.code or "").strip().upper()
    _check(locked, list(units), list(groups))
    locked.full_clean(exclude=["created_by"])
    locked.save()
    _set_participants(locked, list(units), list(groups))
    record_update(by, locked, before)
    return locked


@transaction.atomic
def add_phase(movement: Movement, *, by, name: str, start_date, end_date, parent: MovementPhase | None = None):
    errors = {}
    if end_date < start_date:
        errors["end_date"] = [_("The end date is before the start date.")]
    if parent is not None and (parent.movement_id != movement.pk or start_date < parent.start_date
                               or end_date > parent.end_date):
        errors["parent"] = [_("A sub-period must lie within its phase “%(phase)s”.") % {"phase": parent}]
    if errors:
        raise ValidationError(errors)
    phase = MovementPhase.objects.create(movement=movement, parent=parent, name=name.strip(), start_date=start_date,
                                         end_date=end_date)
    record_create(by, phase)
    return phase


@transaction.atomic
def add_milestone(movement: Movement, *, by, kind: str, on, note: str = "") -> Milestone:
    if movement.end_date and on > movement.end_date or on < movement.start_date:
        raise ValidationError({"on": _("The date %(date)s is outside the movement's period.") % {
            "date": on.strftime("%d/%m/%Y")}})
    milestone = Milestone(movement=movement, kind=kind, on=on, note=note.strip())
    milestone.full_clean()
    milestone.save()
    record_create(by, milestone)
    return milestone


def add_document(movement: Movement, *, by, kind: str, title: str, uploaded) -> MovementDocument:
    """Store a launching plan or guidance: PDF or Word only, checked from the bytes."""
    try:
        upload = read_upload(uploaded, allowed={"pdf", "docx"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                             field_label=str(_("Document")))
    except UploadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    document = MovementDocument(movement=movement, kind=kind, title=title.strip() or uploaded.name, uploaded_by=by,
                                file_name=(getattr(uploaded, "name", "") or "van-ban")[:255],
                                sha256=hashlib.sha256(upload.data).hexdigest())
    document.file.save(document.file_name, ContentFile(upload.data), save=False)
    try:
        with transaction.atomic():
            document.save()
            record_created(by, document)
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    return document
