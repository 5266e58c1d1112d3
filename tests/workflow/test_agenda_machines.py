""""Việc của tôi" fed by the machines added in issue 21's last round: initiatives, training classes, public
notices, State-level proposals, the outbound sync, history imports, archive batches, the council's ballot steps
and plan tasks. Each: the exact items (title, button, URL) for its actor, none for another unit's officer or a
user of another role. The query counts (1 and 20 waiting objects cost the same) are in test_agenda_queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.awards.archive.models import ArchiveBatch, ArchiveState
from tdkt.awards.imports.models import BatchState, ImportBatch, ImportKind
from tdkt.awards.models import AwardType
from tdkt.central.enums import ProposalState
from tdkt.central.models import StateProposal
from tdkt.council.enums import BallotState
from tdkt.council.models import Ballot
from tdkt.council.services import ballots
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.dossiers.postings.models import PublicNotice
from tdkt.initiatives.enums import WorkState
from tdkt.integration.models import MessageKind, MessageState, OutboundMessage, Receiver, ReceiverKind
from tdkt.orgs.enums import AuthorityKind
from tdkt.plans.enums import TaskState
from tdkt.plans.transitions import HOME_WINDOW_WORKING_DAYS
from tdkt.training.enums import TrainingState
from tdkt.workcalendar import calendar
from tdkt.workflow.agenda import agenda, machine_agenda
from tdkt.workflow.machine import MACHINES
from tests.council.helpers import PASSPHRASE, REVIEW, make_board, open_meeting, ready_dossier
from tests.factories import make_user
from tests.initiatives.support import evaluated, registered
from tests.plans.support import make_plan, make_task
from tests.training.support import make_training

OTHERS = ["clerk_b", "council_member", "signer"]  # another unit's officer, users of other roles


def work_of(name, user):
    return [(item.title, item.action, item.url) for item in machine_agenda(MACHINES[name], user)]


def assert_nobody_else(world, name, *, besides=()):
    for persona in [*OTHERS, *besides]:
        assert work_of(name, world.users[persona]) == [], persona


@pytest.fixture
def leader(world):
    world.users["leader"] = make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a)
    return world.users["leader"]


# --- initiatives ---------------------------------------------------------------------------------------------

def test_a_registered_initiative_waits_for_its_units_officers_to_record_the_evaluation(world, leader):
    work = registered(world)
    want = [("Số hóa hồ sơ bệnh án điện tử", "Ghi kết quả đánh giá của hội đồng",
             reverse("initiatives:evaluate", args=[work.pk]))]
    assert work_of("initiative", world.users["clerk_a"]) == want
    assert work_of("initiative", leader) == want
    # the standing body may record it for any unit, but nothing of a unit's waits for it
    assert_nobody_else(world, "initiative", besides=["specialist", "admin"])


def test_an_evaluated_initiative_waits_for_the_recognition_decision_then_nothing(world):
    work = evaluated(world, registered(world))
    assert work_of("initiative", world.users["clerk_a"]) == [
        ("Số hóa hồ sơ bệnh án điện tử", "Ghi quyết định công nhận", reverse("initiatives:recognise", args=[work.pk]))]
    type(work).objects.filter(pk=work.pk).update(state=WorkState.NOT_RECOGNISED)
    assert work_of("initiative", world.users["clerk_a"]) == []


def test_an_initiative_without_a_unit_waits_for_the_standing_body(world):
    work = registered(world, by="specialist")
    type(work).objects.filter(pk=work.pk).update(unit=None)
    want = [("Số hóa hồ sơ bệnh án điện tử", "Ghi kết quả đánh giá của hội đồng",
             reverse("initiatives:evaluate", args=[work.pk]))]
    assert work_of("initiative", world.users["specialist"]) == want
    assert work_of("initiative", world.users["clerk_a"]) == []


# --- training classes ----------------------------------------------------------------------------------------

def test_a_class_that_has_begun_waits_for_its_attendance_then_its_results(world, leader):
    training = make_training(world)  # March 2026: begun
    want = [("Bồi dưỡng nghiệp vụ công tác TĐKT", "Xác nhận đã tổ chức",
             reverse("training:detail", args=[training.pk]))]
    assert work_of("training", world.users["clerk_a"]) == want
    assert work_of("training", leader) == want
    assert_nobody_else(world, "training", besides=["specialist", "admin"])
    type(training).objects.filter(pk=training.pk).update(state=TrainingState.HELD)
    assert work_of("training", world.users["clerk_a"]) == [
        ("Bồi dưỡng nghiệp vụ công tác TĐKT", "Kết thúc lớp", reverse("training:results", args=[training.pk]))]
    type(training).objects.filter(pk=training.pk).update(state=TrainingState.CLOSED)
    assert work_of("training", world.users["clerk_a"]) == []


def test_a_class_not_begun_waits_for_nobody_and_the_provinces_own_waits_for_its_specialist(world):
    later = timezone.localdate() + datetime.timedelta(days=30)
    make_training(world, starts_on=later, ends_on=later)
    assert work_of("training", world.users["clerk_a"]) == []
    own = make_training(world, by="specialist", organiser=world.home_affairs, topic="Tập huấn Luật Thi đua")
    assert work_of("training", world.users["specialist"]) == [
        ("Tập huấn Luật Thi đua", "Xác nhận đã tổ chức", reverse("training:detail", args=[own.pk]))]
    assert work_of("training", world.users["clerk_a"]) == []


# --- public notices ------------------------------------------------------------------------------------------

def _notice(ends_on, state=NoticeState.PUBLISHED, title="Thông báo công khai danh sách đề nghị khen thưởng"):
    return PublicNotice.objects.create(title=title, state=state, published_on=ends_on - datetime.timedelta(days=14),
                                       ends_on=ends_on)


def test_a_notice_whose_period_ended_waits_for_the_standing_body_to_close_it(world):
    today = timezone.localdate()
    ended = _notice(today - datetime.timedelta(days=1))
    _notice(today)  # comments are still taken today
    _notice(today - datetime.timedelta(days=3), state=NoticeState.CLOSED)
    want = [("Thông báo công khai danh sách đề nghị khen thưởng", "Kết thúc thông báo",
             reverse("postings:manage", args=[ended.pk]))]
    assert work_of("public_notice", world.users["specialist"]) == want
    assert work_of("public_notice", world.users["admin"]) == want
    assert_nobody_else(world, "public_notice", besides=["clerk_a"])


# --- State-level proposals and the outbound sync --------------------------------------------------------------

def _proposal(state, code="BK_TTG"):
    return StateProposal.objects.create(award_type=AwardType.objects.get(code=code), year=2025,
                                        decider_kind=AuthorityKind.PRIME_MINISTER, state=state)


def test_a_returned_or_voted_proposal_waits_for_the_specialist_a_draft_or_sent_one_does_not(world):
    returned = _proposal(ProposalState.RETURNED)
    voted = _proposal(ProposalState.COUNCIL_VOTED, code="CSTD_TQ")
    for state in (ProposalState.DRAFT, ProposalState.SENT, ProposalState.RESENT):
        _proposal(state)
    want = [(str(returned), "Gửi lại", reverse("central:proposal", args=[returned.pk])),
            (str(voted), "Gửi Trung ương", reverse("central:proposal", args=[voted.pk]))]
    assert work_of("state_proposal", world.users["specialist"]) == want
    assert_nobody_else(world, "state_proposal", besides=["clerk_a"])


def test_a_failed_message_waits_for_a_specialist_or_the_administrator_to_send_it_again(world):
    receiver = Receiver.objects.create(name="Nền tảng LGSP tỉnh Lào Cai", kind=ReceiverKind.NATIONAL_CADRE_DB,
                                       url="http://127.0.0.1:9/")
    due = timezone.localdate()
    for n, state in enumerate([MessageState.FAILED, MessageState.PENDING, MessageState.DELIVERED], start=1):
        OutboundMessage.objects.create(receiver=receiver, kind=MessageKind.AWARD, idempotency_key=f"award:1:{n}",
                                       decision_id=1, line_id=n, recipient=f"Người Thử {n}", state=state, due_by=due,
                                       payload={})
    want = [("Người Thử 1", "Gửi lại", reverse("integration:outbox") + "?show=failed")]
    assert work_of("outbound_message", world.users["specialist"]) == want
    assert work_of("outbound_message", world.users["admin"]) == want
    assert_nobody_else(world, "outbound_message", besides=["clerk_a"])


# --- history imports and archive batches -----------------------------------------------------------------------

def _import(world, state, by="clerk_a", name="khen-thuong-2020.xlsx"):
    return ImportBatch.objects.create(kind=ImportKind.AWARDS, uploaded_by=world.users[by], unit=world.unit_a,
                                      original_name=name, sha256="a" * 64, state=state)


@pytest.mark.parametrize(("state", "action"), [
    (BatchState.DRAFT, "Kiểm tra tệp"), (BatchState.VALIDATED, "Nhập"), (BatchState.FAILED, "Kiểm tra lại tệp"),
    (BatchState.VALIDATING, None), (BatchState.COMMITTING, None), (BatchState.COMMITTED, None)])
def test_an_import_batch_waits_for_its_uploader_only(world, leader, state, action):
    batch = _import(world, state)
    want = [(str(batch), action, reverse("awards:import_detail", args=[batch.pk]))] if action else []
    assert work_of("import_batch", world.users["clerk_a"]) == want
    # the unit's leader and the specialists may handle it, but it is the uploader's file
    assert_nobody_else(world, "import_batch", besides=["specialist", "admin", "leader"])


@pytest.mark.parametrize(("state", "waits"), [
    (ArchiveState.READING, False), (ArchiveState.READ, True), (ArchiveState.FAILED, True),
    (ArchiveState.COMMITTING, False), (ArchiveState.COMMITTED, False)])
def test_an_archive_batch_read_waits_for_its_uploader_to_record_it(world, leader, state, waits):
    batch = ArchiveBatch.objects.create(uploaded_by=world.users["clerk_a"], unit=world.unit_a, state=state)
    want = [(str(batch), "Ghi khen thưởng", reverse("awards:archive_detail", args=[batch.pk]))] if waits else []
    assert work_of("archive_batch", world.users["clerk_a"]) == want
    assert_nobody_else(world, "archive_batch", besides=["specialist", "admin", "leader"])


# --- the council's ballot steps -------------------------------------------------------------------------------

def _steps(user):
    return [(item.kind, item.action, item.url) for item in agenda(user) if item.kind in ("ballot", "ballot_to_open")]


def test_the_chair_and_secretary_are_asked_to_open_then_to_count_the_ballot(world):
    board = make_board(world, plain_members=3)
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW))
    meeting = open_meeting(board)
    to_open = [("ballot_to_open", "Mở bỏ phiếu", reverse("council:ballot_open", args=[meeting.pk]))]
    assert _steps(board.chair) == to_open
    assert _steps(board.secretary) == to_open
    for user in [world.users["council_member"], world.users["clerk_a"], world.users["specialist"]]:
        assert _steps(user) == []
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    assert _steps(board.chair) == []  # voting: closing it is the chair's choice, nothing waits for him
    ballots.close_ballot(ballot, by=board.chair)
    to_count = [("ballot", "Kiểm phiếu", reverse("council:meeting", args=[meeting.pk]))]
    assert _steps(board.chair) == to_count
    assert _steps(board.secretary) == to_count
    assert _steps(world.users["council_member"]) == []


def test_a_draft_ballot_row_leads_to_the_meetings_open_page_not_a_url_built_from_the_ballots_key(world):
    """The declared form_url (the meeting page) takes the meeting's key: built with the ballot's, it named
    another meeting, or none."""
    board = make_board(world, plain_members=3)
    ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW))
    meeting = open_meeting(board)
    Ballot.objects.create(pk=meeting.pk + 1000, meeting=meeting, state=BallotState.DRAFT)
    assert work_of("ballot", board.chair) == [
        (str(meeting), "Mở bỏ phiếu", reverse("council:ballot_open", args=[meeting.pk]))]
    assert _steps(board.chair) == [("ballot", "Mở bỏ phiếu", reverse("council:ballot_open", args=[meeting.pk]))]


# --- plan tasks -----------------------------------------------------------------------------------------------

def test_an_open_task_due_within_the_window_waits_for_its_units_officers(world, leader):
    today = timezone.localdate()
    plan = make_plan()
    edge = calendar.add_working_days(today, HOME_WINDOW_WORKING_DAYS)
    due = make_task(plan, "Tổng kết phong trào thi đua", lead=[world.unit_a], due=edge)
    make_task(plan, "Sơ kết 6 tháng", lead=[world.unit_a],
              due=calendar.add_working_days(today, HOME_WINDOW_WORKING_DAYS + 1))  # not yet
    make_task(plan, "Đã xong", lead=[world.unit_a], due=edge, state=TaskState.DONE)
    helping = make_task(plan, "Phối hợp kiểm tra", lead=[world.unit_b], coordinating=[world.unit_a],
                        due=today - datetime.timedelta(days=2), state=TaskState.IN_PROGRESS)
    want = [("Phối hợp kiểm tra", "Báo cáo tiến độ", reverse("plans:task_update", args=[helping.pk])),
            ("Tổng kết phong trào thi đua", "Báo cáo tiến độ", reverse("plans:task_update", args=[due.pk]))]
    assert work_of("plan_task", world.users["clerk_a"]) == want
    assert work_of("plan_task", leader) == want
    assert work_of("plan_task", world.users["clerk_b"]) == [want[0]]  # unit B leads the overdue one
    for persona in ["specialist", "admin", "council_member", "signer"]:
        assert work_of("plan_task", world.users[persona]) == [], persona


def test_a_task_without_a_date_is_due_at_the_end_of_its_quarter_and_the_provinces_own_wait_for_the_specialist(
        world):
    past, future = make_plan(year=2020), make_plan(year=2099)
    late = make_task(past, "Báo cáo quý I", period="Q1", lead=[world.home_affairs])
    make_task(future, "Báo cáo quý I năm sau", period="Q1", lead=[world.home_affairs])
    type(late).objects.filter(plan__in=[past, future]).update(due_date=None)
    (item,) = machine_agenda(MACHINES["plan_task"], world.users["specialist"])
    assert (item.title, item.action, item.url, item.due, item.unit) == (
        "Báo cáo quý I", "Báo cáo tiến độ", reverse("plans:task_update", args=[late.pk]),
        datetime.date(2020, 3, 31), "Sở Nội vụ")
    assert work_of("plan_task", world.users["clerk_a"]) == []
    assert work_of("plan_task", world.users["admin"]) == []
