""""Việc của tôi": what waits for a user, read from the declared state machines.

An object waits for a user when it sits in a state where a transition waits (`Transition.waits`, never a
SYSTEM one) and the user is that transition's actor on it (`StateMachine.allowed`). Every machine declaring the
`visible_to` hook takes part, so a transition declared tomorrow shows on the home with no edit here. Per machine:
one query for the objects in the waiting states (bounded by `limit`, what the hook prefetches included), then the
actor predicates, asked once per `agenda_key` (a unit, a council) rather than once per object. A machine with no
object in a waiting state at all is skipped after one query asked for all machines at once (`busy_machines`).

What waits but is no transition (a council member's ballot not yet voted: casting a vote is deliberately no
state change, tdkt.council.transitions) comes from a small registered source (`register_source`).

The machines' part is kept per user in the cache while nothing it reads has changed (tdkt.workflow.agenda_version:
one query tells); the registered sources are asked every time.

Working days and the order (overdue first) are the caller's: the calendar sits above this platform layer."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tdkt.workflow import agenda_version
from tdkt.workflow.machine import MACHINES, StateMachine, Transition

# How many objects of one machine the home reads at most (the oldest-due first); the rest are on the lists.
AGENDA_LIMIT = 50


@dataclass(frozen=True)
class AgendaItem:
    kind: str  # the machine's name, or the source's
    noun: str  # "hồ sơ", "quyết định"
    pk: int
    title: str
    unit: str
    due: datetime.date | None
    action: str  # the button's label: the transition's, or the source's ("Vote now")
    transition: str  # the transition's name ("" for a registered source)
    url: str  # where the button leads
    object_url: str  # the object's page
    state: str  # the state's label


SOURCES: dict[str, Callable[[Any], list[AgendaItem]]] = {}


def register_source(name: str, source: Callable[[Any], list[AgendaItem]]) -> None:
    """Something that waits for a user but is no declared transition; `source(user)` lists the items with a
    fixed number of queries."""
    SOURCES[name] = source


def waiting_states(machine: StateMachine) -> frozenset:
    return frozenset().union(*(item.waiting_sources for item in machine.transitions))


def _button_url(machine: StateMachine, item: Transition, obj, object_url: str) -> str:
    """The transition's own page or its confirm page; a button drawn as a POST form on the object's page
    (one click, an inline reason) leads to that page."""
    if machine.button_url_of is not None and (url := machine.button_url_of(obj, item)):
        return url
    if item.form_url:
        return reverse(item.form_url, args=[obj.pk])
    if item.one_click or item.inline_reason:
        return object_url
    if machine.action_url:
        return reverse(machine.action_url, args=[obj.pk, item.name])
    return reverse("workflow:act", args=[machine.name, obj.pk, item.name])


def machine_agenda(machine: StateMachine, user, limit: int = AGENDA_LIMIT) -> list[AgendaItem]:
    if machine.visible_to is None:
        return []
    states = waiting_states(machine)
    objects = machine.visible_to(user).filter(**{f"{machine.field_name}__in": states})
    if not objects.ordered:
        objects = objects.order_by("pk")
    items, asked = [], {}
    for obj in objects[:limit]:
        state = machine.state_of(obj)
        key = (state, machine.agenda_key(obj) if machine.agenda_key else obj.pk)
        if key not in asked:
            asked[key] = [item for item in machine.allowed(user, obj) if state in item.waiting_sources]
        actions = [item for item in asked[key] if item.shown_if is None or item.shown_if(obj)]
        if not actions:
            continue
        first = next((item for item in actions if item.primary), actions[0])
        object_url = machine.url_of(obj) if machine.url_of else ""
        items.append(AgendaItem(
            kind=machine.name, noun=str(machine.label), pk=obj.pk,
            title=machine.title_of(obj) if machine.title_of else str(obj),
            unit=machine.unit_of(obj) if machine.unit_of else "",
            due=machine.due_of(obj) if machine.due_of else None, action=str(first.label), transition=first.name,
            url=_button_url(machine, first, obj, object_url), object_url=object_url,
            state=machine.state_label(state)))
    return items


_PROBES: dict[tuple, tuple[str, list]] = {}


def _probe(waiting: tuple[tuple[StateMachine, tuple[str, ...]], ...]) -> tuple[str, list]:
    """One SELECT of one EXISTS per machine: is any object, anyone's, in one of its waiting states? Built once
    per process (the states are constants), so asking costs one round trip and no query compiling. Keyed by the
    states too: a transition declared at run time (a test's) changes what waits."""
    key = tuple((machine.name, states) for machine, states in waiting)
    if key not in _PROBES:
        parts, params = [], []
        for machine, states in waiting:
            query = machine.model._base_manager.filter(**{f"{machine.field_name}__in": states}).values("pk")[:1]
            sql, query_params = query.query.sql_with_params()
            parts.append(f"EXISTS({sql})")
            params.extend(query_params)
        _PROBES[key] = ("SELECT " + ", ".join(parts), params)
    return _PROBES[key]


def busy_machines() -> set[str]:
    """The machines (with agenda hooks) having at least one object in a waiting state: the others (no import
    running, no message held, no ballot open) cost the home no query of their own."""
    waiting = tuple((machine, tuple(sorted(states))) for machine in MACHINES.values()
                    if machine.visible_to is not None and (states := waiting_states(machine)))
    if not waiting:
        return set()
    sql, params = _probe(waiting)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        flags = cursor.fetchone()
    return {machine.name for (machine, _states), busy in zip(waiting, flags, strict=True) if busy}


def machines_agenda(user, limit: int = AGENDA_LIMIT) -> list[AgendaItem]:
    """What waits for `user` in the declared machines, in declaration order."""
    items: list[AgendaItem] = []
    busy = busy_machines()
    for machine in MACHINES.values():
        if machine.name in busy:
            items.extend(machine_agenda(machine, user, limit))
    return items


def agenda(user, limit: int = AGENDA_LIMIT) -> list[AgendaItem]:
    """Everything waiting for `user`: the machines' part (kept while its version holds), then the sources."""
    key = f"{agenda_version.current(user, timezone.localdate())}:{limit}"  # read before computing: see there
    items = cache.get(key)
    if items is None:
        items = machines_agenda(user, limit)
        cache.set(key, items, agenda_version.KEPT_SECONDS)
    items = list(items)
    for source in SOURCES.values():
        items.extend(source(user)[:limit])
    return items
