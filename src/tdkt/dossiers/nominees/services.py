"""Entering a dossier's lines one by one: add, change, remove; and undoing a whole list import.

Only while the dossier is a draft or returned to the unit, and only for users who may write its unit.
Each change runs the eligibility engine for the line (verdict_live), writes an audit row and a timeline
row (DossierEvent) in one transaction. Other apps (movement scoring, demo) call `add_nomination`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.audit.services import record
from tdkt.awards.enums import AwardBasis
from tdkt.dossiers.authority import check_award_receivable
from tdkt.dossiers.eligibility import check_nominations, store_live
from tdkt.dossiers.enums import UNIT_EDITABLE_STATES, DossierKind, DossierState, EventKind, NominationState
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.nominees.quotas import check_entry
from tdkt.dossiers.state import log_event
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.people.models import Person

EDITABLE_FIELDS = ("award_type", "position_and_unit", "achievement_summary", "basis")
# The kind of commendation a line gets by default from the kind of its dossier (Luật TĐKT 2022 Đ8).
BASIS_OF_KIND = {
    DossierKind.YEAR_END: AwardBasis.MERIT, DossierKind.MOVEMENT_REVIEW: AwardBasis.THEMATIC,
    DossierKind.THEMATIC: AwardBasis.THEMATIC, DossierKind.ADHOC: AwardBasis.ADHOC,
    DossierKind.DEDICATION: AwardBasis.DEDICATION, DossierKind.SCHOOL_YEAR: AwardBasis.MERIT,
    DossierKind.FOREIGN: AwardBasis.FOREIGN, DossierKind.OTHER: AwardBasis.MERIT,
}


def default_basis(dossier: Dossier) -> str:
    return BASIS_OF_KIND.get(dossier.kind, AwardBasis.MERIT)


def can_edit_lines(dossier: Dossier, user) -> bool:
    """May `user` change the lines of `dossier` now? (draft or returned, and the unit is writable)."""
    return dossier.state in UNIT_EDITABLE_STATES and get_scope(user).can_act_for_dossier(dossier.unit_id, dossier.group_year_id)


def check_editable(dossier: Dossier, by) -> None:
    if not get_scope(by).can_act_for_dossier(dossier.unit_id, dossier.group_year_id):
        raise ValidationError(_("You may not change the lines of a dossier of “%(unit)s”.") % {"unit": dossier.unit})
    state = Dossier.objects.filter(pk=dossier.pk).values_list("state", flat=True).first()
    if state not in UNIT_EDITABLE_STATES:
        label = DossierState(state).label if state in DossierState.values else state
        raise ValidationError(_("The lines can be changed only while the dossier is a draft or returned for "
                                "completion; it is now “%(state)s”.") % {"state": label})
    return state


def check_line_open(dossier_state: str, line: Nomination) -> None:
    """While a dossier is returned for completion, the unit changes only the lines returned to it: a line
    the standing body accepted (or any other) is frozen, whatever the form sends."""
    if dossier_state == DossierState.RETURNED and line.state != NominationState.NEEDS_FIX:
        raise ValidationError(_("Line %(no)s (%(name)s) is “%(state)s”: while the dossier is returned for "
                                "completion, only the lines returned to the unit can be changed.") % {
            "no": line.position or line.pk, "name": line.recipient, "state": line.get_state_display()})


def check_lines_can_be_added(dossier_state: str) -> None:
    if dossier_state == DossierState.RETURNED:
        raise ValidationError(_("A dossier returned for completion takes no new line: complete the lines "
                                "returned to the unit and add documents; propose others in a new dossier."))


def _recipient_unit_id(person, unit, household) -> int:
    if person is not None:
        return person.unit_id
    if unit is not None:
        return unit.pk
    return household.unit_id


def _check_recipient(dossier, by, award_type, person, unit, household) -> None:
    given = [r for r in (person, unit, household) if r is not None]
    if len(given) != 1:
        raise ValidationError(_("Choose exactly one nominee: a person, a collective or a household."))
    if not get_scope(by).can_read_unit(_recipient_unit_id(person, unit, household)):
        raise ValidationError(_("This nominee does not belong to a unit you may propose."))
    if getattr(person, "merged_into_id", None):
        raise ValidationError(_("This person was merged into another record; choose that one."))
    _check_award_fits(award_type, person, unit, household)
    duplicate = Nomination.objects.filter(dossier=dossier)
    duplicate = (duplicate.filter(person=person) if person is not None else
                 duplicate.filter(unit=unit) if unit is not None else duplicate.filter(household=household))
    if duplicate.exists():
        raise ValidationError(_("“%(name)s” is already a line of this dossier.") % {"name": given[0]})


def _check_award_fits(award_type, person, unit, household) -> None:
    if not award_type.active:
        raise ValidationError({"award_type": _("“%(award)s” is no longer awarded.") % {"award": award_type.name}})
    fits = (award_type.for_individual if person is not None else
            award_type.for_collective if unit is not None else award_type.for_household)
    if not fits:
        raise ValidationError({"award_type": _("“%(award)s” is not awarded to this kind of nominee.") % {
            "award": award_type.name}})


def _store_report(nomination: Nomination, report) -> None:
    upload = read_upload(report, allowed={"pdf", "docx"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                         field_label=str(_("Achievement report")))
    digest = hashlib.sha256(upload.data).hexdigest()
    nomination.report_sha256 = digest
    nomination.report_name = (getattr(report, "name", "") or f"bao-cao.{upload.kind}")[:255]
    nomination.report_file.save(f"report.{upload.kind}", ContentFile(upload.data), save=False)


def _refresh(nomination: Nomination) -> None:
    store_live([nomination], [check_nominations([nomination]).get(nomination.pk)])
    Nomination.objects.filter(pk=nomination.pk).update(verdict_live=nomination.verdict_live,
                                                       verdict_live_at=nomination.verdict_live_at)


def line_snapshot(nomination: Nomination) -> dict:
    """What the audit keeps of a line (plain values; the report by name and hash)."""
    return {"dossier": nomination.dossier_id, "person": nomination.person_id, "unit": nomination.unit_id,
            "household": nomination.household_id, "award_type": nomination.award_type_id,
            "proposed_award_type": nomination.proposed_award_type_id, "basis": nomination.basis,
            "position_and_unit": nomination.position_and_unit, "achievement_summary": nomination.achievement_summary,
            "report": nomination.report_name, "report_sha256": nomination.report_sha256,
            "import_batch": nomination.import_batch}


def _describe(nomination: Nomination) -> str:
    return f"{nomination.recipient} — {nomination.award_type.name}"


@transaction.atomic
def add_nomination(dossier: Dossier, *, by, award_type, person=None, unit=None, household=None,
                   position_and_unit: str = "", achievement_summary: str = "", basis=None, report=None) -> Nomination:
    """Add one line to a draft dossier; the engine's verdict is stored with it."""
    check_lines_can_be_added(check_editable(dossier, by))
    _check_recipient(dossier, by, award_type, person, unit, household)
    check_award_receivable(dossier, award_type)
    check_entry(dossier, {award_type.pk: [str(person or unit or household)]})
    if not position_and_unit and person is not None:
        position_and_unit = ", ".join(part for part in (person.position, str(person.unit)) if part)
    last = Nomination.objects.filter(dossier=dossier).aggregate(last=Max("position"))["last"] or 0
    nomination = Nomination(
        dossier=dossier, position=last + 1, person=person, unit=unit, household=household,
        position_and_unit=(position_and_unit or "")[:500], proposed_award_type=award_type, award_type=award_type,
        achievement_summary=achievement_summary or "", basis=basis or default_basis(dossier))
    try:
        if report:
            _store_report(nomination, report)
    except UploadError as error:
        raise ValidationError({"report": str(error)}) from error
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as error:  # a concurrent click added the same nominee
        raise ValidationError(_("“%(name)s” is already a line of this dossier.") % {
            "name": nomination.recipient}) from error
    nomination._state.fields_cache["dossier"] = dossier
    _refresh(nomination)
    record(by, AuditAction.CREATE, nomination, changes={"after": line_snapshot(nomination)})
    log_event(dossier, by=by, kind=EventKind.NOTE,
              reason=_("Line added: %(line)s") % {"line": _describe(nomination)})
    return nomination


@transaction.atomic
def update_nomination(nomination: Nomination, *, by, report=None, **changes) -> Nomination:
    """Change a line of a draft or returned dossier (award, position and unit, summary, basis, report)."""
    dossier = nomination.dossier
    dossier_state = check_editable(dossier, by)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    # Lock only the line's own row: PostgreSQL refuses FOR UPDATE on the nullable side of the recipient joins.
    locked = Nomination.objects.select_for_update(of=("self",)).select_related(
        "award_type", "person", "unit", "household").get(pk=nomination.pk)
    check_line_open(dossier_state, locked)
    before = line_snapshot(locked)
    award_type = changes.pop("award_type", None)
    if award_type is not None and award_type.pk != locked.award_type_id:
        _check_award_fits(award_type, locked.person, locked.unit, locked.household)
        check_award_receivable(dossier, award_type)
        check_entry(dossier, {award_type.pk: [_("line %(no)s (%(name)s)") % {
            "no": locked.position or locked.pk, "name": locked.recipient}]})
        locked.award_type = locked.proposed_award_type = award_type
    for name, value in changes.items():
        setattr(locked, name, value if value is not None else "")
    locked.position_and_unit = (locked.position_and_unit or "")[:500]
    try:
        if report:
            _store_report(locked, report)
    except UploadError as error:
        raise ValidationError({"report": str(error)}) from error
    locked.save()
    locked._state.fields_cache["dossier"] = dossier
    _refresh(locked)
    after = line_snapshot(locked)
    changed = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if changed:
        record(by, AuditAction.UPDATE, locked, changes=changed)
    log_event(dossier, by=by, kind=EventKind.NOTE,
              reason=_("Line changed: %(line)s") % {"line": _describe(locked)})
    return locked


@transaction.atomic
def remove_nomination(nomination: Nomination, *, by) -> None:
    """Remove a line of a draft dossier, or a line returned to the unit."""
    dossier = nomination.dossier
    check_line_open(check_editable(dossier, by), Nomination.objects.select_for_update(of=("self",)).get(
        pk=nomination.pk))
    description = _describe(nomination)
    record(by, AuditAction.DELETE, nomination, changes={"before": line_snapshot(nomination)})
    nomination.delete()
    log_event(dossier, by=by, kind=EventKind.NOTE, reason=_("Line removed: %(line)s") % {"line": description})


@dataclass
class UndoOutcome:
    lines: int = 0
    persons_removed: list[str] = field(default_factory=list)
    persons_kept: list[tuple[str, str]] = field(default_factory=list)  # (name, why it stays)


def persons_created_by(dossier: Dossier, batch: str) -> list[int]:
    """Ids of the persons a list import created (kept in its audit row)."""
    ids: list[int] = []
    for changes in AuditEvent.objects.filter(action=AuditAction.IMPORT, object_type="dossiers.dossier",
                                             object_id=str(dossier.pk)).values_list("changes", flat=True):
        if isinstance(changes, dict) and changes.get("import_batch") == batch:
            ids.extend(int(pk) for pk in changes.get("persons_created_ids") or ())
    return ids


def _references(person_ids: list[int]) -> dict[int, list[str]]:
    """What still refers to each person: one query per relation to Person, whatever the number of persons."""
    found: dict[int, list[str]] = {}
    for relation in Person._meta.related_objects:
        model, name = relation.related_model, relation.field.name
        for pk in model._base_manager.filter(**{f"{name}__in": person_ids}).values_list(name, flat=True).distinct():
            found.setdefault(pk, []).append(str(model._meta.verbose_name_plural))
    return found


@transaction.atomic
def undo_import(dossier: Dossier, batch: str, *, by) -> UndoOutcome:
    """Remove every line of one list import, then the persons it created that nothing else refers to (the
    others stay, each with what still refers to it)."""
    dossier_state = check_editable(dossier, by)
    outcome = UndoOutcome()
    if not batch:
        return outcome
    lines = Nomination.objects.filter(dossier=dossier, import_batch=batch)
    for line in lines.exclude(state=NominationState.NEEDS_FIX)[:1]:
        check_line_open(dossier_state, line)
    outcome.lines = lines.count()
    if not outcome.lines:
        raise ValidationError(_("There is nothing left of this import to undo."))
    lines.delete()
    created = persons_created_by(dossier, batch)
    if created:
        persons = dict(Person.objects.filter(pk__in=created).values_list("pk", "full_name"))
        referred = _references(list(persons))
        removable = [pk for pk in persons if pk not in referred]
        Person.objects.filter(pk__in=removable).delete()
        outcome.persons_removed = sorted(persons[pk] for pk in removable)
        outcome.persons_kept = sorted((persons[pk], ", ".join(dict.fromkeys(referred[pk]))) for pk in referred)
    record(by, AuditAction.DELETE, dossier, changes={
        "import_batch": batch, "lines_removed": outcome.lines, "persons_removed": outcome.persons_removed,
        "persons_kept": [name for name, _why in outcome.persons_kept]})
    log_event(dossier, by=by, kind=EventKind.NOTE, reason=_("Import %(batch)s undone: %(count)s lines removed.") % {
        "batch": batch, "count": outcome.lines})
    return outcome
