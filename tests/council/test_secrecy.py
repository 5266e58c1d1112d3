"""Ballot secrecy by design: no model, audit row, log line, page or admin ties a member to a choice."""

import logging

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.council.models import AgendaItem, Ballot, BallotKey, BallotParticipation, BallotTally, SealedBallot
from tdkt.council.services import ballots
from tests.conftest import client_for
from tests.council.helpers import ELIGIBLE, PASSPHRASE, REVIEW, close_and_count, make_board, open_meeting, ready_dossier

CHOICE_WORDS = ("agree", "disagree", "abstain", "Đồng ý", "Không đồng ý", "Không biểu quyết")


@pytest.fixture
def voted(world):
    """An open ballot over two items where three of five members voted, differently."""
    board = make_board(world)
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), (world.person_a_child, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    first, second = AgendaItem.objects.filter(meeting=meeting).order_by("position")
    ballots.cast_vote(ballot, by=board.chair, choices={first.pk: "agree", second.pk: "disagree"})
    ballots.cast_vote(ballot, by=board.members[0], choices={first.pk: "disagree", second.pk: "abstain"})
    ballots.cast_vote(ballot, by=board.members[1], choices={first.pk: "abstain", second.pk: "agree"})
    return board, meeting, ballot


def _field_kinds(model):
    return {f.name: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}


def test_the_sealed_ballot_has_a_random_id_no_time_and_no_voter():
    fields = _field_kinds(SealedBallot)
    assert set(fields) == {"id", "ballot", "sealed"}
    assert isinstance(fields["id"], models.UUIDField)  # random, not an auto-increment that keeps the order
    assert {f.related_model._meta.label for f in fields.values() if f.is_relation} == {"council.Ballot"}


def test_the_tally_table_has_no_voter_and_no_time():
    fields = _field_kinds(BallotTally)
    assert set(fields) == {"id", "ballot", "item", "agree", "disagree", "abstain"}
    assert not [f for f in fields.values() if isinstance(f, models.DateField | models.DateTimeField)]
    related = {f.related_model._meta.label for f in fields.values() if f.is_relation}
    assert related == {"council.Ballot", "council.AgendaItem"}


def test_the_participation_table_has_no_choice_and_no_time():
    fields = _field_kinds(BallotParticipation)
    assert set(fields) == {"id", "ballot", "member", "kind"}
    kinds = [value for value, _label in BallotParticipation._meta.get_field("kind").choices]
    assert kinds == ["in_person", "written"]  # how the member took part, never what they chose


def test_no_council_model_holds_a_choice_next_to_a_person():
    from django.apps import apps

    for model in apps.get_app_config("council").get_models():
        names = {f.name for f in model._meta.get_fields()}
        has_person = bool(names & {"member", "user", "voter", "person"})
        has_choice = bool(names & {"choice", "agree", "disagree", "abstain"})
        assert not (has_person and has_choice), model


def test_audit_rows_of_a_vote_carry_no_choice(voted):
    board, meeting, ballot = voted
    rows = list(AuditEvent.objects.filter(object_type="council.ballot", object_id=str(ballot.pk),
                                          actor__in=[board.members[0], board.members[1]]))
    assert [row.changes for row in rows] == [{"voted": True}, {"voted": True}]


def test_no_counter_moves_while_voting_and_the_count_keeps_only_totals(voted):
    board, _meeting, ballot = voted
    assert not BallotTally.objects.filter(ballot=ballot).exists()
    papers = list(SealedBallot.objects.filter(ballot=ballot).values_list("sealed", flat=True))
    assert len(papers) == 3 and len({len(bytes(p)) for p in papers}) == 1  # the length says nothing
    close_and_count(ballot, by=board.chair)
    assert sorted(BallotTally.objects.filter(ballot=ballot).values_list("agree", "disagree", "abstain")) == [
        (1, 1, 1), (1, 1, 1)]
    assert not SealedBallot.objects.filter(ballot=ballot).exists()  # opened once, then gone
    assert not BallotKey.objects.filter(ballot=ballot).exists()  # the key is destroyed with the count


def test_voting_through_the_page_logs_no_choice(world, caplog):
    board = make_board(world)
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    with caplog.at_level(logging.DEBUG):
        ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    item = AgendaItem.objects.get(meeting=meeting)
    from django.test import Client

    client = Client()
    client.force_login(board.members[0])
    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse("council:vote", kwargs={"pk": meeting.pk}), {f"item-{item.pk}": "disagree", "action": "send"})
    assert response.status_code == 302
    assert not [r for r in caplog.records if any(word in r.getMessage() for word in ("disagree", "Không đồng ý"))]
    assert not [r for r in caplog.records if PASSPHRASE in r.getMessage()]
    assert SealedBallot.objects.filter(ballot__meeting=meeting).count() == 1
    assert not BallotTally.objects.filter(item=item).exists()


def test_pages_show_no_tally_while_open_and_only_totals_after(world, voted):
    board, meeting, ballot = voted
    client = client_for(world, "specialist")
    page = client.get(reverse("council:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert "Đã có 3 thành viên bỏ phiếu." in page
    assert "Không đồng ý</th>" not in page  # the results columns appear only once the ballot closes
    close_and_count(ballot, by=board.chair)
    page = client.get(reverse("council:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert "Ủy viên Số 1" in page  # on the attendance list …
    assert "<td>1 (20%)</td><td>1</td><td>1</td>" in page  # … but the results are totals only


def test_the_admin_does_not_expose_votes():
    assert SealedBallot not in admin.site._registry
    assert BallotKey not in admin.site._registry
    assert BallotTally not in admin.site._registry
    assert BallotParticipation not in admin.site._registry
    assert Ballot not in admin.site._registry
