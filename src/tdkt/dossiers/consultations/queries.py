"""Reads of the hiệp y app: who sees which request, the lists, and the answers for the council papers."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from tdkt.accounts.enums import UNIT_ROLES
from tdkt.accounts.models import Membership
from tdkt.dossiers.consultations.enums import OPEN_REQUEST_STATES, Answer, RequestState
from tdkt.dossiers.consultations.models import ConsultationObjection, ConsultationRequest, ConsultedAgency
from tdkt.dossiers.models import Nomination


def agency_ids_for_user(user) -> set[int]:
    """Agencies whose linked unit the user serves as unit clerk or unit leader (valid today)."""
    if not user.is_authenticated:
        return set()
    today = timezone.localdate()
    unit_ids = [m.unit_id for m in Membership.objects.filter(user=user, role__in=UNIT_ROLES)
                if (m.valid_from is None or m.valid_from <= today) and (m.valid_to is None or m.valid_to >= today)]
    if not unit_ids:
        return set()
    return set(ConsultedAgency.objects.filter(unit_id__in=unit_ids).values_list("pk", flat=True))


def _nominee_prefetch():
    return Prefetch("nominations", queryset=Nomination.objects.select_related(
        "person__unit", "unit", "household", "award_type").order_by("position", "id"))


def inbox_for_agency_user(user):
    """Requests addressed to the user's agencies, open ones first."""
    return (ConsultationRequest.objects.filter(agency_id__in=agency_ids_for_user(user))
            .select_related("agency", "dossier__unit").order_by("state", "due_on", "id"))


def get_request_for_agency_user(user, pk) -> ConsultationRequest:
    """A request addressed to one of the user's agencies; any other request is a 404."""
    request = (ConsultationRequest.objects.select_related("agency", "dossier__unit")
               .prefetch_related(_nominee_prefetch(), "objections").filter(pk=pk).first())
    if request is None or request.agency_id not in agency_ids_for_user(user):
        raise Http404
    return request


def get_request_for_staff(pk) -> ConsultationRequest:
    request = (ConsultationRequest.objects.select_related("agency", "dossier__unit", "answered_by", "sent_by")
               .prefetch_related(_nominee_prefetch(), "objections").filter(pk=pk).first())
    if request is None:
        raise Http404
    return request


def requests_of_dossier(dossier):
    return (ConsultationRequest.objects.filter(dossier=dossier)
            .select_related("agency", "answered_by")
            .prefetch_related(_nominee_prefetch(), "objections__nomination").order_by("-sent_on", "id"))


def open_requests():
    """The specialist's queue: every request still waiting, overdue first, then by due date."""
    return (ConsultationRequest.objects.filter(state__in=OPEN_REQUEST_STATES)
            .select_related("agency", "dossier__unit").order_by("due_on", "id"))


def nominee_rows(nominations) -> list[dict]:
    """What an agency or the public is shown of each nominee: name, position and unit, proposed award —
    nothing else (no birth date, no citizen ID). Lines need person__unit, unit, household, award_type loaded."""
    rows = []
    for line in nominations:
        if line.person_id:
            name = line.person.full_name
            written = ", ".join(part for part in (line.person.position, line.person.unit and line.person.unit.name)
                                if part)
        elif line.unit_id:
            name, written = line.unit.name, ""
        else:
            name, written = line.household.head_name, line.household.village
        rows.append({"pk": line.pk, "position": line.position, "name": name,
                     "position_and_unit": line.position_and_unit or written,
                     "award": line.award_type.name})
    return rows


@dataclass(frozen=True)
class ConsultationAnswer:
    """One agency's answer about one nominee, as the council papers show it."""

    agency: str
    state: str  # RequestState
    answer: str  # Answer or ""
    text: str  # the objection's reason for this line, or the agency's general opinion
    objects_to_line: bool
    sent_on: datetime.date
    due_on: datetime.date
    answered_on: datetime.date | None
    on_paper: bool
    reference: str

    @property
    def state_label(self) -> str:
        return str(RequestState(self.state).label)

    @property
    def answer_label(self) -> str:
        return str(Answer(self.answer).label) if self.answer else ""


def answers_for(nominations) -> dict[int, list[ConsultationAnswer]]:
    """Nomination id -> the answers of every agency consulted about it (three queries, whatever the number)."""
    ids = [getattr(n, "pk", n) for n in nominations]
    result: dict[int, list[ConsultationAnswer]] = {pk: [] for pk in ids}
    if not ids:
        return result
    through = ConsultationRequest.nominations.through
    links = list(through.objects.filter(nomination_id__in=ids).values_list("consultationrequest_id", "nomination_id"))
    requests = ConsultationRequest.objects.filter(pk__in={r for r, _n in links}).select_related("agency").in_bulk()
    objections = {(o.request_id, o.nomination_id): o.reason for o in ConsultationObjection.objects.filter(
        request_id__in=requests.keys(), nomination_id__in=ids)}
    for request_id, nomination_id in sorted(links, key=lambda link: (requests[link[0]].sent_on, link[0])):
        request = requests[request_id]
        objects = (request_id, nomination_id) in objections
        result[nomination_id].append(ConsultationAnswer(
            agency=request.agency.name, state=request.state, answer=request.answer,
            text=objections[(request_id, nomination_id)] if objects else request.answer_text,
            objects_to_line=objects, sent_on=request.sent_on, due_on=request.due_on,
            answered_on=request.answered_on, on_paper=request.recorded_on_paper, reference=request.paper_reference))
    return result
