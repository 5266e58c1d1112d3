"""Saving an imported plan, and the web preview (PlanDraft) that comes before it.

Every function is all-or-nothing: the plan, its tasks, due dates and units are written in one
transaction, or nothing is (and a source file stored for it is removed again).

- `save_imported_plan(result, *, source_bytes, filename, by)`: what `manage.py import_plan` calls;
  unit names are matched against the registry; a name that matches several units equally refuses the
  whole file (the specialist chooses in the web preview).
- `create_draft(*, by, uploaded)` → a PlanDraft to correct: `edit_draft_task`, `split_draft_task`,
  `merge_draft_task`, `choose_draft_unit`; then `save_draft` or `discard_draft`.
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

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.lib.docparse import DocumentError, read_bytes
from tdkt.lib.uploads import UploadError, check_size
from tdkt.orgs.models import Unit
from tdkt.plans import drafting
from tdkt.plans.enums import DraftState, Resolution, TaskKind, UnitRole
from tdkt.plans.importer import PlanImport, PlanImportError, parse_plan
from tdkt.plans.models import Plan, PlanDraft, PlanTask, PlanTaskUnit, TaskDueDate
from tdkt.plans.narrative import read_narrative
from tdkt.plans.transitions import PLAN_DRAFT

DEFAULT_TITLE = "Kế hoạch công tác thi đua, khen thưởng năm {year}"


def registry_rows() -> list[tuple[int, str, str]]:
    """(id, name, short name) of the active units: what unit names are matched against."""
    return list(Unit.objects.active().order_by("id").values_list("id", "name", "short_name"))


def registry_names(registry) -> list[str]:
    return [name for _, name, short in registry for name in (name, short) if name]


def _refuse(message: str, field: str | None = "file"):
    return ValidationError({field: [message]} if field else [message])


# --- saving ----------------------------------------------------------------------------------------


def _check_units(data: dict) -> None:
    ambiguous = drafting.ambiguous_messages(data)
    if ambiguous:
        raise ValidationError(ambiguous)
    wanted = {unit["unit_id"] for task in data["tasks"] for role in drafting.ROLES for unit in task[role]
              if unit["status"] == "resolved"}
    known = set(Unit.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - known:
        raise ValidationError(_("Some chosen units no longer exist (ids %(ids)s): choose them again.") % {
            "ids": ", ".join(str(pk) for pk in sorted(wanted - known))})


def _plan_from(data: dict, by, source_name: str, source_sha256: str) -> Plan:
    document = data["document"]
    year = document.get("year")
    if not year:
        raise ValidationError(_("The plan's year is unknown: it cannot be saved."))
    issued = document.get("date")
    return Plan(
        issuer=(document.get("issuer") or "")[:255], number=(document.get("number") or "")[:64],
        place=(document.get("place") or "")[:100],
        issued_on=datetime.date.fromisoformat(issued) if issued else None,
        title=(document.get("title") or DEFAULT_TITLE.format(year=year))[:500], year=year,
        legal_bases=data.get("legal_bases", []), sections=data.get("sections", []),
        import_warnings=data.get("warnings", []), source_name=source_name[:255], source_sha256=source_sha256,
        imported_by=by if getattr(by, "is_authenticated", False) else None, imported_at=timezone.now(),
    )


def _write_tasks(plan: Plan, data: dict) -> tuple[int, int]:
    tasks, dues, links = [], [], []
    for index, row in enumerate(data["tasks"]):
        dates = sorted({datetime.date.fromisoformat(day) for day in row["due"]["dates"]})
        tasks.append(PlanTask(
            plan=plan, sort_order=(index + 1) * 10, period=row["period"], number=row["number"] or "",
            content=row["content"], due_text=(row["due"]["text"] or "")[:255], due_date=dates[-1] if dates else None,
            recurrence=row["due"]["recurrence"] or "", kind=row.get("kind") or TaskKind.ORDINARY,
            source_line=row.get("line"),
        ))
    PlanTask.objects.bulk_create(tasks, batch_size=500)
    flagged = 0
    for task, row in zip(tasks, data["tasks"], strict=True):
        dues += [TaskDueDate(task=task, on=datetime.date.fromisoformat(day)) for day in sorted(set(row["due"]["dates"]))]
        for role in drafting.ROLES:
            seen: set[int] = set()
            for position, unit in enumerate(row[role]):
                resolved = unit["status"] == "resolved"
                if resolved and unit["unit_id"] in seen:
                    continue  # the same unit written twice ("Sở Nội vụ", "Sở NV"): once is enough
                if resolved:
                    seen.add(unit["unit_id"])
                flagged += not resolved
                links.append(PlanTaskUnit(
                    task=task, role=UnitRole(role), raw_text=unit["text"][:255], sort_order=position,
                    unit_id=unit["unit_id"] if resolved else None, resolution=Resolution(unit["status"]),
                    candidates=unit.get("candidates") or [],
                ))
    TaskDueDate.objects.bulk_create(dues, batch_size=1000)
    PlanTaskUnit.objects.bulk_create(links, batch_size=1000)
    return len(tasks), flagged


def save_plan_data(data: dict, *, by, source_name: str, source_sha256: str, source_bytes: bytes | None = None,
                   stored_name: str | None = None, demo: bool = False) -> Plan:
    """Save the plan of an import (draft data, see tdkt.plans.drafting) in one transaction.

    The source file is `stored_name` (already under MEDIA_ROOT, from a draft) or `source_bytes`
    (stored now, and removed again when the transaction fails). `demo`: fixture data of seed_demo,
    marked as such and without an audit row of its own (seed_demo writes one summary row)."""
    new_file = None
    try:
        with transaction.atomic():
            _check_units(data)
            plan = _plan_from(data, by, source_name, source_sha256)
            plan.is_demo = demo
            if stored_name:
                plan.source_file.name = stored_name
            elif source_bytes is not None:
                plan.source_file.save(source_name, ContentFile(source_bytes), save=False)
                new_file = plan.source_file.name
            plan.save()
            count, flagged = _write_tasks(plan, data)
            if demo:
                return plan
            record(by, AuditAction.IMPORT, plan, changes={
                "source": source_name, "sha256": source_sha256, "tasks": count, "flagged_units": flagged,
                "warnings": len(data.get("warnings", []))})
    except Exception:
        if new_file:
            plan.source_file.storage.delete(new_file)
        raise
    return plan


def save_imported_plan(result: PlanImport, *, source_bytes: bytes, filename: str, by) -> Plan:
    """Save what the importer read from `source_bytes` (the command's path): units matched against
    the registry, narrative read from the same bytes. ValidationError when a unit name is ambiguous."""
    registry = registry_rows()
    try:
        narrative = read_narrative(read_bytes(source_bytes, filename))
    except DocumentError as exc:
        raise _refuse(exc.message, None) from exc
    data = drafting.draft_data(result, narrative, registry)
    sha = hashlib.sha256(source_bytes).hexdigest()
    return save_plan_data(data, by=by, source_name=filename, source_sha256=sha, source_bytes=source_bytes)


# --- the web preview -------------------------------------------------------------------------------


@transaction.atomic
def create_draft(*, by, uploaded, field_label: str = "") -> PlanDraft:
    """Read an uploaded plan into a draft to correct. Refusals (the importer's Vietnamese messages)
    are ValidationError({"file": …}); nothing is stored then."""
    label = field_label or str(_("Plan document"))
    try:
        check_size(uploaded.size, max_bytes=settings.UPLOAD_MAX_BYTES, field_label=label)
    except UploadError as exc:
        raise _refuse(str(exc)) from exc
    source = uploaded.read()
    name = (getattr(uploaded, "name", "") or "ke-hoach").rsplit("/", 1)[-1][:255]
    registry = registry_rows()
    try:
        document = read_bytes(source, name)
        result = parse_plan(document, registry_names(registry))
    except DocumentError as exc:
        raise _refuse(exc.message) from exc
    except PlanImportError as exc:
        raise _refuse(exc.message) from exc
    data = drafting.draft_data(result, read_narrative(document), registry)
    draft = PlanDraft(created_by=by, source_name=name, source_sha256=hashlib.sha256(source).hexdigest(), data=data)
    draft.source_file.save(name, ContentFile(source), save=False)
    try:
        draft.save()
        record(by, AuditAction.CREATE, draft, changes={"after": {
            "source": name, "sha256": draft.source_sha256, "tasks": len(data["tasks"])}})
    except Exception:
        draft.source_file.storage.delete(draft.source_file.name)
        raise
    return draft


def _locked_open_draft(draft: PlanDraft) -> PlanDraft:
    locked = PlanDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.state != DraftState.OPEN:
        raise ValidationError(_("This preview is no longer open: it is “%(status)s”.") % {
            "status": locked.get_state_display()})
    return locked


def _apply(draft: PlanDraft, change) -> PlanDraft:
    with transaction.atomic():
        locked = _locked_open_draft(draft)
        try:
            change(locked.data)
        except drafting.DraftError as exc:
            raise ValidationError(exc.message) from exc
        locked.save(update_fields=["data", "updated_at"])
    draft.data, draft.updated_at = locked.data, locked.updated_at
    return locked


def edit_draft_task(draft, key, *, content, number, period, due_text, kind) -> PlanDraft:
    return _apply(draft, lambda data: drafting.edit_task(data, key, content=content, number=number, period=period,
                                                         due_text=due_text, kind=kind))


def split_draft_task(draft, key, *, first, second) -> PlanDraft:
    return _apply(draft, lambda data: drafting.split_task(data, key, first=first, second=second))


def merge_draft_task(draft, key) -> PlanDraft:
    return _apply(draft, lambda data: drafting.merge_with_next(data, key))


def choose_draft_unit(draft, key, *, role, position, unit_id) -> PlanDraft:
    registry = registry_rows()
    return _apply(draft, lambda data: drafting.choose_unit(data, key, role, position, unit_id, registry))


@PLAN_DRAFT.implements("save", reason=None)
def save_draft(draft: PlanDraft, *, by) -> Plan:
    """Save the corrected preview as a plan (all or nothing); the draft then points at it.

    The `save` transition of PLAN_DRAFT: refused when the preview is no longer open, also when someone
    else saved or discarded it since `draft` was loaded (nothing is written then)."""
    PLAN_DRAFT.check_actor(draft, PLAN_DRAFT["save"], by)
    with transaction.atomic():
        locked = PlanDraft.objects.select_for_update().get(pk=draft.pk)  # one save of a preview at a time
        plan = None
        if locked.state == draft.state:  # else `perform` refuses below, before a plan is written
            plan = save_plan_data(locked.data, by=by, source_name=locked.source_name,
                                  source_sha256=locked.source_sha256, stored_name=locked.source_file.name)
        PLAN_DRAFT.perform(draft, "save", by=by, plan=plan)
    return plan


@PLAN_DRAFT.implements("discard", reason=None)
def discard_draft(draft: PlanDraft, *, by) -> PlanDraft:
    """Discard the preview (nothing is imported): the `discard` transition of PLAN_DRAFT."""
    return PLAN_DRAFT.perform(draft, "discard", by=by)
