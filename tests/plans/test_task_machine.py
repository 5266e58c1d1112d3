"""The plan task's declared state machine (tdkt.plans.transitions): every transition by its actor and refused
to another persona, every state reachable, the history row, the race, the generated docs table."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tdkt.plans.enums import TaskState
from tdkt.plans.models import PlanTask, TaskStateChange
from tdkt.plans.transitions import TASK_MACHINE, form_transitions
from tdkt.workflow import docs
from tdkt.workflow.machine import SYSTEM
from tests.plans.support import make_plan, make_task

S = TaskState
PAST = datetime.date(2026, 2, 28)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _task(world, state, due=PAST):
    task = make_task(make_plan(), lead=[world.unit_a], coordinating=[world.unit_b], due=due)
    completed = datetime.date(2026, 2, 1) if state == S.DONE else None
    PlanTask.objects.filter(pk=task.pk).update(state=state, completed_on=completed)
    return PlanTask.objects.prefetch_related("units").get(pk=task.pk)


# transition, the persona who may, one who may not (a coordinating unit's clerk cannot change the state;
# a council member reports nothing).
CASES = [
    ("start", "clerk_a", "clerk_b"),
    ("complete", "specialist", "clerk_b"),
    ("cancel", "clerk_a", "council_member"),
    ("reopen", "specialist", "clerk_b"),
    ("restore", "clerk_a", "clerk_b"),
    ("first_report", "clerk_b", "council_member"),
    ("report_complete", "clerk_b", "council_member"),  # any unit of the task, by a report of 100 %
]


def test_every_transition_has_a_case():
    assert {name for name, *_ in CASES} | {"mark_overdue"} == {item.name for item in TASK_MACHINE.transitions}


@pytest.mark.parametrize(("name", "allowed", "refused"), CASES)
def test_the_actor_acts_another_persona_is_refused(world, name, allowed, refused):
    item = TASK_MACHINE[name]
    source = sorted(item.sources)[0]
    task = _task(world, source)
    with pytest.raises(PermissionDenied, match=r"^You\ may\ not\ change\ the\ status\ of\ this\ task\.$"):
        TASK_MACHINE.perform(task, name, by=world.users[refused], reason="Lý do")
    assert TASK_MACHINE.may(world.users[allowed], task, name)
    assert not TASK_MACHINE.may(world.users[refused], task, name)
    extra = {"completed_on": datetime.date(2026, 3, 1), "progress": 100} if item.target == S.DONE else {}
    if source == S.DONE:
        extra = {"completed_on": None}
    TASK_MACHINE.perform(task, name, by=world.users[allowed], reason="Lý do", **extra)
    task.refresh_from_db()
    assert task.state == item.target
    change = TaskStateChange.objects.get(task=task)
    assert (change.by, change.from_state, change.to_state, change.reason) == (
        world.users[allowed], source, item.target, "Lý do")


def test_the_sweep_is_the_system_a_user_is_refused(world):
    assert TASK_MACHINE["mark_overdue"].actor == SYSTEM
    task = _task(world, S.IN_PROGRESS)
    with pytest.raises(PermissionDenied, match=r"^You\ may\ not\ change\ the\ status\ of\ this\ task\.$"):
        TASK_MACHINE.run(task, "mark_overdue", by=world.users["specialist"], reason="…")
    TASK_MACHINE.perform(task, "mark_overdue", by="send_reminders", reason="Quá hạn")
    change = TaskStateChange.objects.get(task=task)
    assert (change.by, change.by_name, change.from_state, change.to_state) == (
        None, "send_reminders", S.IN_PROGRESS, S.OVERDUE)


def test_every_state_is_reachable_from_the_initial_state():
    reached, frontier = {TASK_MACHINE.initial}, [TASK_MACHINE.initial]
    while frontier:
        state = frontier.pop()
        for item in TASK_MACHINE.transitions:
            if state in item.sources and item.target not in reached:
                reached.add(item.target)
                frontier.append(item.target)
    assert reached == set(S.values)


def test_a_racing_second_perform_is_refused(world):
    task = _task(world, S.NOT_STARTED, due=datetime.date(2099, 1, 1))
    first, second = PlanTask.objects.get(pk=task.pk), PlanTask.objects.get(pk=task.pk)
    TASK_MACHINE.perform(first, "start", by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\['Someone\ else\ changed\ the\ status\ of\ this\ task\ first:\ it\ is\ now\ “In\ progress”\.\ Reload\ the\ page\ and\ try\ again\.'\]$") as refused:
        TASK_MACHINE.perform(second, "cancel", by=world.users["specialist"], reason="Không làm")
    assert refused.value.messages == ["Someone else changed the status of this task first: it is now “In progress”. "
                                      "Reload the page and try again."]
    assert TaskStateChange.objects.filter(task=task).count() == 1


def test_the_form_offers_the_declared_transitions(world):
    task = _task(world, S.OVERDUE)
    assert [item.name for item in form_transitions(world.users["clerk_a"], task)] == ["start", "complete", "cancel"]
    assert form_transitions(world.users["clerk_b"], task) == []


def test_the_docs_table_is_generated():
    docs_dir = Path(__file__).resolve().parents[2] / "docs"
    assert [problem for problem in docs.stale(docs_dir) if problem.startswith("plan_task:")] == []
