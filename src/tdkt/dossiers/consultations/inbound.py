"""Hiệp y đến: the domain functions of a consultation request another body sends the province about the
province's own people or collectives (the Lào Cai seed: "Hiệp y thành tích, khen thưởng đột xuất theo đề nghị
của các cơ quan, đơn vị").

Recorded from its document (tdkt.dossiers.consultations.inbound_reading pre-fills the form) or by hand;
assigned to the responsible specialist (notified at once, with an e-mail); answered person by person
(agree, or objection with its reason); the answer letter is produced (inbound_letter) and, once signed,
recorded as sent with its number and date. The transitions are declared in
tdkt.dossiers.consultations.transitions (INBOUND_MACHINE); each function checks its own rules, then performs
the declared transition (conditional update, history and audit rows, notifications: one transaction)."""

from __future__ import annotations

import datetime
import hashlib
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers.consultations.enums import InboundState, SubjectAnswer, SubjectKind
from tdkt.dossiers.consultations.inbound_reading import MAX_SUBJECTS, Prefill, WrittenSubject, read_request_bytes
from tdkt.dossiers.consultations.models import (
    ConsultationPolicy,
    InboundRequest,
    InboundSubject,
    inbound_file_name,
)
from tdkt.dossiers.consultations.transitions import INBOUND_MACHINE
from tdkt.lib.docparse import DocumentError
from tdkt.lib.names import display_name, split_name
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.lib.vntext import fold, normalize
from tdkt.orgs.models import Unit
from tdkt.people.models import Person
from tdkt.workcalendar.calendar import add_working_days
from tdkt.workflow.primitive import actor_user, write_history

REQUEST_FILE_KINDS = {"pdf", "docx"}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_COLLECTIVE = re.compile(r"^tập thể\s+", re.IGNORECASE)


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def inbound_due_on(received_on: datetime.date) -> datetime.date:
    """Received + N working days, N the province's parameter (ConsultationPolicy.inbound_answer_working_days,
    10 by default as the seed plans it; the province's calendar skips week-ends and holidays)."""
    return add_working_days(received_on, ConsultationPolicy.current().inbound_answer_working_days)


def default_letter_issuer() -> str:
    return f"Ủy ban nhân dân tỉnh {settings.PROVINCE_NAME}"


# --- the request's document ------------------------------------------------------------------------------------


def store_request_file(uploaded) -> tuple[str, str, str, Prefill]:
    """Check an uploaded .docx/.pdf (size, content sniffed, then read by docparse with its guards), store it by
    content hash and return (token, original name, mime, prefill). Refused with a message naming the file."""
    name = (getattr(uploaded, "name", "") or "").rsplit("/", 1)[-1][:255]
    label = _("File “%(name)s”") % {"name": name}
    try:
        sniffed = read_upload(uploaded, allowed=REQUEST_FILE_KINDS, max_bytes=settings.UPLOAD_MAX_BYTES,
                              field_label=label)
    except UploadError as exc:
        raise ValidationError({"document": str(exc)}) from exc
    try:
        prefill = read_request_bytes(sniffed.data, name)
    except DocumentError as exc:
        raise ValidationError({"document": _("%(file)s cannot be read: %(reason)s") % {
            "file": label, "reason": str(exc)}}) from exc
    digest = hashlib.sha256(sniffed.data).hexdigest()
    path = inbound_file_name(digest, name)
    if not default_storage.exists(path):  # content-addressed: the same letter uploaded twice is stored once
        default_storage.save(path, ContentFile(sniffed.data))
    return digest, name, sniffed.mime, prefill


def _stored_file(token: str, name: str) -> str:
    """The stored path of a file uploaded at the pre-fill step (its content hash travels in the form)."""
    if not _SHA256.match(token or ""):
        raise ValidationError({"document": _("The uploaded file is no longer available: upload it again.")})
    path = inbound_file_name(token, name)
    if not default_storage.exists(path):
        raise ValidationError({"document": _("The uploaded file is no longer available: upload it again.")})
    return path


# --- persons and collectives asked about ----------------------------------------------------------------------


def subjects_text(subjects: list[WrittenSubject]) -> str:
    """The text the form shows: one line each, "Name | position, unit" (collectives start with "Tập thể")."""
    lines = []
    for subject in subjects:
        name = f"Tập thể {subject.name}" if subject.kind == SubjectKind.COLLECTIVE else subject.name
        lines.append(f"{name} | {subject.unit_text}" if subject.unit_text else name)
    return "\n".join(lines)


def parse_subject_lines(text: str) -> list[WrittenSubject]:
    """One person or collective a line ("Name | position, unit"); honorifics are taken off the names."""
    subjects, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = normalize(line)
        if not line:
            continue
        name, _bar, unit_text = (part.strip() for part in line.partition("|"))
        if _COLLECTIVE.match(name):
            name, kind = _COLLECTIVE.sub("", name).strip(), SubjectKind.COLLECTIVE
        else:
            parts = split_name(name)
            name, kind = parts.name, SubjectKind.INDIVIDUAL
        if not name:
            errors.append(_("Line %(line)s: give the name of the person or collective.") % {"line": number})
        elif len(name) > 255 or len(unit_text) > 500:
            errors.append(_("Line %(line)s: the name (255 characters) or the position and unit (500 characters) "
                            "is too long.") % {"line": number})
        else:
            subjects.append(WrittenSubject(name, unit_text, kind))
    if errors:
        raise ValidationError({"subjects": errors})
    if not subjects:
        raise ValidationError({"subjects": [_("List at least one person or collective asked about.")]})
    if len(subjects) > MAX_SUBJECTS:
        raise ValidationError({"subjects": [_("A request may list at most %(max)s persons and collectives.") % {
            "max": MAX_SUBJECTS}]})
    return subjects


def match_subjects(subjects: list[WrittenSubject]) -> list[tuple[WrittenSubject, int | None, int | None]]:
    """(subject, person id, unit id): linked only when the match is certain — one registered person of that
    name (or, among several, one whose unit the written text names), one unit of that name. Two queries."""
    names = sorted({fold(s.name) for s in subjects if s.kind == SubjectKind.INDIVIDUAL})
    people: dict[str, list[tuple[int, str]]] = {}
    for pk, folded, unit_name in (Person.objects.filter(name_folded__in=names, merged_into__isnull=True)
                                  .order_by("pk").values_list("pk", "name_folded", "unit__name")):
        people.setdefault(folded, []).append((pk, fold(unit_name)))
    units: dict[str, list[int]] = {}
    if any(s.kind == SubjectKind.COLLECTIVE for s in subjects):
        for pk, name in Unit.objects.active().order_by("pk").values_list("pk", "name"):
            units.setdefault(fold(name), []).append(pk)
    result = []
    for subject in subjects:
        if subject.kind == SubjectKind.COLLECTIVE:
            found = units.get(fold(subject.name), [])
            result.append((subject, None, found[0] if len(found) == 1 else None))
            continue
        candidates = people.get(fold(subject.name), [])
        if len(candidates) > 1 and subject.unit_text:
            written = fold(subject.unit_text)
            candidates = [c for c in candidates if c[1] and c[1] in written]
        result.append((subject, candidates[0][0] if len(candidates) == 1 else None, None))
    return result


# --- recording -------------------------------------------------------------------------------------------------


def _check_header(*, requesting_body, reference_number, reference_date, subject, received_on, today) -> dict:
    errors = {}
    if not requesting_body:
        errors["requesting_body"] = [_("Give the body that sent the request.")]
    if not reference_number:
        errors["reference_number"] = [_("Give the number of their document, e.g. 123/SYT-TCCB.")]
    if not subject:
        errors["subject"] = [_("Give the subject of the request (V/v …).")]
    if reference_date is None:
        errors["reference_date"] = [_("Give the date of their document (dd/mm/yyyy).")]
    elif reference_date > today:
        errors["reference_date"] = [_("Their document cannot be dated in the future.")]
    if received_on is None:
        errors["received_on"] = [_("Give the date the request was received (dd/mm/yyyy).")]
    elif received_on > today:
        errors["received_on"] = [_("The request cannot be received in the future.")]
    elif reference_date is not None and received_on < reference_date:
        errors["received_on"] = [_("The request cannot be received before its date %(date)s.") % {
            "date": _date(reference_date)}]
    return errors


@transaction.atomic
def record_inbound(*, by, requesting_body: str, reference_number: str, reference_date, subject: str,
                   received_on, subjects_text: str, file_token: str = "", file_name: str = "",
                   file_type: str = "", assignee=None) -> InboundRequest:
    """Record a request received (state "received"); with an assignee, assign it at once. All or nothing."""
    today = timezone.localdate()
    requesting_body, reference_number, subject = (normalize(v or "") for v in (requesting_body, reference_number,
                                                                                subject))
    errors = _check_header(requesting_body=requesting_body, reference_number=reference_number,
                           reference_date=reference_date, subject=subject, received_on=received_on, today=today)
    try:
        written = parse_subject_lines(subjects_text)
    except ValidationError as exc:
        errors |= exc.message_dict
        written = []
    path = ""
    if file_token:
        try:
            path = _stored_file(file_token, file_name)
        except ValidationError as exc:
            errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)
    request = InboundRequest.objects.create(
        requesting_body=requesting_body, reference_number=reference_number, reference_date=reference_date,
        subject=subject, received_on=received_on, due_on=inbound_due_on(received_on), created_by=actor_user(by),
        file=path, file_name=file_name if path else "", file_type=file_type if path else "",
        file_sha256=file_token if path else "", letter_issuer=default_letter_issuer(),
        recipients="Như trên\nLưu: VT")
    InboundSubject.objects.bulk_create([
        InboundSubject(request=request, position=position, kind=subject.kind, written_name=subject.name,
                       written_unit=subject.unit_text, person_id=person_id, unit_id=unit_id)
        for position, (subject, person_id, unit_id) in enumerate(match_subjects(written), start=1)])
    reason = _("Request %(number)s of %(body)s received on %(date)s; answer due %(due)s.") % {
        "number": reference_number, "body": requesting_body, "date": _date(received_on), "due": _date(request.due_on)}
    write_history(INBOUND_MACHINE, request, by=by, from_state="", to_state=InboundState.RECEIVED, reason=reason)
    record(by, AuditAction.CREATE, request, changes={"subjects": len(written), "due_on": str(request.due_on),
                                                     "file_sha256": request.file_sha256})
    if assignee is not None:
        assign_inbound(request, by=by, assignee=assignee)
    return request


def specialists():
    """Users who may be responsible for an answer: province specialists (memberships valid today)."""
    today = timezone.localdate()
    ids = (Membership.objects.filter(role=Role.PROVINCE_SPECIALIST, user__is_active=True)
           .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
           .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).values("user_id"))
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name", "first_name", "username")


@INBOUND_MACHINE.implements("assign")
@transaction.atomic
def assign_inbound(request: InboundRequest, *, by, assignee=None, reason: str = "") -> InboundRequest:
    if assignee is None:
        raise ValidationError({"assignee": _("Choose the specialist responsible for the answer.")})
    if not specialists().filter(pk=assignee.pk).exists():
        raise ValidationError({"assignee": _("%(name)s is not a specialist of the standing body.") % {
            "name": assignee}})
    if request.assignee_id == assignee.pk and request.state == InboundState.ASSIGNED:
        raise ValidationError({"assignee": _("%(name)s is already responsible for this request.") % {
            "name": assignee}})
    text = reason or _("Assigned to %(name)s.") % {"name": display_name(assignee)}
    return INBOUND_MACHINE.perform(request, "assign", by=by, reason=text, extra={"assignee": assignee.pk},
                                   assignee=assignee)


def _clean_lines(text: str) -> str:
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


@INBOUND_MACHINE.implements("draft_answer")
def _draft_elsewhere(request, *, by, reason: str = ""):
    raise ValidationError(_("Record the answers on the answer page, which takes one answer per person."))


@transaction.atomic
def draft_answer(request: InboundRequest, *, by, answers: dict, opinion: str = "", letter_issuer: str = "",
                 signature: str = "", signer_name: str = "", recipients: str = "") -> InboundRequest:
    """Record the answer about each person or collective (`answers`: subject id -> (answer, reason)) and the
    letter's fields. Every subject needs an answer; an objection needs its reason. All or nothing."""
    subjects = {s.pk: s for s in request.subjects.select_for_update().order_by("position")}
    errors = []
    for pk, subject in subjects.items():
        answer, reason = answers.get(pk, ("", ""))
        reason = (reason or "").strip()
        label = f"{subject.position}. {subject.written_name}"
        if answer not in SubjectAnswer.values:
            errors.append(_("%(subject)s: choose agree or objection.") % {"subject": label})
        elif answer == SubjectAnswer.OBJECTION and not reason:
            errors.append(_("%(subject)s: give the reason for the objection.") % {"subject": label})
    unknown = set(answers) - set(subjects)
    if unknown:
        errors.append(_("The answers name persons this request is not about."))
    letter_issuer = normalize(letter_issuer or "")
    if not letter_issuer:
        errors.append(_("Give the issuing body of the answer letter."))
    if errors:
        raise ValidationError({"answers": errors})
    changed = []
    for pk, subject in subjects.items():
        answer, reason = answers[pk]
        subject.answer = answer
        subject.reason = (reason or "").strip()
        changed.append(subject)
    InboundSubject.objects.bulk_update(changed, ["answer", "reason"])
    objections = sum(1 for s in changed if s.answer == SubjectAnswer.OBJECTION)
    summary = _("Answers recorded: %(agree)s agreed, %(objections)s objected to.") % {
        "agree": len(changed) - objections, "objections": objections}
    return INBOUND_MACHINE.perform(
        request, "draft_answer", by=by, reason=summary,
        extra={"answers": {str(s.pk): s.answer for s in changed}},
        opinion=(opinion or "").strip(), letter_issuer=letter_issuer, signature=_clean_lines(signature),
        signer_name=normalize(signer_name or ""), recipients=_clean_lines(recipients))


@INBOUND_MACHINE.implements("send")
def _send_elsewhere(request, *, by, reason: str = ""):
    raise ValidationError(_("Record the letter's number and date to mark the answer as sent."))


@transaction.atomic
def send_answer(request: InboundRequest, *, by, letter_number: str, letter_date) -> InboundRequest:
    letter_number = normalize(letter_number or "")
    errors = {}
    if not letter_number:
        errors["letter_number"] = [_("Give the number of the signed answer letter.")]
    if letter_date is None:
        errors["letter_date"] = [_("Give the date of the signed answer letter (dd/mm/yyyy).")]
    elif letter_date < request.received_on:
        errors["letter_date"] = [_("The answer cannot be dated before the request was received (%(date)s).") % {
            "date": _date(request.received_on)}]
    elif letter_date > timezone.localdate():
        errors["letter_date"] = [_("The answer letter cannot be dated in the future.")]
    if errors:
        raise ValidationError(errors)
    reason = _("Answer letter %(number)s of %(date)s sent.") % {"number": letter_number, "date": _date(letter_date)}
    return INBOUND_MACHINE.perform(request, "send", by=by, reason=reason, letter_number=letter_number,
                                   letter_date=letter_date)
