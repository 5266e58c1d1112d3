"""The consultation request's state machine (tdkt.workflow), declared once here: a request is sent
(tdkt.dossiers.consultations.services.send_consultation writes its first history row), flagged overdue by
the daily `flag_overdue_consultations` (the system), and answered — by a user of the agency's linked unit,
or by the standing body recording a paper answer. The domain functions are in services; the lines and the
dossier are moved by their own machines, not here."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.dossiers.consultations import rules
from tdkt.dossiers.consultations.enums import OPEN_REQUEST_STATES, Answer, InboundState, RequestState
from tdkt.dossiers.consultations.inbound_queries import get_inbound_for_user, is_inbound_handler
from tdkt.dossiers.consultations.models import (
    ConsultationRequest,
    InboundRequest,
    InboundStateChange,
    RequestStateChange,
)
from tdkt.dossiers.consultations.queries import agency_ids_for_user, get_request_for_agency_user, get_request_for_staff
from tdkt.notifications.models import NotificationKind
from tdkt.workflow.machine import SYSTEM, Notice, StateMachine, transition

S = RequestState


def is_staff(user, request=None) -> bool:
    return get_scope(user).has_role(*rules.STAFF)


def answers_for_agency(user, request) -> bool:
    return get_scope(user).has_role(*rules.AGENCY_USERS) and request.agency_id in agency_ids_for_user(user)


def may_answer(user, request) -> bool:
    """The agency (its linked unit's clerks and leaders), or the standing body recording a paper answer."""
    return is_staff(user) or answers_for_agency(user, request)


def answer_summary(request) -> str:
    summary = _("%(agency)s answered the consultation: %(answer)s.") % {
        "agency": request.agency, "answer": Answer(request.answer).label}
    return f"{summary} {request.answer_text}" if request.answer_text else str(summary)


def _answered(request, item):
    """The dossier's assignee and the sender learn the answer."""
    followers = [user_id for user_id in (request.dossier.assignee_id, request.sent_by_id) if user_id]
    yield Notice(users=followers, text=answer_summary(request), key=f"consultation-answered:{request.pk}",
                 url=reverse("consultations:dossier", kwargs={"pk": request.dossier_id}))


def _get_for_user(user, pk, write=True):
    if is_staff(user):
        return get_request_for_staff(pk)
    if get_scope(user).has_role(*rules.AGENCY_USERS):
        return get_request_for_agency_user(user, pk)
    raise Http404


REQUEST_MACHINE = StateMachine(
    name="consultation_request",
    label=_("consultation request"),
    model=ConsultationRequest,
    states=RequestState,
    history_model=RequestStateChange,
    history_owner="request",
    actors={"answerer": may_answer},
    initial=S.SENT,
    get_for_user=_get_for_user,
    # the home's agenda: a request waits for the consulted agency's officers (the standing body only records a
    # paper answer when one comes; nothing waits for it), who answer on their own page
    visible_to=lambda user: ConsultationRequest.objects.filter(agency_id__in=agency_ids_for_user(user)).select_related(
        "dossier", "agency").order_by("due_on", "pk"),
    url_of=lambda request: reverse("consultations:answer", args=[request.pk]),
    button_url_of=lambda request, _item: reverse("consultations:answer", args=[request.pk]),
    title_of=lambda request: request.dossier.title, unit_of=lambda request: str(request.agency),
    due_of=lambda request: request.due_on, agenda_key=lambda request: request.agency_id,
    audit_exclude=frozenset({"answered_by", "answer_text"}),
    raced_message=_("Someone else has just recorded an answer to this request. Reload the page."),
    docs="consultations.md",
    transitions=[
        transition("answer", _("Answer"), OPEN_REQUEST_STATES, S.ANSWERED, "answerer",
                   form_url="consultations:record_answer", notifies=_answered,
                   description=_("The agency answers (or the standing body records its paper answer); an "
                                 "objection puts the lines it names on hold.")),
        transition("flag_overdue", _("Flag overdue"), {S.SENT}, S.OVERDUE, SYSTEM,
                   description=_("The daily flag_overdue_consultations flags a request past its due date.")),
    ],
)

IS = InboundState


def is_assignee(user, request) -> bool:
    """The responsible specialist drafts the answer (an administrator may stand in)."""
    return bool(request.assignee_id and getattr(user, "pk", None) == request.assignee_id) or get_scope(
        user).has_role(Role.SYSTEM_ADMIN)


def _assigned(request, item):
    """The responsible specialist learns at once, in the app and by e-mail (kind INBOUND_CONSULTATION)."""
    text = _("You are responsible for answering the consultation request %(number)s of %(body)s (%(subject)s); "
             "answer due %(date)s.") % {"number": request.reference_number, "body": request.requesting_body,
                                         "subject": request.subject, "date": request.due_on.strftime("%d/%m/%Y")}
    yield Notice(users=[request.assignee_id], text=text, kind=NotificationKind.INBOUND_CONSULTATION,
                 subject=_("[TĐKT] Consultation request to answer: %(number)s") % {"number": request.reference_number},
                 url=reverse("consultations:inbound_detail", kwargs={"pk": request.pk}))


INBOUND_MACHINE = StateMachine(
    name="inbound_consultation",
    label=_("consultation request received"),
    model=InboundRequest,
    states=InboundState,
    history_model=InboundStateChange,
    history_owner="request",
    actors={"handler": lambda user, request: is_inbound_handler(user), "assignee": is_assignee},
    initial=IS.RECEIVED,
    get_for_user=lambda user, pk, write=True: get_inbound_for_user(user, pk),
    audit_exclude=frozenset({"opinion", "recipients"}),
    raced_message=_("Someone else has just changed this consultation request. Reload the page."),
    docs="consultations.md",
    transitions=[
        transition("assign", _("Assign"), {IS.RECEIVED, IS.ASSIGNED}, IS.ASSIGNED, "handler",
                   form_url="consultations:inbound_detail", notifies=_assigned,
                   description=_("The standing body names the specialist responsible for the answer (again to "
                                 "hand it to another); the specialist is notified, with an e-mail.")),
        transition("draft_answer", _("Record the answers"), {IS.ASSIGNED, IS.ANSWERED}, IS.ANSWERED, "assignee",
                   form_url="consultations:inbound_answer",
                   description=_("The responsible specialist records, for each person or collective, agreement "
                                 "or an objection with its reason; the letter can then be produced.")),
        transition("send", _("Record as sent"), {IS.ANSWERED}, IS.SENT, "handler",
                   form_url="consultations:inbound_detail",
                   description=_("Once the letter is signed, the standing body records its number and date: "
                                 "the request leaves the queue.")),
    ],
)

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.dossiers.consultations import inbound, services  # noqa: E402, F401
