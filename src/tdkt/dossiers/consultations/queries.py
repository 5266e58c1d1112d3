"""Reads of the hiệp y app: who sees which request, the lists, and the answers for the council papers."""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from tdkt.accounts.enums import UNIT_ROLES
from tdkt.accounts.models import Membership
from tdkt.dossiers.consultations.enums import OPEN_REQUEST_STATES, Answer, RequestState
from tdkt.dossiers.consultations.models import ConsultationObjection, ConsultationRequest, ConsultedAgency


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


def agency_user_ids(agency) -> list[int]:
    """Users answering for the agency: clerks and leaders of its linked unit, valid today (none: paper)."""
    if agency.unit_id is None:
        return []
    today = timezone.localdate()
    return sorted({m.user_id for m in Membership.objects.filter(unit_id=agency.unit_id, role__in=UNIT_ROLES,
                                                                user__is_active=True)
                   if (m.valid_from is None or m.valid_from <= today) and (m.valid_to is None or m.valid_to >= today)})


def inbox_for_agency_user(user):
    """Requests addressed to the user's agencies, open ones first."""
    return (ConsultationRequest.objects.filter(agency_id__in=agency_ids_for_user(user))
            .select_related("agency", "dossier__unit").order_by("state", "due_on", "id"))


def get_request_for_agency_user(user, pk) -> ConsultationRequest:
    """A request addressed to one of the user's agencies; any other request is a 404."""
    request = (ConsultationRequest.objects.select_related("agency", "dossier__unit")
               .filter(pk=pk).first())
    if request is None or request.agency_id not in agency_ids_for_user(user):
        raise Http404
    return request


def get_request_for_staff(pk) -> ConsultationRequest:
    request = (ConsultationRequest.objects.select_related("agency", "dossier__unit", "answered_by", "sent_by")
               .filter(pk=pk).first())
    if request is None:
        raise Http404
    return request


def requests_of_dossier(dossier):
    return (ConsultationRequest.objects.filter(dossier=dossier)
            .select_related("agency", "answered_by")
            .prefetch_related("objections").order_by("-sent_on", "id"))


def open_requests():
    """The specialist's queue: every request still waiting, overdue first, then by due date."""
    return (ConsultationRequest.objects.filter(state__in=OPEN_REQUEST_STATES)
            .select_related("agency", "dossier__unit").order_by("due_on", "id"))


# What an agency or the public is shown of each nominee: name, position and unit, proposed award — nothing
# else (no birth date, no citizen ID). Read as plain values: one query, no model instances.
NOMINEE_FIELDS = ("id", "dossier_id", "position", "position_and_unit", "person_id", "person__full_name",
                  "person__position", "person__unit__name", "unit__name", "household__head_name",
                  "household__village", "award_type__name")


def _nominee_row(values: dict, prefix: str = "") -> dict:
    def get(name):
        return values[prefix + name]

    if get("person_id"):
        name = get("person__full_name")
        written = ", ".join(part for part in (get("person__position"), get("person__unit__name")) if part)
    elif get("unit__name"):
        name, written = get("unit__name"), ""
    else:
        name, written = get("household__head_name"), get("household__village")
    return {"pk": get("id"), "position": get("position"), "name": name,
            "position_and_unit": get("position_and_unit") or written, "award": get("award_type__name")}


def nominee_rows(nominations) -> list[dict]:
    """Rows for a queryset of nominations, in the order of their dossiers' lists (one query)."""
    return [_nominee_row(values) for values in nominations.order_by("dossier_id", "position", "id").values(
        *NOMINEE_FIELDS)]


def nominee_rows_by_request(request_ids) -> dict[int, list[dict]]:
    """Request id -> rows of its nominees (one query for all the requests)."""
    through = ConsultationRequest.nominations.through
    result: dict[int, list[dict]] = {pk: [] for pk in request_ids}
    fields = [f"nomination__{name}" for name in NOMINEE_FIELDS]
    for values in through.objects.filter(consultationrequest_id__in=request_ids).order_by(
            "nomination__position", "nomination_id").values("consultationrequest_id", *fields):
        result[values["consultationrequest_id"]].append(_nominee_row(values, "nomination__"))
    return result


@dataclass(slots=True)
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
