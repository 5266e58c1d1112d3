"""The public notice's declared state machine (tdkt.dossiers.postings.transitions): each transition by its
actor and refused to another persona, every state reachable, the history row, the race, the docs table."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tdkt.dossiers.postings import services
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.dossiers.postings.models import NoticeStateChange, PublicNotice
from tdkt.dossiers.postings.transitions import NOTICE_MACHINE
from tdkt.workflow import docs
from tdkt.workflow.machine import SYSTEM
from tests.consultations.support import dossier_with_two_lines
from tests.postings.support import days_ago, published_notice

S = NoticeState


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _draft(world):
    dossier, _first, _second = dossier_with_two_lines(world)
    return services.draft_notice(dossier, by=world.users["specialist"])


def _ended(world):
    return published_notice(world, published_on=days_ago(40))


# transition, how to get an object in its source state, the persona who may, one who may not.
CASES = [
    ("publish", _draft, "specialist", "clerk_a"),
    ("close", _ended, "admin", "council_member"),
]


def test_every_transition_has_a_case():
    assert {case[0] for case in CASES} | {"close_ended"} == {item.name for item in NOTICE_MACHINE.transitions}


@pytest.mark.parametrize(("name", "make", "allowed", "refused"), CASES)
def test_the_actor_acts_another_persona_is_refused(world, name, make, allowed, refused):
    notice = make(world)
    source, target = notice.state, NOTICE_MACHINE[name].target
    assert not NOTICE_MACHINE.may(world.users[refused], notice, name)
    with pytest.raises(PermissionDenied, match=r"^You\ may\ not\ do\ this\ on\ this\ public\ notice\.$"):
        NOTICE_MACHINE.run(notice, name, by=world.users[refused])
    assert NOTICE_MACHINE.may(world.users[allowed], notice, name)
    NOTICE_MACHINE.run(notice, name, by=world.users[allowed])
    notice.refresh_from_db()
    assert notice.state == target
    change = notice.state_changes.last()
    assert (change.by, change.from_state, change.to_state) == (world.users[allowed], source, target)


def test_the_daily_close_is_the_system(world):
    notice = _ended(world)
    assert NOTICE_MACHINE["close_ended"].actor == SYSTEM
    with pytest.raises(PermissionDenied, match=r"^You\ may\ not\ do\ this\ on\ this\ public\ notice\.$"):
        NOTICE_MACHINE.run(notice, "close_ended", by=world.users["specialist"])
    assert services.close_ended_notices() == 1
    change = NoticeStateChange.objects.get(notice=notice, to_state=S.CLOSED)
    assert (change.by, change.by_name, change.from_state) == (None, "close_public_notices", S.PUBLISHED)


def test_every_state_is_reachable_from_the_initial_state():
    reached, frontier = {NOTICE_MACHINE.initial}, [NOTICE_MACHINE.initial]
    while frontier:
        state = frontier.pop()
        for item in NOTICE_MACHINE.transitions:
            if state in item.sources and item.target not in reached:
                reached.add(item.target)
                frontier.append(item.target)
    assert reached == set(S.values)


def test_a_racing_second_publish_is_refused(world):
    draft = _draft(world)
    first, second = PublicNotice.objects.get(pk=draft.pk), PublicNotice.objects.get(pk=draft.pk)
    services.publish_notice(first, by=world.users["specialist"])
    with pytest.raises(ValidationError, match=r"^\['Someone\ else\ changed\ this\ notice\ first:\ it\ is\ now\ “Published,\ open\ for\ comments”\.\ Reload\ the\ page\.'\]$") as refused:
        services.publish_notice(second, by=world.users["admin"])
    assert refused.value.messages == ["Someone else changed this notice first: it is now “Published, open for "
                                      "comments”. Reload the page."]
    assert NoticeStateChange.objects.filter(notice=draft).count() == 1


def test_the_docs_table_is_generated():
    docs_dir = Path(__file__).resolve().parents[2] / "docs"
    assert [problem for problem in docs.stale(docs_dir) if problem.startswith("public_notice:")] == []
