""""Việc của tôi": the agenda read from the declared machines (state × persona → waiting or not, and with which
button), the registered ballot source, fixed query counts, the order (overdue first) and the page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.core.home import HomeItem, my_work, sort_key
from tdkt.council.models import AgendaItem as AgendaItemRow
from tdkt.council.services import ballots
from tdkt.decisions import services as decision_services
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.transitions import DECISION
from tdkt.dossiers.enums import DossierState as S
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.transitions import DOSSIER, PROVINCE
from tdkt.workflow.agenda import AgendaItem, agenda, machine_agenda
from tdkt.workflow.machine import MACHINES, transition
from tests.conftest import client_for
from tests.consultations.support import request_to_unit_b_agency
from tests.council.helpers import PASSPHRASE, REVIEW, make_board, open_meeting, ready_dossier
from tests.decisions.support import approved, cite_proposal, make_authority
from tests.decisions.support import make_dossier as make_considered_dossier
from tests.factories import make_user
from tests.scoring.support import make_round

TODAY = datetime.date(2026, 12, 2)  # a Wednesday
PERSONAS = ["specialist", "clerk_a", "clerk_b", "leader", "council_member", "signer", "admin"]


@pytest.fixture
def leader(world):
    world.users["leader"] = make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a)
    return world.users["leader"]


def _dossier(world, state, **extra):
    return Dossier.objects.create(unit=world.unit_a, title=f"Hồ sơ {state}", state=state, **extra)


def _dossier_work(user):
    return [(item.pk, item.transition) for item in machine_agenda(MACHINES["dossier"], user)]


# state -> {persona: the transition whose button the home shows}; a persona not named sees nothing
DOSSIER_TABLE = [
    (S.DRAFT, {}),  # a draft in progress waits for nobody
    (S.AWAITING_APPROVAL, {"leader": "approve_and_send"}),
    (S.RETURNED, {"clerk_a": "send_for_approval", "leader": "resubmit"}),
    (S.SUBMITTED, {"specialist": "receive", "admin": "receive"}),
    (S.RECEIVED, {"specialist": "start_appraisal", "admin": "start_appraisal"}),
    (S.IN_APPRAISAL, {"specialist": "mark_ready", "admin": "mark_ready"}),
    (S.CONSULTATION, {}),  # waits for the consulted agencies
    (S.PUBLIC_POSTING, {}),
    (S.ON_HOLD, {}),
    (S.READY_FOR_COUNCIL, {}),  # waits for the council's ballot (a registered source, not the dossier)
    (S.CONSIDERED, {}),
    (S.DECIDED, {}),
    (S.WITHDRAWN, {}),
]


@pytest.mark.parametrize(("state", "expected"), DOSSIER_TABLE, ids=[str(row[0]) for row in DOSSIER_TABLE])
def test_a_dossier_waits_for_exactly_the_actor_of_its_state(world, leader, state, expected):
    dossier = _dossier(world, state)
    for persona in PERSONAS:
        want = [(dossier.pk, expected[persona])] if persona in expected else []
        assert _dossier_work(world.users[persona]) == want, persona


def test_another_units_dossier_is_never_on_the_home(world, leader):
    dossier = Dossier.objects.create(unit=world.unit_b, title="Hồ sơ của Sở Giáo dục", state=S.RETURNED)
    assert _dossier_work(world.users["clerk_b"]) == [(dossier.pk, "send_for_approval")]
    assert _dossier_work(world.users["clerk_a"]) == []
    assert _dossier_work(leader) == []


def _queries(user, run):
    get_scope(user)  # the request's scope is loaded by the middleware before the view
    with CaptureQueriesContext(connection) as captured:
        run(user)
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["specialist", "clerk_a", "leader"])
def test_the_dossier_agenda_costs_the_same_for_1_or_20_waiting_dossiers(world, leader, persona):
    state = {"specialist": S.SUBMITTED, "clerk_a": S.RETURNED, "leader": S.AWAITING_APPROVAL}[persona]
    _dossier(world, state)
    user = world.users[persona]
    one = _queries(user, lambda u: machine_agenda(MACHINES["dossier"], u))
    for _ in range(19):
        _dossier(world, state)
    fresh = type(user).objects.get(pk=user.pk)  # nothing cached on the user object from the first run
    twenty = _queries(fresh, lambda u: machine_agenda(MACHINES["dossier"], u))
    assert len(machine_agenda(MACHINES["dossier"], fresh)) == 20
    assert twenty == one <= 5  # the objects; the led units, the unit tree and a delegation read once


def test_the_whole_agenda_costs_the_same_for_1_or_20_waiting_dossiers(world, leader):
    _dossier(world, S.SUBMITTED)
    one = _queries(world.users["specialist"], agenda)
    for _ in range(19):
        _dossier(world, S.SUBMITTED)
    fresh = type(world.users["specialist"]).objects.get(pk=world.users["specialist"].pk)
    assert _queries(fresh, agenda) == one


@pytest.fixture
def decision(world):
    dossier = make_considered_dossier(world.unit_a)
    lines = [approved(dossier, person=world.person_a, position=1)]
    (draft,) = decision_services.draft_decisions(lines, by=world.users["specialist"], authority=make_authority(),
                                                 date=datetime.date(2026, 7, 1))
    return draft


def _decision_work(user):
    return [(item.pk, item.transition) for item in machine_agenda(MACHINES["decision"], user)]


def test_a_draft_decision_waits_for_the_signer_only_once_put_before_him(world, decision):
    assert _decision_work(world.users["signer"]) == []
    assert _decision_work(world.users["specialist"]) == []  # his own draft in progress
    DECISION.run(decision, "send_to_signer", by=world.users["specialist"], reason="Kính trình")
    assert _decision_work(world.users["signer"]) == [(decision.pk, "approve")]
    assert _decision_work(world.users["specialist"]) == []
    assert _decision_work(world.users["clerk_a"]) == []


def test_a_decision_sent_back_to_draft_leaves_the_signers_home(world, decision):
    DECISION.run(decision, "send_to_signer", by=world.users["specialist"], reason="")
    decision.refresh_from_db()
    decision_services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    assert _decision_work(world.users["specialist"]) == [(decision.pk, "sign")]
    DECISION.run(decision, "return_to_draft", by=world.users["signer"], reason="Sửa trích yếu")
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT
    assert _decision_work(world.users["signer"]) == []


def test_an_open_ballot_waits_for_each_present_member_until_he_votes(world):
    board = make_board(world, plain_members=3)
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW))
    meeting = open_meeting(board)
    member = world.users["council_member"]
    assert [item.kind for item in agenda(member)] == []
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    (item,) = agenda(member)
    assert (item.kind, item.pk, item.url, item.due) == ("vote", ballot.pk, reverse("council:vote", args=[meeting.pk]),
                                                         meeting.date)
    assert item.action == "Bỏ phiếu"
    choices = {agenda_item.pk: "agree" for agenda_item in AgendaItemRow.objects.filter(meeting=meeting)}
    ballots.cast_vote(ballot, by=member, choices=choices)
    assert agenda(member) == []
    # the secretary manages the meeting in session: closing it waits for him (the ballot's steps too, but the
    # ballot has no agenda hook: its buttons live on the meeting page); seated and present, he votes as well
    assert [(i.kind, i.transition) for i in agenda(board.secretary)] == [("meeting", "close"), ("vote", "")]


def _entry(pk, due, days_left):
    item = AgendaItem(kind="dossier", noun="hồ sơ", pk=pk, title="", unit="", due=due, action="", transition="",
                      url="", object_url="", state="")
    return HomeItem(item, days_left)


def test_overdue_first_then_by_due_date_then_without_deadline():
    entries = [_entry(1, None, None), _entry(2, datetime.date(2026, 12, 10), 6),
               _entry(3, datetime.date(2026, 11, 20), -8), _entry(4, datetime.date(2026, 12, 3), 1),
               _entry(5, datetime.date(2026, 11, 30), -2)]
    assert [entry.item.pk for entry in sorted(entries, key=sort_key)] == [3, 5, 4, 2, 1]


def test_my_work_counts_working_days_over_the_weekend(world, leader):
    returned = _dossier(world, S.RETURNED, step_due_on=datetime.date(2026, 12, 7))  # next Monday
    late = _dossier(world, S.RETURNED, step_due_on=datetime.date(2026, 11, 27))  # last Friday
    work = my_work(world.users["clerk_a"], TODAY)
    assert [(entry.item.pk, entry.days_left) for entry in work] == [(late.pk, -3), (returned.pk, 3)]


def test_the_home_lists_the_work_with_its_deadline_and_button(world, leader, settings):
    late = _dossier(world, S.RETURNED, step_due_on=datetime.date(2020, 1, 6))
    html = client_for(world, "clerk_a").get(reverse("core:dashboard")).content.decode()
    assert "<h1>Việc của tôi</h1>" in html
    assert "1 việc đang chờ anh/chị" in html
    assert f'data-kind="dossier" data-pk="{late.pk}"' in html
    assert "Hạn 06/01/2020" in html
    assert 'class="due overdue"' in html and "quá hạn" in html
    assert f'class="button home-act" href="{reverse("dossiers:act", args=[late.pk, "send_for_approval"])}"' in html
    assert 'data-role="unit_clerk"' in html and "Lập hồ sơ đề nghị" in html
    assert 'id="home-chart"' in html and "1 việc đã quá hạn (loại việc tô màu đỏ)." in html


def test_the_empty_home_says_so(world):
    html = client_for(world, "clerk_b").get(reverse("core:dashboard")).content.decode()
    assert "Không có việc nào đang chờ anh/chị." in html
    assert 'id="home-chart"' not in html


def test_a_transition_declared_tomorrow_appears_on_the_home_by_itself(world, monkeypatch):
    """No edit of the home: a throw-away transition (specialists shelve a draft) puts drafts on their home."""
    item = transition("shelve_draft", "Shelve the draft", {S.DRAFT}, S.WITHDRAWN, PROVINCE, reason_required=True)
    draft = _dossier(world, S.DRAFT)
    assert _dossier_work(world.users["specialist"]) == []
    monkeypatch.setattr(DOSSIER, "transitions", [*DOSSIER.transitions, item])
    assert _dossier_work(world.users["specialist"]) == [(draft.pk, "shelve_draft")]
    assert _dossier_work(world.users["clerk_a"]) == []
    html = client_for(world, "specialist").get(reverse("core:dashboard")).content.decode()
    assert f'href="{reverse("dossiers:act", args=[draft.pk, "shelve_draft"])}">Shelve the draft</a>' in html


def test_a_consultation_request_waits_for_the_agency_which_answers_on_its_own_page(world):
    request = request_to_unit_b_agency(world)
    (item,) = machine_agenda(MACHINES["consultation_request"], world.users["clerk_b"])
    assert (item.pk, item.transition, item.due) == (request.pk, "answer", request.due_on)
    assert item.url == item.object_url == reverse("consultations:answer", args=[request.pk])
    # the standing body may record a paper answer, but nothing waits for it; another unit sees nothing
    assert machine_agenda(MACHINES["consultation_request"], world.users["specialist"]) == []
    assert machine_agenda(MACHINES["consultation_request"], world.users["clerk_a"]) == []


def test_an_open_scoring_round_waits_for_its_head_once_self_scoring_is_due(world):
    scoring_round = make_round(world)
    head = world.users["clerk_a"]  # the head unit's clerk moves the round
    work = machine_agenda(MACHINES["scoring_round"], head)
    assert [(item.pk, item.transition, item.due) for item in work] == [(scoring_round.pk, "close_self_scoring", None)]
    type(scoring_round).objects.filter(pk=scoring_round.pk).update(self_scoring_due=datetime.date(2099, 1, 5))
    assert machine_agenda(MACHINES["scoring_round"], head) == []
    type(scoring_round).objects.filter(pk=scoring_round.pk).update(self_scoring_due=datetime.date(2020, 1, 6))
    assert [item.due for item in machine_agenda(MACHINES["scoring_round"], head)] == [datetime.date(2020, 1, 6)]
    assert machine_agenda(MACHINES["scoring_round"], world.users["clerk_b"]) == []  # a member unit's clerk
