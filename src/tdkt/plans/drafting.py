"""The import preview as data: what the importer read, in the form that is saved, and its corrections.

No ORM here: the caller passes the unit registry as (id, name, short_name) rows. The draft data
(PlanDraft.data, also what `save_plan_data` saves) is plain JSON:

    {"document": {"issuer", "number", "place", "date", "title", "year"},
     "legal_bases": [str], "sections": [{"heading", "part", "paragraphs"}],
     "warnings": [{"line", "message"}], "next_key": int,
     "tasks": [{"key": "t3", "period": "Q1", "number": "3"|None, "content": str, "kind": str, "line": int|None,
                "due": {"text": str|None, "dates": ["YYYY-MM-DD"], "recurrence": "monthly"|"quarterly"|None},
                "lead": [unit], "coordinating": [unit]}]}
    unit = {"text": str, "status": "resolved"|"ambiguous"|"group"|"unresolved", "unit_id": int|None,
            "unit_name": str|None, "candidates": [[id, name]]}

Corrections: edit a row (content, number, period, due text, kind), split a row in two, merge a row with
the next, choose the unit for a name. Each raises `DraftError` (a Vietnamese message) on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tdkt.plans.enums import Period, TaskKind
from tdkt.plans.importer import PlanImport, resolve_units
from tdkt.plans.importer.periods import period_due, read_due
from tdkt.plans.importer.result import PERIOD_LABELS
from tdkt.plans.kinds import guess_kind
from tdkt.plans.narrative import Narrative

ROLES = ("lead", "coordinating")
MAX_CONTENT = 10_000


class DraftError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def unit_entry(resolution) -> dict:
    return {"text": resolution.text, "status": resolution.status, "unit_id": resolution.unit_id,
            "unit_name": dict(resolution.candidates).get(resolution.unit_id) if resolution.unit_id else None,
            "candidates": [list(candidate) for candidate in resolution.candidates] if resolution.status == "ambiguous"
            else []}


def draft_data(result: PlanImport, narrative: Narrative, registry: Iterable[tuple[int, str, str]]) -> dict:
    """The draft of an import: its tasks with every unit name matched against the registry."""
    registry = list(registry)
    names = sorted({name for task in result.tasks for name in (*task.lead, *task.coordinating)})
    resolved = {r.text: unit_entry(r) for r in resolve_units(names, registry)}
    # resolve_units strips the names; index by the name as written too.
    by_name = {name: resolved.get(name.strip()) for name in names}
    tasks = []
    for index, task in enumerate(result.tasks, start=1):
        tasks.append({
            "key": f"t{index}", "period": task.period, "number": task.number, "content": task.content,
            "kind": guess_kind(task.content), "line": task.line, "due": task.due.as_json(),
            "lead": [dict(by_name[name]) for name in task.lead],
            "coordinating": [dict(by_name[name]) for name in task.coordinating],
        })
    return {
        "document": result.document.as_json(), "legal_bases": list(narrative.legal_bases),
        "sections": list(narrative.sections), "warnings": [w.as_json() for w in result.warnings],
        "tasks": tasks, "next_key": len(tasks) + 1,
    }


def task_index(data: dict, key: str) -> int:
    for index, task in enumerate(data["tasks"]):
        if task["key"] == key:
            return index
    raise DraftError("Không tìm thấy dòng nhiệm vụ này trong bản xem trước (có thể đã được gộp hoặc tách).")


def _new_key(data: dict) -> str:
    key = f"t{data.get('next_key', len(data['tasks']) + 1)}"
    data["next_key"] = int(key[1:]) + 1
    return key


def _clean_content(content: str) -> str:
    content = re.sub(r"[ \t]+", " ", (content or "").strip())
    if not content:
        raise DraftError("Nội dung nhiệm vụ không được để trống.")
    if len(content) > MAX_CONTENT:
        raise DraftError(f"Nội dung nhiệm vụ dài quá {MAX_CONTENT} ký tự.")
    return content


def due_for(period: str, due_text: str | None, year: int | None) -> dict:
    """The due of a row from its period and due text, as the importer reads them (docs/plan-import.md)."""
    text = (due_text or "").strip() or None
    if text is None:
        dates, recurrence = period_due(period, year)
        return {"text": None, "dates": [day.isoformat() for day in dates], "recurrence": recurrence}
    reading = read_due(text, year)
    if not reading.understood:
        raise DraftError(f"Không hiểu thời hạn «{text}»: hãy ghi như «Quý I/2026», «Tháng 7/2026», "
                         "«Trước ngày 30/01/2026», «Hàng tháng» hoặc «Theo quy định».")
    return {"text": text, "dates": [day.isoformat() for day in reading.dates], "recurrence": reading.recurrence}


def edit_task(data: dict, key: str, *, content: str, number: str | None, period: str, due_text: str | None,
              kind: str) -> dict:
    if period not in Period.values:
        raise DraftError(f"Kỳ «{period}» không hợp lệ.")
    if kind not in TaskKind.values:
        raise DraftError(f"Loại nhiệm vụ «{kind}» không hợp lệ.")
    task = data["tasks"][task_index(data, key)]
    number = (number or "").strip() or None
    if number and len(number) > 16:
        raise DraftError("Số thứ tự dài quá 16 ký tự.")
    task.update(content=_clean_content(content), number=number, period=period, kind=kind,
                due=due_for(period, due_text, data["document"].get("year")))
    return task


def suggest_split(content: str) -> tuple[str, str]:
    """Where a row most likely holds two tasks: before its second bullet ("- …"), else its last sentence."""
    bullets = [match.start() for match in re.finditer(r"(?:^|\s)[-–•+]\s+(?=\S)", content)]
    if len(bullets) >= 2:
        cut = bullets[1]
    else:
        sentences = [match.end() for match in re.finditer(r"[.;]\s+(?=[A-ZĐÀ-Ỹ])", content)]
        if not sentences:
            return content, ""
        cut = min(sentences, key=lambda end: abs(end - len(content) / 2))
    return content[:cut].strip(), content[cut:].strip()


def split_task(data: dict, key: str, *, first: str, second: str) -> tuple[dict, dict]:
    """The row becomes two rows with the given contents; both keep the period, due date, kind and units."""
    index = task_index(data, key)
    original = data["tasks"][index]
    first, second = _clean_content(first), _clean_content(second)
    copy = {**original, "key": _new_key(data), "number": None, "content": second, "kind": guess_kind(second),
            "due": dict(original["due"]), "lead": [dict(u) for u in original["lead"]],
            "coordinating": [dict(u) for u in original["coordinating"]]}
    original["content"] = first
    data["tasks"].insert(index + 1, copy)
    return original, copy


def merge_with_next(data: dict, key: str) -> dict:
    """The row and the one after it become one row (a task split by a page break, say)."""
    index = task_index(data, key)
    if index + 1 >= len(data["tasks"]):
        raise DraftError("Dòng cuối cùng không có dòng tiếp theo để gộp.")
    task, following = data["tasks"][index], data["tasks"].pop(index + 1)
    task["content"] = _clean_content(f"{task['content']} {following['content']}")
    task["due"] = {
        "text": "; ".join(text for text in (task["due"]["text"], following["due"]["text"]) if text) or None,
        "dates": sorted(set(task["due"]["dates"]) | set(following["due"]["dates"])),
        "recurrence": task["due"]["recurrence"] or following["due"]["recurrence"],
    }
    for role in ROLES:
        texts = {unit["text"] for unit in task[role]}
        task[role] += [dict(unit) for unit in following[role] if unit["text"] not in texts]
    return task


def choose_unit(data: dict, key: str, role: str, position: int, unit_id: int,
                registry: Iterable[tuple[int, str, str]]) -> dict:
    """Resolve one unit name of a row to a registry unit (any active unit, not only the candidates)."""
    if role not in ROLES:
        raise DraftError("Vai trò đơn vị không hợp lệ.")
    task = data["tasks"][task_index(data, key)]
    if not 0 <= position < len(task[role]):
        raise DraftError("Không tìm thấy tên đơn vị này trong dòng nhiệm vụ.")
    names = {row[0]: row[1] for row in registry}
    if unit_id not in names:
        raise DraftError("Đơn vị được chọn không có trong danh mục đơn vị đang hoạt động.")
    entry = task[role][position]
    if any(other["unit_id"] == unit_id for i, other in enumerate(task[role]) if i != position):
        raise DraftError(f"«{names[unit_id]}» đã có trong danh sách đơn vị này của nhiệm vụ.")
    entry.update(status="resolved", unit_id=unit_id, unit_name=names[unit_id], candidates=[])  # not a state: a name resolved
    return entry


def ambiguous_messages(data: dict) -> list[str]:
    """Names that still match several units: saving is refused until a unit is chosen for each."""
    messages = []
    for task in data["tasks"]:
        for role in ROLES:
            for unit in task[role]:
                if unit["status"] == "ambiguous":
                    listed = "; ".join(f"{name} (mã {unit_id})" for unit_id, name in unit["candidates"])
                    where = f"nhiệm vụ số {task['number']}" if task["number"] else "nhiệm vụ không số"
                    messages.append(f"{where} ({PERIOD_LABELS[task['period']]}): «{unit['text']}» khớp ngang nhau "
                                    f"với nhiều đơn vị: {listed}. Hãy chọn một.")
    return messages


def flagged_count(data: dict) -> int:
    return sum(1 for task in data["tasks"] for role in ROLES for unit in task[role] if unit["status"] != "resolved")
