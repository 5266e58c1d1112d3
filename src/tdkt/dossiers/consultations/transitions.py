"""The consultation request's state machine (tdkt.workflow), declared once here: a request is sent
(tdkt.dossiers.consultations.services.send_consultation writes its first history row), flagged overdue by
the daily `flag_overdue_consultations` (the system), and answered — by a user of the agency's linked unit,
or by the standing body recording a paper answer. The domain functions are in services; the lines and the
dossier are moved by their own machines, not here."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import get_scope
from tdkt.dossiers.consultations import rules
from tdkt.dossiers.consultations.enums import OPEN_REQUEST_STATES, Answer, RequestState
from tdkt.dossiers.consultations.models import ConsultationRequest, RequestStateChange
from tdkt.dossiers.consultations.queries import agency_ids_for_user, get_request_for_agency_user, get_request_for_staff
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

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.dossiers.consultations import services  # noqa: E402, F401
