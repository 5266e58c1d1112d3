"""The scoring round's declared state machine (tdkt.movements.scoring.transitions): each transition by its
actor and refused to another persona, every state reachable, the history rows, the race, the docs table."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tdkt.movements.scoring.enums import RoundState
from tdkt.movements.scoring.models import RoundStateChange, ScoringRound
from tdkt.movements.scoring.transitions import ROUND_MACHINE
from tdkt.workflow import docs
from tests.scoring.support import make_round, submit_and_review_all

S = RoundState


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# transition, the persona who may (the head unit's clerk, the standing body), one who may not (a member unit's
# clerk, a council member).
CASES = [
    ("close_self_scoring", "clerk_a", "clerk_b"),
    ("reopen", "specialist", "council_member"),
    ("publish", "clerk_a", "council_member"),
    ("reopen_ranking", "clerk_a", "clerk_b"),
]


def test_every_transition_has_a_case():
    assert {case[0] for case in CASES} == {item.name for item in ROUND_MACHINE.transitions}


@pytest.mark.parametrize(("name", "allowed", "refused"), CASES)
def test_the_actor_acts_another_persona_is_refused(world, name, allowed, refused):
    scoring_round = make_round(world)
    submit_and_review_all(world, scoring_round)  # publishing needs every sheet submitted and reviewed
    source = sorted(ROUND_MACHINE[name].sources)[0]
    ScoringRound.objects.filter(pk=scoring_round.pk).update(state=source)
    scoring_round.refresh_from_db()
    assert not ROUND_MACHINE.may(world.users[refused], scoring_round, name)
    with pytest.raises(PermissionDenied, match=r"^Only\ the\ group's\ head\ or\ the\ standing\ body\ moves\ the\ round\.$"):
        ROUND_MACHINE.run(scoring_round, name, by=world.users[refused])
    assert ROUND_MACHINE.may(world.users[allowed], scoring_round, name)
    ROUND_MACHINE.run(scoring_round, name, by=world.users[allowed], reason="Lý do")
    scoring_round.refresh_from_db()
    assert scoring_round.state == ROUND_MACHINE[name].target
    change = RoundStateChange.objects.filter(round=scoring_round).last()
    assert (change.by, change.from_state, change.to_state) == (world.users[allowed], source, ROUND_MACHINE[name].target)


def test_the_history_keeps_the_reason_and_the_published_ranking(world):
    scoring_round = make_round(world)
    submit_and_review_all(world, scoring_round)
    ROUND_MACHINE.run(scoring_round, "close_self_scoring", by=world.users["clerk_a"], reason="Hết hạn tự chấm")
    ROUND_MACHINE.run(scoring_round, "publish", by=world.users["specialist"])
    opened, closed, published = RoundStateChange.objects.filter(round=scoring_round)
    assert (opened.from_state, opened.to_state, opened.by) == ("", S.OPEN, world.users["specialist"])
    assert (closed.reason, closed.by) == ("Hết hạn tự chấm", world.users["clerk_a"])
    assert published.to_state == S.PUBLISHED and "ranking" in published.extra


def test_every_state_is_reachable_from_the_initial_state():
    reached, frontier = {ROUND_MACHINE.initial}, [ROUND_MACHINE.initial]
    while frontier:
        state = frontier.pop()
        for item in ROUND_MACHINE.transitions:
            if state in item.sources and item.target not in reached:
                reached.add(item.target)
                frontier.append(item.target)
    assert reached == set(S.values)


def test_a_racing_second_move_is_refused(world):
    scoring_round = make_round(world)
    stale = ScoringRound.objects.get(pk=scoring_round.pk)
    ROUND_MACHINE.run(scoring_round, "close_self_scoring", by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\['Someone\ else\ changed\ this\ round\ first\.\ Reload\ the\ page\ and\ try\ again\.'\]$") as refused:
        ROUND_MACHINE.run(stale, "close_self_scoring", by=world.users["specialist"])
    assert refused.value.messages == ["Someone else changed this round first. Reload the page and try again."]
    assert RoundStateChange.objects.filter(round=scoring_round, to_state=S.UNDER_REVIEW).count() == 1


def test_the_docs_table_is_generated():
    docs_dir = Path(__file__).resolve().parents[2] / "docs"
    assert [problem for problem in docs.stale(docs_dir) if problem.startswith("scoring_round:")] == []
