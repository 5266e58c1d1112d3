"""The transition tables of the docs, generated from the declarations (`manage.py workflow_docs`).

A doc carries each machine's table between two markers:

    <!-- transitions:dossier -->
    …generated…
    <!-- /transitions:dossier -->

`tests/workflow/test_docs.py` fails when a table is stale."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from tdkt.workflow.machine import MACHINES, SYSTEM, StateMachine

ACTOR_NAMES = {SYSTEM: "the system (another step or a daily sweep)"}


def _states(machine: StateMachine, values) -> str:
    order = list(machine.states.values)
    return ", ".join(f"`{value}`" for value in sorted(values, key=order.index))


def table(machine: StateMachine) -> str:
    """The markdown table of one machine, in declaration order (English: a developer doc)."""
    with translation.override("en"):
        rows = ["| action | from | to | who | reason | notifies |", "|---|---|---|---|---|---|"]
        for item in machine.transitions:
            target = f"`{item.target}`" if item.target else "(unchanged or computed)"
            rows.append(f"| `{item.name}` — {item.label} | {_states(machine, item.sources)} | {target} | "
                        f"{ACTOR_NAMES.get(item.actor, item.actor)} | {'required' if item.reason_required else ''} | "
                        f"{'yes' if item.notifies else ''} |")
    return "\n".join(rows)


def _block(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- transitions:{re.escape(name)} -->\n)(.*?)(<!-- /transitions:{re.escape(name)} -->)",
                      re.DOTALL)


def render(text: str, machine: StateMachine) -> str:
    return _block(machine.name).sub(lambda m: m.group(1) + table(machine) + "\n" + m.group(3), text)


def stale(docs_dir: Path) -> list[str]:
    """Machines whose doc is missing its table or carries an old one."""
    problems = []
    for machine in MACHINES.values():
        if not machine.docs:
            problems.append(f"{machine.name}: no doc named")
            continue
        path = docs_dir / machine.docs
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if not _block(machine.name).search(text):
            problems.append(f"{machine.name}: {machine.docs} has no transitions:{machine.name} block")
        elif render(text, machine) != text:
            problems.append(f"{machine.name}: the table in {machine.docs} is stale")
    return problems


def write(docs_dir: Path) -> list[str]:
    written = []
    for machine in MACHINES.values():
        path = docs_dir / machine.docs
        if not machine.docs or not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        new = render(text, machine)
        if new != text:
            path.write_text(new, encoding="utf-8")
            written.append(machine.docs)
    return written
