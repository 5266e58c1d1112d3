"""The registration's declared state machine (tdkt.movements.transitions): submit by the unit (refused to
another unit's clerk), every state reachable, the history row, the race, the docs table."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Registration, RegistrationStateChange
from tdkt.movements.registrations import save_registration, submit_registration
from tdkt.movements.transitions import REGISTRATION_MACHINE
from tdkt.workflow import docs

S = RegistrationState


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("allowed", "refused"), [("clerk_a", "clerk_b"), ("specialist", "council_member")])
def test_the_unit_submits_another_persona_is_refused(world, allowed, refused):
    registration = save_registration(by=world.users["clerk_a"], unit=world.unit_a, year=2026)
    assert not REGISTRATION_MACHINE.may(world.users[refused], registration, "submit")
    with pytest.raises(PermissionDenied, match=r"^You\ may\ not\ do\ this\ on\ this\ emulation\ registration\.$"):
        REGISTRATION_MACHINE.perform(registration, "submit", by=world.users[refused])
    assert REGISTRATION_MACHINE.may(world.users[allowed], registration, "submit")
    REGISTRATION_MACHINE.run(registration, "submit", by=world.users[allowed])
    registration.refresh_from_db()
    assert (registration.state, registration.submitted_by) == (S.SUBMITTED, world.users[allowed])
    change = RegistrationStateChange.objects.get(registration=registration)
    assert (change.by, change.from_state, change.to_state, change.reason) == (
        world.users[allowed], S.DRAFT, S.SUBMITTED, "")


def test_every_state_is_reachable_from_the_initial_state():
    reached, frontier = {REGISTRATION_MACHINE.initial}, [REGISTRATION_MACHINE.initial]
    while frontier:
        state = frontier.pop()
        for item in REGISTRATION_MACHINE.transitions:
            if state in item.sources and item.target not in reached:
                reached.add(item.target)
                frontier.append(item.target)
    assert reached == set(S.values)


def test_a_racing_second_submit_is_refused(world):
    registration = save_registration(by=world.users["clerk_a"], unit=world.unit_a, year=2026)
    stale = Registration.objects.get(pk=registration.pk)
    submit_registration(registration, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match=r"^\['This\ registration\ has\ already\ been\ submitted\.'\]$") as refused:
        submit_registration(stale, by=world.users["specialist"])
    assert refused.value.messages == ["This registration has already been submitted."]
    assert RegistrationStateChange.objects.filter(registration=registration).count() == 1


def test_the_docs_table_is_generated():
    docs_dir = Path(__file__).resolve().parents[2] / "docs"
    assert [problem for problem in docs.stale(docs_dir) if problem.startswith("registration:")] == []
