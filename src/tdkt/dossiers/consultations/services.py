"""Hiệp y: one function per state change of a consultation request (NĐ152 Đ34).

Each one checks the source state, updates conditionally (two clicks give one change and one refusal),
writes the dossier timeline row (tdkt.dossiers.state.log_event) and the audit row in one transaction.
Nominee lines and the dossier change state only through tdkt.dossiers.state."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers.consultations.enums import OPEN_REQUEST_STATES, Answer, RequestState
from tdkt.dossiers.consultations.models import (
    ConsultationObjection,
    ConsultationPolicy,
    ConsultationRequest,
    ConsultedAgency,
)
from tdkt.dossiers.consultations.queries import agency_user_ids
from tdkt.dossiers.enums import DossierState, EventKind, NominationState
from tdkt.dossiers.state import actor_user, change_dossier_state, change_nomination_state, log_event
from tdkt.notifications.services import notify
from tdkt.workcalendar.calendar import add_working_days

# The dossier states in which the specialist may ask agencies (the first request moves it to consultation).
SENDABLE_DOSSIER_STATES = frozenset({DossierState.IN_APPRAISAL, DossierState.CONSULTATION,
                                     DossierState.PUBLIC_POSTING})
# Lines one may ask about, and lines an objection puts on hold.
CONSULTABLE_LINE_STATES = frozenset({NominationState.PROPOSED, NominationState.ACCEPTED})
COMMAND_ACTOR = "flag_overdue_consultations"


def _date(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


def default_due_on(sent_on: datetime.date) -> datetime.date:
    """The answer limit: N working days after sending (NĐ152 Đ34.6: 10 wd [V]; provincial parameter)."""
    return add_working_days(sent_on, ConsultationPolicy.current().answer_working_days)


@transaction.atomic
def send_consultation(dossier, *, by, agencies, nominations, due_on=None, sent_on=None) -> list[ConsultationRequest]:
    """One request per agency about the chosen lines; the first request moves the dossier to consultation."""
    sent_on = sent_on or timezone.localdate()
    agencies = list(agencies)
    nominations = list(nominations)
    errors = {}
    if dossier.state not in SENDABLE_DOSSIER_STATES:
        raise ValidationError(_("Consultation requests can be sent only for a dossier in appraisal, in "
                                "consultation or publicly posted; this one is “%(state)s”.") % {
            "state": DossierState(dossier.state).label})
    if not agencies:
        errors["agencies"] = [_("Choose at least one agency to consult.")]
    inactive = [str(agency) for agency in agencies if not agency.active]
    if inactive:
        errors["agencies"] = [_("These agencies are no longer in use: %(names)s.") % {"names": ", ".join(inactive)}]
    if not nominations:
        errors["nominations"] = [_("Choose at least one nominee to consult about.")]
    foreign = [f"{n.position}. {n.recipient}" for n in nominations if n.dossier_id != dossier.pk]
    if foreign:
        errors["nominations"] = [_("These lines are not in this dossier: %(names)s.") % {"names": "; ".join(foreign)}]
    closed = [f"{n.position}. {n.recipient}" for n in nominations
              if n.dossier_id == dossier.pk and n.state not in CONSULTABLE_LINE_STATES]
    if closed:
        errors.setdefault("nominations", []).append(
            _("Only proposed or accepted lines can be consulted about; not: %(names)s.") % {"names": "; ".join(closed)})
    due_on = due_on or default_due_on(sent_on)
    if due_on < sent_on:
        errors["due_on"] = [_("The answer date cannot be before the sending date %(date)s.") % {"date": _date(sent_on)}]
    waiting = list(ConsultationRequest.objects.filter(dossier=dossier, agency__in=agencies,
                                                      state__in=OPEN_REQUEST_STATES).select_related("agency"))
    if waiting:
        errors.setdefault("agencies", []).append(
            _("A request to %(names)s is still waiting for its answer.") % {
                "names": ", ".join(str(r.agency) for r in waiting)})
    if errors:
        raise ValidationError(errors)
    created = []
    try:
        with transaction.atomic():
            for agency in agencies:
                request = ConsultationRequest.objects.create(dossier=dossier, agency=agency, sent_on=sent_on,
                                                             due_on=due_on, sent_by=actor_user(by))
                request.nominations.set(nominations)
                created.append(request)
    except IntegrityError as exc:  # a concurrent click sent the same request first
        raise ValidationError(_("Someone else has just sent this request. Reload the page.")) from exc
    names = ", ".join(str(agency) for agency in agencies)
    reason = _("Consultation sent to %(agencies)s about %(count)s nominee(s); answer due %(date)s.") % {
        "agencies": names, "count": len(nominations), "date": _date(due_on)}
    if dossier.state == DossierState.IN_APPRAISAL:
        change_dossier_state(dossier, DossierState.CONSULTATION, by=by, allowed_from={DossierState.IN_APPRAISAL},
                             reason=reason, step_due_on=due_on)
    else:
        log_event(dossier, by=by, reason=reason)
    for request in created:
        record(by, AuditAction.CREATE, request, changes={
            "agency": str(request.agency), "due_on": str(due_on), "nominations": [n.pk for n in nominations]})
        notify(agency_user_ids(request.agency), key=f"consultation-sent:{request.pk}",
               url=reverse("consultations:answer", kwargs={"pk": request.pk}),
               text=_("New consultation request about %(count)s nominee(s) proposed by %(unit)s; answer due "
                      "%(date)s.") % {"count": len(nominations), "unit": dossier.unit, "date": _date(due_on)})
    return created


@transaction.atomic
def answer_consultation(request: ConsultationRequest, *, by, objection: bool, text: str = "",
                        objected_nominations=(), on_paper: bool = False, reference: str = "",
                        answered_on=None) -> ConsultationRequest:
    """Record the agency's answer; an objection puts the lines it names (all lines when none) on hold."""
    text = (text or "").strip()
    reference = (reference or "").strip()
    answered_on = answered_on or timezone.localdate()
    lines = {n.pk: n for n in request.nominations.select_related("dossier", "person", "unit", "household")}
    objected = [lines.get(getattr(n, "pk", n)) for n in objected_nominations]
    errors = {}
    if request.state not in OPEN_REQUEST_STATES:
        raise ValidationError(_("This request has already been answered."))
    if objection and not text:
        errors["text"] = [_("Give the agency's reasons for the objection.")]
    if None in objected:
        errors["objected_nominations"] = [_("Choose only nominees that this request is about.")]
    if on_paper and not reference:
        errors["reference"] = [_("Give the number and date of the agency's reply letter.")]
    if answered_on < request.sent_on:
        errors["answered_on"] = [_("The answer cannot be dated before the request (%(date)s).") % {
            "date": _date(request.sent_on)}]
    if answered_on > timezone.localdate():
        errors["answered_on"] = [_("The answer cannot be dated in the future.")]
    if errors:
        raise ValidationError(errors)
    if objection and not objected:
        objected = list(lines.values())
    answer = Answer.OBJECTION if objection else Answer.NO_OBJECTION
    updated = ConsultationRequest.objects.filter(pk=request.pk, state=request.state).update(
        state=RequestState.ANSWERED, answer=answer, answer_text=text, answered_by=actor_user(by), answered_on=answered_on,
        recorded_on_paper=on_paper, paper_reference=reference)
    if not updated:
        raise ValidationError(_("Someone else has just recorded an answer to this request. Reload the page."))
    old_state = request.state
    request.refresh_from_db()
    summary = _("%(agency)s answered the consultation: %(answer)s.") % {
        "agency": request.agency, "answer": Answer(answer).label}
    if text:
        summary = f"{summary} {text}"
    log_event(request.dossier, by=by, reason=summary)
    record(by, AuditAction.UPDATE, request, changes={
        "state": [old_state, RequestState.ANSWERED], "answer": answer, "on_paper": on_paper, "reference": reference,
        "objected": [n.pk for n in objected]})
    followers = [user_id for user_id in (request.dossier.assignee_id, request.sent_by_id) if user_id]
    notify(followers, key=f"consultation-answered:{request.pk}",
           url=reverse("consultations:dossier", kwargs={"pk": request.dossier_id}), text=summary)
    hold_reason = _("Consultation: %(agency)s objects: %(text)s") % {"agency": request.agency, "text": text}
    for line in objected:
        ConsultationObjection.objects.create(request=request, nomination=line, reason=text)
        if line.state in CONSULTABLE_LINE_STATES:
            change_nomination_state(line, NominationState.ON_HOLD, by=by, allowed_from=CONSULTABLE_LINE_STATES,
                                    reason=hold_reason, decision_reason=hold_reason)
        else:  # already on hold (or out of the running): the objection stays on the timeline
            log_event(line.dossier, by=by, kind=EventKind.NOTE, nomination=line, reason=hold_reason)
    return request


def flag_overdue_consultations(today: datetime.date | None = None, *, by=COMMAND_ACTOR) -> int:
    """Flag requests past their due date without an answer; idempotent (a flagged request is left alone)."""
    today = today or timezone.localdate()
    flagged = 0
    candidates = ConsultationRequest.objects.filter(state=RequestState.SENT, due_on__lt=today).select_related(
        "agency", "dossier")
    for request in candidates:
        with transaction.atomic():
            if not ConsultationRequest.objects.filter(pk=request.pk, state=RequestState.SENT).update(
                    state=RequestState.OVERDUE, overdue_flagged_on=today):
                continue  # answered or flagged meanwhile
            flagged += 1
            log_event(request.dossier, by=by, reason=_(
                "%(agency)s has not answered the consultation due %(date)s.") % {
                "agency": request.agency, "date": _date(request.due_on)})
            record(by, AuditAction.UPDATE, request, changes={"state": [RequestState.SENT, RequestState.OVERDUE]})
    return flagged


def open_blockers(dossier, today: datetime.date | None = None) -> list[str]:
    """Why the dossier cannot go to the council yet because of hiệp y (empty list: nothing blocks).

    An unanswered request blocks until its due date; after it, only when the province does not
    proceed without an answer (ConsultationPolicy.proceed_without_answer)."""
    today = today or timezone.localdate()
    proceed = ConsultationPolicy.current().proceed_without_answer
    messages = []
    for request in ConsultationRequest.objects.filter(dossier=dossier, state__in=OPEN_REQUEST_STATES).select_related(
            "agency").order_by("due_on", "id"):
        if request.due_on >= today and request.state == RequestState.SENT:
            messages.append(_("%(agency)s has not answered the consultation yet (due %(date)s).") % {
                "agency": request.agency, "date": _date(request.due_on)})
        elif not proceed:
            messages.append(_("%(agency)s has not answered the consultation due %(date)s, and the province's rules do "
                              "not allow going on without an answer.") % {
                "agency": request.agency, "date": _date(request.due_on)})
    return messages


def agencies_in_use():
    return ConsultedAgency.objects.filter(active=True)
