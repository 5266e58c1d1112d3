"""The consultation request's declared state machine (tdkt.dossiers.consultations.transitions): each
transition by its actor and refused to another persona, every state reachable, the history rows (from the
sending on), the race, the docs table."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tdkt.dossiers.consultations import services
from tdkt.dossiers.consultations.enums import RequestState
from tdkt.dossiers.consultations.models import ConsultationRequest, RequestStateChange
from tdkt.dossiers.consultations.transitions import REQUEST_MACHINE
from tdkt.workflow import docs
from tdkt.workflow.machine import SYSTEM
from tests.consultations.support import D, request_to_unit_b_agency

S = RequestState


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("allowed", "refused"), [("clerk_b", "clerk_a"), ("specialist", "council_member")])
def test_the_agency_or_the_standing_body_answers_another_persona_is_refused(world, allowed, refused):
    request = request_to_unit_b_agency(world)
    assert REQUEST_MACHINE.may(world.users[allowed], request, "answer")
    assert not REQUEST_MACHINE.may(world.users[refused], request, "answer")
    with pytest.raises(PermissionDenied, match=r"^You\ may\ not\ do\ this\ on\ this\ consultation\ request\.$"):
        services.answer_consultation(request, by=world.users[refused], objection=False)
    services.answer_consultation(request, by=world.users[allowed], objection=False, text="Không có vi phạm.")
    request.refresh_from_db()
    assert request.state == S.ANSWERED
    sent, answered = RequestStateChange.objects.filter(request=request)
    assert (sent.by, sent.from_state, sent.to_state) == (world.users["specialist"], "", S.SENT)
    assert (answered.by, answered.from_state, answered.to_state, answered.reason) == (
        world.users[allowed], S.SENT, S.ANSWERED, "Không có vi phạm.")


def test_the_overdue_flag_is_the_system(world):
    request = request_to_unit_b_agency(world)
    assert REQUEST_MACHINE["flag_overdue"].actor == SYSTEM
    with pytest.raises(PermissionDenied, match=r"^You\ may\ not\ do\ this\ on\ this\ consultation\ request\.$"):
        REQUEST_MACHINE.run(request, "flag_overdue", by=world.users["specialist"])
    assert services.flag_overdue_consultations(D(2026, 3, 17)) == 1
    change = RequestStateChange.objects.get(request=request, to_state=S.OVERDUE)
    assert (change.by, change.by_name, change.from_state) == (None, "flag_overdue_consultations", S.SENT)


def test_every_state_is_reachable_from_the_initial_state():
    reached, frontier = {REQUEST_MACHINE.initial}, [REQUEST_MACHINE.initial]
    while frontier:
        state = frontier.pop()
        for item in REQUEST_MACHINE.transitions:
            if state in item.sources and item.target not in reached:
                reached.add(item.target)
                frontier.append(item.target)
    assert reached == set(S.values)


def test_a_racing_second_answer_is_refused(world):
    request = request_to_unit_b_agency(world)
    stale = ConsultationRequest.objects.get(pk=request.pk)
    services.answer_consultation(request, by=world.users["clerk_b"], objection=False)
    with pytest.raises(ValidationError, match=r"^\['Someone\ else\ has\ just\ recorded\ an\ answer\ to\ this\ request\.\ Reload\ the\ page\.'\]$") as refused:
        services.answer_consultation(stale, by=world.users["specialist"], objection=False)
    assert refused.value.messages == ["Someone else has just recorded an answer to this request. Reload the page."]
    assert RequestStateChange.objects.filter(request=request, to_state=S.ANSWERED).count() == 1


def test_the_docs_table_is_generated():
    docs_dir = Path(__file__).resolve().parents[2] / "docs"
    assert [problem for problem in docs.stale(docs_dir) if problem.startswith("consultation_request:")] == []
