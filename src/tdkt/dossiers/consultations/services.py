"""Hiệp y: the domain functions of a consultation request (NĐ152 Đ34).

The request's transitions are declared in tdkt.dossiers.consultations.transitions (REQUEST_MACHINE); each
function here checks its own rules, then REQUEST_MACHINE.perform (conditional update — two clicks give one
change and one refusal —, history row, audit row in one transaction) and writes the dossier timeline row
(tdkt.dossiers.state.log_event). Nominee lines and the dossier change state only through their declared
transitions (tdkt.dossiers.transitions)."""

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
from tdkt.dossiers.consultations.transitions import REQUEST_MACHINE, answer_summary
from tdkt.dossiers.enums import DossierState, EventKind, NominationState
from tdkt.dossiers.state import actor_user, log_event
from tdkt.dossiers.transitions import DOSSIER, NOMINATION
from tdkt.notifications.services import notify
from tdkt.workcalendar.calendar import add_working_days
from tdkt.workflow.primitive import write_history

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
        DOSSIER.perform(dossier, "start_consultation", by=by, reason=reason, step_due_on=due_on)
    else:
        log_event(dossier, by=by, reason=reason)
    for request in created:
        write_history(REQUEST_MACHINE, request, by=by, from_state="", to_state=RequestState.SENT, reason=reason)
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
    REQUEST_MACHINE.perform(request, "answer", by=by, reason=text, extra={"objected": [n.pk for n in objected]},
                            answer=answer, answer_text=text, answered_by=actor_user(by), answered_on=answered_on,
                            recorded_on_paper=on_paper, paper_reference=reference)
    request.refresh_from_db()
    log_event(request.dossier, by=by, reason=answer_summary(request))
    hold_reason = _("Consultation: %(agency)s objects: %(text)s") % {"agency": request.agency, "text": text}
    for line in objected:
        ConsultationObjection.objects.create(request=request, nomination=line, reason=text)
        if line.state in CONSULTABLE_LINE_STATES:
            NOMINATION.perform(line, "hold_on_objection", by=by, reason=hold_reason, decision_reason=hold_reason)
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
        reason = _("%(agency)s has not answered the consultation due %(date)s.") % {
            "agency": request.agency, "date": _date(request.due_on)}
        with transaction.atomic():
            try:
                REQUEST_MACHINE.perform(request, "flag_overdue", by=by, reason=reason, overdue_flagged_on=today)
            except ValidationError:
                continue  # answered or flagged meanwhile
            flagged += 1
            log_event(request.dossier, by=by, reason=reason)
    return flagged


@REQUEST_MACHINE.implements("answer")
def _answer_elsewhere(request: ConsultationRequest, *, by, reason: str = ""):
    raise ValidationError(_("Answer on the request's answer form, which takes the agency's opinion."))


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
