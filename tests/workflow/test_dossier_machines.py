"""The dossier's and the nomination's declared machines: every transition has a persona test (its actor
succeeds, the other side is refused), every state is reachable, and the one primitive keeps its promises
on a dossier (conditional update, history row, audit row, notifications in the same transaction)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation

from tdkt.audit.models import AuditEvent
from tdkt.dossiers import workflow
from tdkt.dossiers.enums import DossierState as S
from tdkt.dossiers.enums import EventKind
from tdkt.dossiers.enums import NominationState as N
from tdkt.dossiers.models import Dossier, DossierEvent, Nomination
from tdkt.dossiers.transitions import DOSSIER, LEADER, NOMINATION, PREPARER, PROVINCE, UNIT
from tdkt.notifications.models import Notification
from tdkt.workflow.machine import SYSTEM, Notice, transition
from tests.dossiers.support import award, leader_a, store_verdict
from tests.workflow.support import dossier_in

pytestmark = pytest.mark.django_db

REASON = "Lý do kiểm thử"


def _run(machine, name):
    return lambda obj, by: machine.run(obj, name, by=by, reason=REASON)


# transition -> (dossier state, line state, fields, the call; default: the machine's `run`)
DOSSIER_CASES = {
    "send_for_approval": (S.DRAFT, None, {}, None),
    "approve_and_send": (S.AWAITING_APPROVAL, None, {}, None),
    "send_back": (S.AWAITING_APPROVAL, None, {}, None),
    "submit": (S.DRAFT, None, {}, None),
    "resubmit": (S.RETURNED, None, {}, None),
    "withdraw": (S.SUBMITTED, None, {}, None),
    "receive": (S.SUBMITTED, None, {}, None),
    "return_incomplete": (S.RECEIVED, None, {}, None),
    "assign": (S.RECEIVED, None, {}, lambda d, by, w: workflow.assign_specialist(d, w.users["specialist"], by=by)),
    "start_appraisal": (S.RECEIVED, None, {}, None),
    "return_for_completion": (S.IN_APPRAISAL, None, {}, None),
    "put_on_hold": (S.IN_APPRAISAL, None, {}, None),
    "release_hold": (S.ON_HOLD, None, {"held_from_state": S.CONSULTATION}, None),
    "mark_ready": (S.IN_APPRAISAL, N.ACCEPTED, {}, None),
}
NOMINATION_CASES = {
    "accept": N.PROPOSED,
    "change_award": N.PROPOSED,
    "reject": N.ACCEPTED,
    "hold": N.NEEDS_FIX,
    "release": N.ON_HOLD,
}
# SYSTEM transitions: a source state to perform them from (another aggregate's step does it).
DOSSIER_SYSTEM_SOURCES = {"start_consultation": S.IN_APPRAISAL, "start_posting": S.CONSULTATION,
                          "consider": S.READY_FOR_COUNCIL, "decide": S.CONSIDERED}
NOMINATION_SYSTEM_SOURCES = {"return_to_unit": N.ACCEPTED, "complete": N.NEEDS_FIX, "withdraw": N.ON_HOLD,
                             "hold_on_objection": N.PROPOSED, "approve": N.ACCEPTED, "not_approve": N.ACCEPTED,
                             "award": N.APPROVED}
PERSONA = {UNIT: "clerk_a", LEADER: "leader_a", PREPARER: "clerk_a", PROVINCE: "specialist"}
# the clerk prepares, never sends; the leader sends, he does not put the dossier before himself
OTHER_SIDE = {UNIT: "specialist", LEADER: "clerk_a", PREPARER: "leader_a", PROVINCE: "clerk_a"}


def _user(world, persona):
    return leader_a(world) if persona == "leader_a" else world.users[persona]


def test_every_declared_transition_has_a_persona_case():
    assert {t.name for t in DOSSIER.transitions if t.actor != SYSTEM} == set(DOSSIER_CASES)
    assert {t.name for t in DOSSIER.transitions if t.actor == SYSTEM} == set(DOSSIER_SYSTEM_SOURCES)
    assert {t.name for t in NOMINATION.transitions if t.actor != SYSTEM} == set(NOMINATION_CASES)
    assert {t.name for t in NOMINATION.transitions if t.actor == SYSTEM} == set(NOMINATION_SYSTEM_SOURCES)


def _dossier_call(name, world):
    call = DOSSIER_CASES[name][3]
    return (lambda d, by: call(d, by, world)) if call else _run(DOSSIER, name)


@pytest.mark.parametrize("name", list(DOSSIER_CASES))
def test_dossier_transition_allowed_to_its_actor_only(world, name):
    state, line_state, fields, _call = DOSSIER_CASES[name]
    item = DOSSIER[name]
    dossier, _line = dossier_in(world, state, line_state=line_state, **fields)
    call = _dossier_call(name, world)
    for persona in (OTHER_SIDE[item.actor], "clerk_b", "council_member"):
        with pytest.raises(PermissionDenied, match=r"^Bạn\ không\ được\ thực\ hiện\ thao\ tác\ này\ trên\ hồ\ sơ\ này\.$"):
            call(dossier, _user(world, persona))
        assert Dossier.objects.get(pk=dossier.pk).state == state
    assert name in [t.name for t in DOSSIER.allowed(_user(world, PERSONA[item.actor]), dossier)]
    assert name not in [t.name for t in DOSSIER.allowed(_user(world, OTHER_SIDE[item.actor]), dossier)]
    expected = item.target_of(dossier)  # a release: the state before the hold; a send-back: the draft
    call(dossier, _user(world, PERSONA[item.actor]))
    assert Dossier.objects.get(pk=dossier.pk).state == expected


@pytest.mark.parametrize("name", list(NOMINATION_CASES))
def test_nomination_transition_allowed_to_the_specialist_only(world, name):
    dossier, line = dossier_in(world, S.IN_APPRAISAL, line_state=NOMINATION_CASES[name])
    store_verdict([line])  # a line not "eligible" is accepted only with a reason and a confirmation
    if name == "change_award":
        def call(obj, by):
            return workflow.change_line_award(obj, award("BK_TINH"), by=by, reason=REASON)
    else:
        call = _run(NOMINATION, name)
    for persona in ("clerk_a", "clerk_b", "council_member"):
        with pytest.raises(PermissionDenied, match=r"^Chỉ\ cán\ bộ\ của\ cơ\ quan\ tiếp\ nhận\ hồ\ sơ\ được\ cho\ ý\ kiến\ về\ từng\ dòng\.$"):
            call(line, world.users[persona])
    assert Nomination.objects.get(pk=line.pk).state == NOMINATION_CASES[name]
    assert name in [t.name for t in NOMINATION.allowed(world.users["specialist"], line)]
    call(line, world.users["specialist"])
    assert Nomination.objects.get(pk=line.pk).state == NOMINATION[name].target


@pytest.mark.parametrize(("machine", "name", "source"), [
    *[(DOSSIER, name, source) for name, source in DOSSIER_SYSTEM_SOURCES.items()],
    *[(NOMINATION, name, source) for name, source in NOMINATION_SYSTEM_SOURCES.items()],
])
def test_system_transitions_are_refused_to_every_user_and_done_by_steps(world, machine, name, source):
    if machine is DOSSIER:
        obj, _line = dossier_in(world, source)
    else:
        _dossier, obj = dossier_in(world, S.IN_APPRAISAL, line_state=source)
    for persona in ("specialist", "clerk_a", "admin"):
        assert name not in [t.name for t in machine.allowed(world.users[persona], obj)]
        with pytest.raises(PermissionDenied, match=r"^(Bạn\ không\ được\ thực\ hiện\ thao\ tác\ này\ trên\ hồ\ sơ\ này\.|Chỉ\ cán\ bộ\ của\ cơ\ quan\ tiếp\ nhận\ hồ\ sơ\ được\ cho\ ý\ kiến\ về\ từng\ dòng\.)$"):
            machine.run(obj, name, by=world.users[persona], reason=REASON)
    machine.perform(obj, name, by="test_step", reason=REASON)
    assert type(obj).objects.get(pk=obj.pk).state == machine[name].target


@pytest.mark.parametrize("machine", [DOSSIER, NOMINATION])
def test_every_state_is_reachable_from_the_initial_state(machine):
    reached, frontier = {machine.initial}, [machine.initial]
    while frontier:
        state = frontier.pop()
        for item in machine.transitions:
            if state in item.sources:
                targets = {item.target} if item.target else set(item.sources) if item.target_for else set()
                for target in targets - reached:
                    reached.add(target)
                    frontier.append(target)
    assert reached == set(machine.states.values)


def test_nothing_in_src_writes_a_dossier_state_but_the_primitive():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "src" / "tdkt"
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if "change_dossier_state" in path.read_text(encoding="utf-8")
                 or "change_nomination_state" in path.read_text(encoding="utf-8")]
    assert offenders == []


# --- the primitive on a dossier ---------------------------------------------------------------------------------

def test_two_loads_in_the_same_state_give_one_change_and_one_clear_refusal(world):
    dossier, _line = dossier_in(world, S.SUBMITTED)
    first, second = Dossier.objects.get(pk=dossier.pk), Dossier.objects.get(pk=dossier.pk)
    workflow.receive_dossier(first, by=world.users["specialist"])
    with pytest.raises(ValidationError, match=r"^\['Người\ khác\ vừa\ thay\ đổi\ hồ\ sơ\ này:\ hiện\ ở\ trạng\ thái\ “Đã\ tiếp\ nhận”\.\ Hãy\ tải\ lại\ trang\ và\ thử\ lại\.'\]$") as raced:
        workflow.return_incomplete(second, by=world.users["specialist"], reason=REASON)
    assert raced.value.messages == [
        "Người khác vừa thay đổi hồ sơ này: hiện ở trạng thái “Đã tiếp nhận”. Hãy tải lại trang và thử lại."]
    with translation.override("en"), pytest.raises(ValidationError, match=r"^\['Someone\ else\ changed\ this\ dossier\ first:\ it\ is\ now\ “Received”\.\ Reload\ the\ page\ and\ try\ again\.'\]$") as english:
        workflow.return_incomplete(second,
                                   by=world.users["specialist"], reason=REASON)
    assert english.value.messages == [
        "Someone else changed this dossier first: it is now “Received”. Reload the page and try again."]
    assert Dossier.objects.get(pk=dossier.pk).state == S.RECEIVED
    assert DossierEvent.objects.filter(dossier=dossier, to_state=S.RECEIVED).count() == 1


def test_a_refused_source_state_names_both_states(world):
    dossier, _line = dossier_in(world, S.DRAFT)
    with pytest.raises(ValidationError, match=r"^\['Hồ\ sơ\ đang\ ở\ trạng\ thái\ “Dự\ thảo”\ không\ thể\ chuyển\ sang\ “Đã\ tiếp\ nhận”\.'\]$") as refused:
        workflow.receive_dossier(dossier, by=world.users["specialist"])
    assert refused.value.messages == ["Hồ sơ đang ở trạng thái “Dự thảo” không thể chuyển sang “Đã tiếp nhận”."]


def test_history_row_and_audit_row(world):
    dossier, _line = dossier_in(world, S.RECEIVED)
    specialist = world.users["specialist"]
    DOSSIER.perform(dossier, "return_incomplete", by=specialist, reason=REASON, extra={"source": "test"})
    event = DossierEvent.objects.filter(dossier=dossier).latest("id")
    assert (event.kind, event.nomination, event.by, event.by_name, event.from_state, event.to_state, event.reason,
            event.extra) == (EventKind.STATE, None, specialist, specialist.username, "received", "returned", REASON,
                             {"source": "test"})
    assert event.at is not None
    audit = AuditEvent.objects.filter(object_id=str(dossier.pk), object_type__icontains="dossier").latest("id")
    assert audit.actor == specialist
    assert audit.changes == {"state": ["received", "returned"], "reason": REASON}


def test_a_line_history_row_is_a_line_event_of_its_dossier(world):
    dossier, line = dossier_in(world, S.IN_APPRAISAL)
    workflow.reject_line(line, by=world.users["specialist"], reason=REASON)
    event = DossierEvent.objects.filter(nomination=line).latest("id")
    assert (event.dossier_id, event.kind, event.from_state, event.to_state, event.reason) == (
        dossier.pk, EventKind.LINE, "proposed", "rejected", REASON)


def test_declared_notices_are_written_in_the_same_transaction(world, monkeypatch):
    def notice(dossier, item):
        return [Notice(users=[world.users["clerk_a"]], text="Đã tiếp nhận", url=dossier.get_absolute_url())]

    receive = DOSSIER["receive"]
    noisy = transition("receive", receive.label, receive.sources, receive.target, receive.actor, notifies=notice)
    monkeypatch.setattr(DOSSIER, "transitions", [noisy if t.name == "receive" else t for t in DOSSIER.transitions])
    dossier, _line = dossier_in(world, S.SUBMITTED)
    with pytest.raises(RuntimeError, match=r"^roll\ back$"), transaction.atomic():
        workflow.receive_dossier(dossier, by=world.users["specialist"])
        assert Notification.objects.filter(user=world.users["clerk_a"], text="Đã tiếp nhận").count() == 1
        raise RuntimeError("roll back")
    assert not Notification.objects.filter(text="Đã tiếp nhận").exists()
    assert Dossier.objects.get(pk=dossier.pk).state == S.SUBMITTED
    workflow.receive_dossier(Dossier.objects.get(pk=dossier.pk), by=world.users["specialist"])
    assert Notification.objects.filter(user=world.users["clerk_a"], text="Đã tiếp nhận").count() == 1
