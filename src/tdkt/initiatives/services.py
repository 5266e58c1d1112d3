"""Operations on the initiatives register; one function owns each change, in one transaction. Views,
commands and tests all call these. Refusals are ValidationErrors in Vietnamese naming the field or row."""

import hashlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record, record_create
from tdkt.awards import facts
from tdkt.awards.enums import InitiativeScope
from tdkt.awards.models import FIRST_YEAR, Initiative
from tdkt.dossiers.enums import LIVE_NOMINATION_STATES, UNIT_EDITABLE_STATES
from tdkt.initiatives import rules
from tdkt.initiatives.enums import Vote, WorkState
from tdkt.initiatives.models import Author, Claim, Evaluation, EvaluationMember, Evidence, Work
from tdkt.initiatives.shares import share_errors
from tdkt.initiatives.transitions import WORK_MACHINE
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.lib.vntext import fold

FILE_KINDS = {"pdf", "docx", "xlsx", "image"}
WORK_FIELDS = ("kind", "title", "field", "applied_on", "summary")


def _read_file(uploaded, field: str, label: str):
    try:
        upload = read_upload(uploaded, allowed=FILE_KINDS, max_bytes=settings.UPLOAD_MAX_BYTES, field_label=label)
    except UploadError as exc:
        raise ValidationError({field: str(exc)}) from exc
    return upload.data, hashlib.sha256(upload.data).hexdigest(), (getattr(uploaded, "name", "") or "tep")[:255]


def search_text_of(work: Work, author_names, unit_name: str = "") -> str:
    return fold(" ".join([work.title, *author_names, unit_name, work.field]))


def _add_evidence(work: Work, uploaded, by) -> Evidence:
    data, digest, name = _read_file(uploaded, "evidence", _("Evidence"))
    evidence = Evidence(work=work, name=name, sha256=digest, uploaded_by=by)
    evidence.file.save(name, ContentFile(data), save=False)
    evidence.save()
    return evidence


def _check_authors(authors) -> None:
    """`authors`: [(person, share)] in order. Refuses a repeated person or shares not summing to 100."""
    errors = share_errors([share for _person, share in authors])
    seen = set()
    for position, (person, _share) in enumerate(authors, 1):
        if person.pk in seen:
            errors.append(_("Author %(n)s: %(name)s is listed twice.") % {"n": position, "name": person})
        seen.add(person.pk)
    if errors:
        raise ValidationError({"authors": errors})


@transaction.atomic
def register_work(*, by, unit, authors, evidence=(), **fields) -> Work:
    """A new entry of the register (state: registered) with its authors and evidence files."""
    if unit is None or not rules.can_register(by, unit.pk):
        raise ValidationError({"unit": _("You may not register initiatives for this unit.")})
    unknown = set(fields) - set(WORK_FIELDS)
    if unknown:
        raise TypeError(f"Fields that cannot be set here: {sorted(unknown)}")
    authors = list(authors)
    _check_authors(authors)
    work = Work(unit=unit, created_by=by, state=WorkState.REGISTERED, **fields)
    if not (work.title or "").strip():
        raise ValidationError({"title": _("Give the title.")})
    if work.applied_on and work.applied_on > timezone.localdate():
        raise ValidationError({"applied_on": _("The date applied cannot be in the future.")})
    work.title = work.title.strip()
    work.search_text = search_text_of(work, [person.full_name for person, _share in authors], unit.name)
    work.full_clean(exclude=["search_text"], validate_unique=False, validate_constraints=False)
    work.save()
    Author.objects.bulk_create([Author(work=work, person=person, share=share, position=i)
                                for i, (person, share) in enumerate(authors)])
    for uploaded in evidence:
        _add_evidence(work, uploaded, by)
    record(by, AuditAction.CREATE, work, changes={"after": {
        "title": work.title, "kind": work.kind, "unit": unit.pk,
        "authors": [[person.pk, share] for person, share in authors]}})
    return work


@transaction.atomic
def add_evidence(work: Work, uploaded, *, by) -> Evidence:
    if not rules.can_register(by, work.unit_id):
        raise PermissionDenied(_("You may not change this initiative."))
    evidence = _add_evidence(work, uploaded, by)
    record(by, AuditAction.UPDATE, work, changes={"evidence": [None, evidence.name]})
    return evidence


def _check_members(members) -> list[str]:
    errors = []
    seen = set()
    for position, (person, score, vote) in enumerate(members, 1):
        if person.pk in seen:
            errors.append(_("Member %(n)s: %(name)s is listed twice.") % {"n": position, "name": person})
        seen.add(person.pk)
        if score is None and not vote:
            errors.append(_("Member %(n)s (%(name)s): give a score or a vote.") % {"n": position, "name": person})
        if score is not None and not Decimal(0) <= score <= Decimal(100):
            errors.append(_("Member %(n)s (%(name)s): the score must be between 0 and 100.") % {
                "n": position, "name": person})
        if vote and vote not in Vote.values:
            errors.append(_("Member %(n)s (%(name)s): unknown vote.") % {"n": position, "name": person})
    if not members:
        errors.append(_("List the council members who evaluated the work."))
    return errors


@transaction.atomic
def evaluate_work(work: Work, *, by, meeting_date, passed: bool, members, council_name: str = "", note: str = "",
                  minutes=None) -> Work:
    """Registered → evaluated: the council's meeting, each member's score or vote, its result and minutes.
    `members`: [(person, score or None, vote or "")]."""
    locked = Work.objects.select_for_update().get(pk=work.pk)
    WORK_MACHINE.check_actor(locked, WORK_MACHINE["evaluate"], by)
    members = list(members)
    errors = _check_members(members)
    if meeting_date is None:
        errors.append(_("Give the meeting date."))
    elif meeting_date > timezone.localdate():
        errors.append(_("The meeting date cannot be in the future."))
    if errors:
        raise ValidationError({"members": errors})
    if hasattr(locked, "evaluation"):
        raise ValidationError(_("The council's evaluation is already recorded."))
    evaluation = Evaluation(work=locked, meeting_date=meeting_date, passed=passed, note=note or "",
                            council_name=council_name or "", created_by=by)
    if minutes is not None:
        data, digest, name = _read_file(minutes, "minutes", _("Minutes"))
        evaluation.minutes_sha256, evaluation.minutes_name = digest, name
        evaluation.minutes.save(name, ContentFile(data), save=False)
    evaluation.save()
    EvaluationMember.objects.bulk_create([EvaluationMember(evaluation=evaluation, person=person, score=score,
                                                           vote=vote or "") for person, score, vote in members])
    WORK_MACHINE.perform(locked, "evaluate", by=by, extra={
        "passed": passed, "members": [[p.pk, str(s) if s is not None else None, v] for p, s, v in members]})
    return locked


def _history_record(work: Work, by) -> Initiative:
    """The per-person record of a recognised work: the authors' histories and the eligibility engine read
    it (tdkt.awards.queries), and its `used_for` says which award used it."""
    persons = [author.person for author in work.authors.select_related("person")]
    initiative = Initiative.objects.create(
        title=work.title[:500], year=work.year, scope=work.scope, decision_number=work.decision_number,
        decision_date=work.decision_date, recognised_by=work.recognised_by, created_by=by)
    initiative.authors.set(persons)
    record_create(by, initiative)
    facts.changed(person_ids=[person.pk for person in persons])
    return initiative


@transaction.atomic
def recognise_work(work: Work, *, by, scope: str, decision_number: str, decision_date, recognised_by: str = "") -> Work:
    """Evaluated → recognised, with the decision's scope, number and date; the authors' histories receive it."""
    locked = Work.objects.select_for_update().get(pk=work.pk)
    WORK_MACHINE.check_actor(locked, WORK_MACHINE["recognise"], by)
    errors = {}
    if scope not in InitiativeScope.values:
        errors["scope"] = [_("Choose the scope of effect.")]
    elif not rules.can_recognise_at(by, locked, scope):
        errors["scope"] = [_("Only the standing body records a recognition at provincial or national scope.")]
    if not (decision_number or "").strip():
        errors["decision_number"] = [_("Give the number of the recognising decision.")]
    if decision_date is None:
        errors["decision_date"] = [_("Give the date of the recognising decision.")]
    elif decision_date > timezone.localdate():
        errors["decision_date"] = [_("The decision date cannot be in the future.")]
    elif decision_date.year < FIRST_YEAR:
        errors["decision_date"] = [_("The year must be %(first)s or later.") % {"first": FIRST_YEAR}]
    elif hasattr(locked, "evaluation") and decision_date < locked.evaluation.meeting_date:
        errors["decision_date"] = [_("The decision is dated before the council's meeting (%(date)s).") % {
            "date": locked.evaluation.meeting_date.strftime("%d/%m/%Y")}]
    if errors:
        raise ValidationError(errors)
    if not locked.evaluation.passed:
        raise ValidationError(_("The council did not propose recognition: record it as not recognised."))
    locked.scope, locked.decision_number = scope, decision_number.strip()
    locked.decision_date, locked.recognised_by, locked.year = decision_date, (recognised_by or "").strip(), \
        decision_date.year
    locked.record = _history_record(locked, by)
    WORK_MACHINE.perform(locked, "recognise", by=by, scope=locked.scope, decision_number=locked.decision_number,
                         decision_date=locked.decision_date, recognised_by=locked.recognised_by, year=locked.year,
                         record=locked.record)
    return locked


@WORK_MACHINE.implements("reject")
@transaction.atomic
def reject_work(work: Work, *, by, reason: str = "") -> Work:
    """Evaluated → not recognised, with the reason."""
    return WORK_MACHINE.perform(work, "reject", by=by, reason=reason)


# --- claims by dossiers -----------------------------------------------------------------------------------


def _claim_refusal(work: Work, holder: Claim) -> ValidationError:
    dossier = holder.nomination.dossier
    return ValidationError({"nomination": _(
        "The initiative “%(title)s” is already claimed by dossier “%(dossier)s” (for %(person)s); one "
        "initiative supports one award only.") % {"title": work.title, "dossier": dossier,
                                                  "person": holder.nomination.person}})


@transaction.atomic
def claim_work(work: Work, nomination, *, by) -> Claim:
    """A dossier's nomination line rests on this recognised work. Refused when another open claim holds it
    or an award already used it (CV 5007/BNV-TĐKT §III.5.c); two concurrent claims cannot both win (a
    partial unique constraint)."""
    locked = Work.objects.select_for_update(of=("self",)).select_related("record__used_for__award_type").get(pk=work.pk)
    dossier = nomination.dossier
    if not rules.can_claim(by, dossier):
        raise PermissionDenied(_("You may not change this dossier."))
    if locked.state != WorkState.RECOGNISED:
        raise ValidationError({"nomination": _("Only a recognised initiative can support a nomination.")})
    if nomination.state not in LIVE_NOMINATION_STATES or dossier.state not in UNIT_EDITABLE_STATES:
        raise ValidationError({"nomination": _("The dossier “%(dossier)s” can no longer be changed.") % {
            "dossier": dossier}})
    if nomination.person_id is None or not locked.authors.filter(person_id=nomination.person_id).exists():
        raise ValidationError({"nomination": _("%(person)s is not an author of “%(title)s”.") % {
            "person": nomination.person or nomination, "title": locked.title}})
    if locked.record is not None and locked.record.used_for_id:
        used = locked.record.used_for
        raise ValidationError({"nomination": _(
            "The initiative “%(title)s” has already been used for “%(award)s” (%(year)s).") % {
            "title": locked.title, "award": used.award_type, "year": used.year}})
    holder = locked.claims.filter(released_at__isnull=True).select_related(
        "nomination__dossier", "nomination__person").first()
    if holder is not None:
        if holder.nomination_id == nomination.pk:
            return holder
        raise _claim_refusal(locked, holder)
    try:
        with transaction.atomic():
            claim = Claim.objects.create(work=locked, nomination=nomination, claimed_by=by)
    except IntegrityError:
        holder = locked.claims.filter(released_at__isnull=True).select_related(
            "nomination__dossier", "nomination__person").first()
        raise _claim_refusal(locked, holder) from None
    record(by, AuditAction.UPDATE, locked, changes={"claimed_by_nomination": [None, nomination.pk]})
    return claim


@transaction.atomic
def release_claim(claim: Claim, *, by, reason: str) -> Claim:
    """The dossier no longer rests on the work (line withdrawn, refused): the work is free again."""
    if not rules.can_claim(by, claim.nomination.dossier):
        raise PermissionDenied(_("You may not change this dossier."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    updated = Claim.objects.filter(pk=claim.pk, released_at__isnull=True).update(
        released_at=timezone.now(), released_reason=reason.strip()[:255])
    if updated:
        record(by, AuditAction.UPDATE, claim.work, changes={"claim_released": [claim.nomination_id, None]})
    claim.refresh_from_db()
    return claim
