"""Nothing but the one primitive writes a state field (issue 11): a walk over the source fails on an
assignment to `.state`/`.status`, a `setattr(…, "state", …)` or an `.update(state=…)` anywhere else.

A field that is called so but is no workflow state (an import row's outcome, a member's attendance) is
written on a line that says so: `# not a state: <why>`."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tdkt"
STATE_FIELDS = {"state", "status"}
NOT_A_STATE = "# not a state:"
PRIMITIVE = "workflow/primitive.py"
# Files allowed to write a state field, each with the reason. Keep this short.
ALLOWED: dict[str, str] = {
    "jobs/services.py": "the worker's own bookkeeping (claim, heartbeat, finish): a job row is its own history, "
                        "and a transition per claim would flood the audit log",
    "integration/delivery.py": "the worker's high-rate bookkeeping of an outbound sync message (claim pending → "
                               "delivering, delivered, retry) in bulk at hundreds a second, as the mail outbox; "
                               "its fail and hold go through tdkt.integration.transitions.OUTBOUND",
    "notifications/outbox.py": "the worker's delivery bookkeeping of an outgoing e-mail (pending, sent, failed): "
                               "no workflow aggregate; its attempts and last error are its own history",
}


def _writes(tree: ast.AST):
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        while targets:
            target = targets.pop()
            if isinstance(target, ast.Tuple | ast.List):  # a, obj.state = …
                targets.extend(target.elts)
            elif isinstance(target, ast.Attribute) and target.attr in STATE_FIELDS:
                yield node.lineno, f"assignment to .{target.attr}"
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "update":
                for keyword in node.keywords:
                    if keyword.arg in STATE_FIELDS:
                        yield node.lineno, f".update({keyword.arg}=…)"
            if (isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Constant) and node.args[1].value in STATE_FIELDS):
                yield node.lineno, f'setattr(…, "{node.args[1].value}", …)'


def _violations() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if "/migrations/" in relative or relative == PRIMITIVE or relative in ALLOWED:
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for line, what in _writes(ast.parse(text, filename=relative)):
            if NOT_A_STATE not in lines[line - 1]:
                found.append(f"{relative}:{line}: {what}")
    return found


def test_only_the_primitive_writes_a_state_field():
    assert _violations() == []


def test_the_walk_finds_each_kind_of_write():
    tree = ast.parse("obj.state = 'x'\nQ.objects.filter(pk=1).update(status='y')\nsetattr(obj, 'state', 'z')\n"
                     "obj.name = 'fine'\nQ.objects.update(title='fine')\nobj.plan, obj.status = p, 's'\n")
    assert sorted(_writes(tree)) == [(1, "assignment to .state"), (2, ".update(status=…)"),
                                     (3, 'setattr(…, "state", …)'), (6, "assignment to .status")]
