""""Việc của tôi": the machines added in issue 21's last round cost the home the same number of queries for 1 or
20 waiting objects (one bounded query per machine, the actor predicates asked once per agenda_key). Each
measure starts from an empty cache: what is measured is computing the agenda, not reading a kept one (the data is
built in bulk, which no model signal sees; tests/workflow/test_agenda_kept.py tests the keeping)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.scope import get_scope
from tdkt.awards.archive.models import ArchiveBatch, ArchiveState
from tdkt.awards.imports.models import BatchState, ImportBatch, ImportKind
from tdkt.awards.models import AwardType
from tdkt.central.enums import ProposalState
from tdkt.central.models import StateProposal
from tdkt.council.enums import BallotState
from tdkt.council.models import Ballot
from tdkt.council.services import meetings
from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.dossiers.postings.models import PublicNotice
from tdkt.integration.models import MessageKind, MessageState, OutboundMessage, Receiver, ReceiverKind
from tdkt.orgs.enums import AuthorityKind
from tdkt.plans.enums import TaskState
from tdkt.training.enums import TrainingState
from tdkt.workflow.agenda import agenda, busy_machines, waiting_states
from tdkt.workflow.machine import MACHINES
from tests.conftest import client_for
from tests.council.helpers import MEETING_DATE, REVIEW, make_board, mark, ready_dossier
from tests.initiatives.support import registered
from tests.plans.support import make_plan, make_task
from tests.training.support import make_training


def _initiatives(world, n):
    for i in range(n):
        registered(world, title=f"Sáng kiến số {i}", authors=[(world.person_a, 100)])
    return world.users["clerk_a"]


def _trainings(world, n):
    for i in range(n):
        training = make_training(world, topic=f"Lớp số {i}")
        if i % 2:
            type(training).objects.filter(pk=training.pk).update(state=TrainingState.HELD)
    return world.users["clerk_a"]


def _notices(world, n):
    ended = timezone.localdate() - datetime.timedelta(days=1)
    PublicNotice.objects.bulk_create([PublicNotice(title=f"Thông báo {i}", state=NoticeState.PUBLISHED,
                                                   published_on=ended, ends_on=ended) for i in range(n)])
    return world.users["specialist"]


def _proposals(world, n):
    award = AwardType.objects.get(code="BK_TTG")
    StateProposal.objects.bulk_create([StateProposal(award_type=award, year=2025, state=ProposalState.RETURNED,
                                                     decider_kind=AuthorityKind.PRIME_MINISTER) for _ in range(n)])
    return world.users["specialist"]


def _messages(world, n):
    receiver = Receiver.objects.get_or_create(name="Nền tảng LGSP tỉnh Lào Cai", kind=ReceiverKind.NATIONAL_CADRE_DB,
                                              url="http://127.0.0.1:9/")[0]
    start = OutboundMessage.objects.count()
    OutboundMessage.objects.bulk_create([OutboundMessage(
        receiver=receiver, kind=MessageKind.AWARD, idempotency_key=f"award:1:{start + i}", decision_id=1,
        line_id=start + i, recipient=f"Người Thử {i}", state=MessageState.FAILED, due_by=timezone.localdate(),
        payload={}) for i in range(n)])
    return world.users["specialist"]


def _imports(world, n):
    user = world.users["clerk_a"]
    ImportBatch.objects.bulk_create([ImportBatch(kind=ImportKind.AWARDS, uploaded_by=user, unit=world.unit_a,
                                                 original_name=f"tep-{i}.xlsx", sha256="a" * 64,
                                                 state=BatchState.VALIDATED) for i in range(n)])
    ArchiveBatch.objects.bulk_create([ArchiveBatch(uploaded_by=user, unit=world.unit_a, state=ArchiveState.READ)
                                      for _ in range(n)])
    return user


def _tasks(world, n):
    plan = make_plan()
    for i in range(n):
        make_task(plan, f"Nhiệm vụ {i}", lead=[world.unit_a], coordinating=[world.unit_b] if i % 2 else (),
                  due=timezone.localdate() - datetime.timedelta(days=1), state=TaskState.IN_PROGRESS)
    return world.users["clerk_a"]


def _ballots(world, n):
    """2n meetings in session of the same council: n without a ballot yet, n with one to count."""
    board = getattr(world, "_board", None) or make_board(world, plain_members=2)
    world._board = board
    for i in range(2 * n):
        ready_dossier(world.unit_a, (world.person_a, "CSTD_TQ", REVIEW), title=f"Hồ sơ {n}-{i}")
        meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
        meetings.build_agenda(meeting, by=board.secretary)
        mark(board, meeting)
        meetings.open_meeting(meeting, by=board.secretary)
        if i % 2:
            Ballot.objects.create(meeting=meeting, state=BallotState.COUNTING)
    return board.chair


def _returned_dossiers(world, n):
    """Dossiers sent back to the units the clerk writes, alternating unit A and its sub-unit (two agenda keys):
    each waits for the clerk to put it before the leader again."""
    Dossier.objects.bulk_create([Dossier(unit=world.unit_a_child if i % 2 else world.unit_a, year=2025,
                                         title=f"Hồ sơ trả lại {i}", state=DossierState.RETURNED) for i in range(n)])
    return world.users["clerk_a"]


BUILDERS = {"returned_dossiers": _returned_dossiers, "initiative": _initiatives, "training": _trainings, "public_notice": _notices,
            "state_proposal": _proposals, "outbound_message": _messages, "batches": _imports, "plan_task": _tasks,
            "ballot": _ballots}


def _queries(user, run):
    get_scope(user)  # the request's scope is loaded by the middleware before the view
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        run(user)
    return len(captured.captured_queries)


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_the_agenda_costs_the_same_for_1_or_20_waiting_objects(world, kind):
    user = BUILDERS[kind](world, 1)
    waiting = len(agenda(type(user).objects.get(pk=user.pk)))
    one = _queries(type(user).objects.get(pk=user.pk), agenda)
    BUILDERS[kind](world, 19)
    fresh = type(user).objects.get(pk=user.pk)  # nothing cached on the user object from the first run
    twenty = _queries(fresh, agenda)
    cache.clear()
    assert len(agenda(type(user).objects.get(pk=user.pk))) >= waiting + 19
    assert twenty == one


@pytest.mark.parametrize("kind", ["initiative", "plan_task", "ballot", "returned_dossiers"])
def test_the_home_page_costs_the_same_for_1_or_20_waiting_objects(world, kind):
    user = BUILDERS[kind](world, 1)
    persona = next((name for name, persona_user in world.users.items() if persona_user == user), "actor")
    world.users.setdefault(persona, user)
    client = client_for(world, persona)
    url = reverse("core:dashboard")
    client.get(url)  # warm the per-process caches (calendar, settings)
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    BUILDERS[kind](world, 19)
    cache.clear()
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    assert len(second.captured_queries) == len(first.captured_queries)


def test_busy_machines_names_exactly_the_machines_with_an_object_in_a_waiting_state(world):
    before = busy_machines()
    _imports(world, 1)  # an award import and an archive batch waiting for their clerk
    _messages(world, 1)  # a failed message waiting for the standing body
    assert busy_machines() - before == {"import_batch", "archive_batch", "outbound_message"}
    for name in busy_machines():
        machine = MACHINES[name]
        assert machine.model._base_manager.filter(**{f"{machine.field_name}__in": waiting_states(machine)}).exists()
    idle = {name for name, machine in MACHINES.items() if machine.visible_to is not None} - busy_machines()
    for name in idle:
        machine = MACHINES[name]
        assert not machine.model._base_manager.filter(**{f"{machine.field_name}__in": waiting_states(machine)}).exists()


def test_a_machine_with_nothing_waiting_anywhere_costs_the_agenda_no_query(world):
    user = world.users["specialist"]
    idle = _queries(type(user).objects.get(pk=user.pk), agenda)
    _messages(world, 1)
    busy = _queries(type(user).objects.get(pk=user.pk), agenda)
    assert busy == idle + 1  # the outbound messages' own query, now that one waits
    cache.clear()
    assert [item.kind for item in agenda(type(user).objects.get(pk=user.pk))].count("outbound_message") == 1
