"""The sealed electronic ballot: the passphrase that locks the key, the fixed-length encoding, and every
refusal of the count (wrong passphrase, marks ≠ sealed ballots, twice, too early), each leaving nothing
changed; invalid papers are counted as invalid, never in a total."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tdkt.council import sealing
from tdkt.council.enums import BallotState
from tdkt.council.models import AgendaItem, Ballot, BallotKey, BallotParticipation, BallotTally, SealedBallot
from tdkt.council.services import ballots, counting
from tests.council.helpers import ELIGIBLE, PASSPHRASE, REVIEW, make_board, open_meeting, ready_dossier


@pytest.fixture
def board(world):
    return make_board(world, plain_members=3)


@pytest.fixture
def opened(world, board):
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), (world.person_a_child, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    first, second = AgendaItem.objects.filter(meeting=meeting).order_by("position")
    return ballot, first, second


def vote(ballot, user, first, second, a, b):
    ballots.cast_vote(ballot, by=user, choices={first.pk: a, second.pk: b})


def unchanged(ballot, *, papers, marks):
    """The state a refused count must leave: still counting, papers and key in place, no total."""
    assert Ballot.objects.get(pk=ballot.pk).state == BallotState.COUNTING
    assert SealedBallot.objects.filter(ballot=ballot).count() == papers
    assert BallotParticipation.objects.filter(ballot=ballot).count() == marks
    assert BallotKey.objects.filter(ballot=ballot).exists()
    assert not BallotTally.objects.filter(ballot=ballot).exists()


@pytest.mark.parametrize("passphrase", [None, "", "ngắn", "123456789"])
def test_an_electronic_ballot_does_not_open_without_a_long_passphrase(board, world, passphrase):
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    with pytest.raises(ValidationError, match=r"^\{'passphrase': \['Mật khẩu bỏ phiếu phải có ít nhất 10 ký tự: mật khẩu này khóa chìa khóa dùng để mở phiếu khi kiểm phiếu\.'\]\}$"):
        ballots.open_ballot(meeting, by=board.chair, passphrase=passphrase)
    assert not Ballot.objects.filter(meeting=meeting).exists()


def test_the_key_is_stored_only_locked(opened):
    ballot, _first, _second = opened
    stored = BallotKey.objects.get(ballot=ballot)
    locked = bytes(stored.locked_private_key)
    assert PASSPHRASE.encode() not in locked and PASSPHRASE.encode() not in bytes(stored.salt)
    assert len(bytes(stored.public_key)) == 32 and len(locked) == 24 + 16 + 32  # nonce + tag + key
    assert (stored.opslimit, stored.memlimit) == sealing.KDF_LIMITS["minimum"]  # the test suite's setting


@pytest.mark.parametrize("strength", ["interactive", "minimum"])
def test_a_key_unlocks_with_the_limits_it_was_locked_with(settings, strength):
    settings.BALLOT_KDF_LIMITS = strength
    key = sealing.new_keypair()
    stored = sealing.lock_private_key(key, "một cụm mật khẩu dài")
    assert (stored["opslimit"], stored["memlimit"]) == sealing.KDF_LIMITS[strength]
    settings.BALLOT_KDF_LIMITS = "minimum" if strength == "interactive" else "interactive"
    assert bytes(sealing.unlock_private_key(stored, "một cụm mật khẩu dài")) == bytes(key)


def test_a_wrong_passphrase_counts_nothing(board, opened):
    ballot, first, second = opened
    vote(ballot, board.chair, first, second, "agree", "agree")
    ballot = ballots.close_ballot(ballot, by=board.chair)
    for wrong in (PASSPHRASE.upper(), PASSPHRASE + " ", "", None):
        with pytest.raises(ValidationError, match=r"^\{'passphrase': \['Mật khẩu không mở được khóa của lần bỏ phiếu: chưa kiểm phiếu\. Hãy nhập mật khẩu đã đặt khi mở bỏ phiếu\.'\]\}$"):
            counting.count_ballot(ballot, by=board.chair, passphrase=wrong)
        unchanged(ballot, papers=1, marks=1)


def test_the_passphrase_is_read_as_nfc_whatever_the_keyboard_sends(board, opened):
    ballot, first, second = opened
    vote(ballot, board.chair, first, second, "disagree", "agree")
    ballot = ballots.close_ballot(ballot, by=board.chair)
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    counting.count_ballot(ballot, by=board.chair, passphrase=decomposed)
    assert Ballot.objects.get(pk=ballot.pk).state == BallotState.CLOSED


def test_the_count_is_refused_when_sealed_ballots_and_marks_differ(board, opened):
    ballot, first, second = opened
    vote(ballot, board.chair, first, second, "agree", "agree")
    vote(ballot, board.members[0], first, second, "agree", "disagree")
    ballot = ballots.close_ballot(ballot, by=board.chair)
    SealedBallot.objects.filter(pk=SealedBallot.objects.filter(ballot=ballot).first().pk).delete()  # tampering
    with pytest.raises(ValidationError, match=r"^\['Không kiểm phiếu được: có 1 phiếu đã niêm phong nhưng 2 thành viên được ghi nhận đã bỏ phiếu\. Chưa có gì thay đổi\.'\]$"):
        counting.count_ballot(ballot, by=board.chair, passphrase=PASSPHRASE)
    unchanged(ballot, papers=1, marks=2)


def test_a_paper_that_does_not_open_or_decode_is_invalid(board, opened):
    ballot, first, second = opened
    vote(ballot, board.chair, first, second, "agree", "agree")
    vote(ballot, board.members[0], first, second, "disagree", "abstain")
    public_key = bytes(BallotKey.objects.get(ballot=ballot).public_key)
    foreign = sealing.seal(public_key, sealing.encode(ballot.pk + 1, [first.pk, second.pk],
                                                      {first.pk: "agree", second.pk: "agree"}))
    garbage = bytes(len(foreign))
    for member, paper in ((board.members[1], foreign), (board.members[2], garbage)):  # rows written directly
        BallotParticipation.objects.create(ballot=ballot, member=board.seats[member])
        SealedBallot.objects.create(ballot=ballot, sealed=paper)
    ballot = ballots.close_ballot(ballot, by=board.chair)
    counting.count_ballot(ballot, by=board.chair, passphrase=PASSPHRASE)
    ballot.refresh_from_db()
    assert (ballot.issued_count, ballot.cast_count, ballot.valid_count, ballot.invalid_count) == (5, 4, 2, 2)
    assert list(BallotTally.objects.filter(ballot=ballot).order_by("item__position").values_list(
        "agree", "disagree", "abstain")) == [(1, 1, 0), (1, 0, 1)]


def test_a_member_votes_once(board, opened):
    ballot, first, second = opened
    vote(ballot, board.members[0], first, second, "agree", "agree")
    with pytest.raises(ValidationError, match=r"^\['Ủy viên Số 1 đã bỏ phiếu trong lần bỏ phiếu này: không thể bỏ phiếu hai lần\.'\]$"):
        vote(ballot, board.members[0], first, second, "disagree", "disagree")
    assert (SealedBallot.objects.filter(ballot=ballot).count(),
            BallotParticipation.objects.filter(ballot=ballot).count()) == (1, 1)


def test_no_vote_once_voting_has_closed(board, opened):
    ballot, first, second = opened
    ballot = ballots.close_ballot(ballot, by=board.chair)
    with pytest.raises(ValidationError, match=r"^\['Đã kết thúc bỏ phiếu: không nhận thêm phiếu nào\.'\]$"):
        vote(ballot, board.members[0], first, second, "agree", "agree")
    assert not SealedBallot.objects.filter(ballot=ballot).exists()


def test_the_count_waits_for_the_close_and_happens_once(board, opened):
    ballot, first, second = opened
    vote(ballot, board.chair, first, second, "agree", "agree")
    with pytest.raises(ValidationError, match=r"^\['Hãy kết thúc bỏ phiếu trước khi kiểm phiếu: chỉ kiểm phiếu khi không ai còn bỏ phiếu được nữa\.'\]$"):
        counting.count_ballot(ballot, by=board.chair, passphrase=PASSPHRASE)
    ballot = ballots.close_ballot(ballot, by=board.chair)
    with pytest.raises(ValidationError, match=r"^\['Chỉ Chủ tịch Hội đồng"):
        counting.count_ballot(ballot, by=board.members[0], passphrase=PASSPHRASE)
    counting.count_ballot(ballot, by=board.chair, passphrase=PASSPHRASE)
    with pytest.raises(ValidationError, match=r"^\['Lần bỏ phiếu này đã được kiểm phiếu\.'\]$"):
        counting.count_ballot(ballot, by=board.chair, passphrase=PASSPHRASE)


# --- the encoding (no database) -------------------------------------------------------------------------------

CHOICES = st.sampled_from(sorted(sealing.CODES))


@given(st.lists(st.integers(1, 10**9), min_size=1, max_size=40, unique=True).flatmap(
    lambda ids: st.tuples(st.just(ids), st.lists(CHOICES, min_size=len(ids), max_size=len(ids)),
                          st.lists(CHOICES, min_size=len(ids), max_size=len(ids)))))
def test_the_encoding_round_trips_and_its_length_never_depends_on_the_choices(case):
    ids, mine, theirs = case
    a, b = dict(zip(ids, mine, strict=True)), dict(zip(ids, theirs, strict=True))
    assert sealing.decode(sealing.encode(7, ids, a), 7, ids) == a
    assert len(sealing.encode(7, ids, a)) == len(sealing.encode(7, ids, b))
    key = sealing.new_keypair()
    assert len(sealing.seal(bytes(key.public_key), sealing.encode(7, ids, a))) == len(
        sealing.seal(bytes(key.public_key), sealing.encode(7, ids, b)))


@pytest.mark.parametrize(("plain", "why"), [
    (b"tdkt-ballot/1:8:AD", "another ballot"),
    (b"tdkt-ballot/1:7:A", "too short"),
    (b"tdkt-ballot/1:7:ADN", "too long"),
    (b"tdkt-ballot/1:7:AX", "unknown code"),
    (b"", "empty"),
])
def test_a_malformed_paper_decodes_to_nothing(plain, why):
    assert sealing.decode(plain, 7, [1, 2]) is None, why


@given(st.binary(max_size=200))
def test_decoding_any_bytes_never_raises(data):
    result = sealing.decode(data, 7, [1, 2])
    assert result is None or set(result) == {1, 2}
