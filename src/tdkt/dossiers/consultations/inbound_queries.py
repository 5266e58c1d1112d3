"""Reads of the requests other bodies send the province (hiệp y đến): who sees them, the queue, and what the
system knows of each person or collective asked about.

Only the standing body's specialists and the province's leaders see these requests; for anyone else every
URL is a 404 (a unit must not learn that another body asked about one of its people)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.awards.enums import CaseKind, DisciplineLevel
from tdkt.awards.models import AwardType
from tdkt.awards.queries import load_histories
from tdkt.dossiers.consultations import rules
from tdkt.dossiers.consultations.enums import OPEN_INBOUND_STATES, SubjectKind
from tdkt.dossiers.consultations.models import InboundRequest, InboundSubject
from tdkt.workcalendar.calendar import current_calendar


def is_inbound_reader(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and get_scope(user).has_role(*rules.INBOUND_READERS)


def is_inbound_handler(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and get_scope(user).has_role(*rules.INBOUND_HANDLERS)


def require_reader(user) -> None:
    if not is_inbound_reader(user):
        raise Http404


def require_handler(user) -> None:
    if not is_inbound_handler(user):
        raise Http404


def get_inbound_for_user(user, pk) -> InboundRequest:
    require_reader(user)
    request = InboundRequest.objects.select_related("assignee", "created_by").filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def subjects_of(request):
    return request.subjects.select_related("person__unit", "unit").order_by("position", "id")


QUEUE_FILTERS = ("open", "overdue", "mine", "all")


def inbound_queue(*, show: str = "open", assignee=None, query: str = "", today: datetime.date):
    """The queue, by due date, with the number of persons and collectives asked about (one query)."""
    requests = InboundRequest.objects.select_related("assignee").annotate(subject_count=Count("subjects"))
    if show != "all":
        requests = requests.filter(state__in=sorted(OPEN_INBOUND_STATES))
    if show == "overdue":
        requests = requests.filter(due_on__lt=today)
    if show == "mine" and assignee is not None:
        requests = requests.filter(assignee=assignee)
    if query:
        requests = requests.filter(Q(requesting_body__icontains=query) | Q(reference_number__icontains=query)
                                   | Q(subject__icontains=query))
    return requests.order_by("due_on", "id")


def with_days_left(requests, today: datetime.date) -> list:
    """Each request with `days_left` (working days to its due date, negative when overdue) and `overdue`."""
    calendar = current_calendar()
    rows = list(requests)
    for item in rows:
        item.days_left = calendar.working_days_left(item.due_on, today)
        item.overdue = item.due_on < today and item.state in OPEN_INBOUND_STATES
    return rows


@dataclass
class Knowledge:
    """What the system records of one person or collective: awards, discipline, open cases."""

    awards: list[str]
    discipline: list[str]
    open_cases: list[str]

    @property
    def empty(self) -> bool:
        return not (self.awards or self.discipline or self.open_cases)


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def knowledge_of(subjects, *, today: datetime.date) -> dict[int, Knowledge]:
    """Subject id -> what the awards and people apps record about its linked person or unit (the engine's
    own history query, tdkt.awards.queries.load_histories: a fixed number of queries whatever the list)."""
    subjects = list(subjects)
    person_ids = {s.person_id for s in subjects if s.person_id}
    unit_ids = {s.unit_id for s in subjects if s.unit_id}
    histories = load_histories(person_ids=person_ids, unit_ids=unit_ids, open_on=today)
    names = dict(AwardType.objects.values_list("code", "name")) if histories else {}
    discipline_labels = dict(DisciplineLevel.choices)
    case_labels = dict(CaseKind.choices)
    result = {}
    for subject in subjects:
        key = (str(SubjectKind.INDIVIDUAL), subject.person_id) if subject.person_id else (
            (str(SubjectKind.COLLECTIVE), subject.unit_id) if subject.unit_id else None)
        history = histories.get(key) if key else None
        if history is None:
            continue
        awards = [f"{names.get(a.award, a.award)} ({a.year})" for a in reversed(history.awards)]
        discipline = [f"{discipline_labels.get(d.level, d.level)}: {_date(d.start)} – {_date(d.end)}"
                      for d in history.discipline]
        cases = []
        for label in history.open_cases:
            kind, opened, *reference = label.split(":", 2)
            opened_on = datetime.date.fromisoformat(opened)
            cases.append(" ".join(part for part in (str(case_labels.get(kind, kind)), f"({_date(opened_on)})",
                                                    *reference) if part))
        result[subject.pk] = Knowledge(awards=awards, discipline=discipline, open_cases=cases)
    return result


def subject_rows(request, *, today: datetime.date) -> list[InboundSubject]:
    subjects = list(subjects_of(request))
    known = knowledge_of(subjects, today=today)
    for subject in subjects:
        subject.knowledge = known.get(subject.pk)
    return subjects
