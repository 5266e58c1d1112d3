"""Every declared machine is whole: its states are reachable from its initial state, its transitions name
real states, and its docs table is in place (issue 11)."""

import pytest

from tdkt.workflow.machine import MACHINES, SYSTEM


def _reachable(machine) -> set[str]:
    seen, frontier = {machine.initial}, [machine.initial]
    while frontier:
        state = frontier.pop()
        for item in machine.transitions:
            targets = {item.target} if item.target else set(item.sources)  # computed: back to a source
            if state in item.sources:
                for target in targets - seen:
                    seen.add(target)
                    frontier.append(target)
    return seen


def test_machines_are_declared():
    assert MACHINES, "no state machine is declared"


@pytest.mark.parametrize("name", sorted(MACHINES))
def test_every_state_is_reachable_from_the_initial_state(name):
    machine = MACHINES[name]
    assert machine.initial in machine.states.values
    assert _reachable(machine) == set(machine.states.values)


@pytest.mark.parametrize("name", sorted(MACHINES))
def test_transitions_name_real_states_and_actors(name):
    machine = MACHINES[name]
    states = set(machine.states.values)
    for item in machine.transitions:
        assert item.sources <= states, f"{name}.{item.name}: unknown source state"
        assert item.target is None or item.target in states, f"{name}.{item.name}: unknown target state"
        assert item.actor == SYSTEM or item.actor in machine.actors, f"{name}.{item.name}: unknown actor"
