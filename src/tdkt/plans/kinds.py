"""Special task kinds and the data each carries (PlanTask.kind_data), validated per kind.

A council meeting (date, council, agenda, minutes), an inspection (units inspected, date, findings,
recommendations, follow-up), a training class (date, audience, participants, materials), a report
(which report, due), a commendation round (round, decision). Every field is optional: the plan rarely
says more than the task's content; the details are filled in as the year goes on.

`guess_kind(content)` proposes a kind for an imported row from its wording ("Họp Hội đồng TĐKT tỉnh",
"kiểm tra công tác TĐKT", "tập huấn nghiệp vụ", "Báo cáo tổng kết", "Khen thưởng …"); the specialist can
change it in the preview.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.lib.vntext import fold
from tdkt.plans.enums import TaskKind


@dataclass(frozen=True)
class KindField:
    name: str
    type: str  # "date", "text", "int", "units" (list of unit ids), "council" (a council id)
    label: str


KIND_FIELDS: dict[str, tuple[KindField, ...]] = {
    TaskKind.ORDINARY: (),
    TaskKind.COUNCIL_MEETING: (
        KindField("meeting_date", "date", gettext_lazy("Meeting date")),
        KindField("council_id", "council", gettext_lazy("Council")),
        KindField("agenda", "text", gettext_lazy("Agenda")),
        KindField("minutes", "text", gettext_lazy("Minutes and conclusions")),
    ),
    TaskKind.INSPECTION: (
        KindField("target_unit_ids", "units", gettext_lazy("Units inspected")),
        KindField("date", "date", gettext_lazy("Inspection date")),
        KindField("findings", "text", gettext_lazy("Findings")),
        KindField("recommendations", "text", gettext_lazy("Recommendations")),
        KindField("follow_up", "text", gettext_lazy("Follow-up")),
    ),
    TaskKind.TRAINING: (
        KindField("date", "date", gettext_lazy("Class date")),
        KindField("audience", "text", gettext_lazy("Audience")),
        KindField("participants", "int", gettext_lazy("Participants")),
        KindField("materials", "text", gettext_lazy("Materials")),
    ),
    TaskKind.REPORT: (
        KindField("report_name", "text", gettext_lazy("Which report")),
        KindField("due", "date", gettext_lazy("Report due")),
    ),
    TaskKind.COMMENDATION_ROUND: (
        KindField("round_name", "text", gettext_lazy("Commendation round")),
        KindField("decision", "text", gettext_lazy("Decision (number, date)")),
    ),
}

MAX_TEXT = 5000
MAX_PARTICIPANTS = 100_000

_GUESSES = (
    (TaskKind.COUNCIL_MEETING, re.compile(r"\bhop hoi dong\b|\bphien hop\b.*\bhoi dong\b")),
    (TaskKind.TRAINING, re.compile(r"\btap huan\b|\bboi duong nghiep vu\b|\blop boi duong\b")),
    (TaskKind.INSPECTION, re.compile(r"\bkiem tra\b")),
    (TaskKind.REPORT, re.compile(r"^bao cao\b|\bban hanh bao cao\b|\bbao cao (?:so ket|tong ket)\b")),
    (TaskKind.COMMENDATION_ROUND, re.compile(r"\bkhen thuong\b.*\b(?:xet|quyet dinh|de nghi|trinh)\b|"
                                             r"\b(?:xet|trinh|de nghi)\b.*\bkhen thuong\b|^khen thuong\b")),
)


def guess_kind(content: str) -> str:
    """The kind named first in the content ("Kiểm tra … - Tập huấn …" is an inspection); ordinary if none."""
    folded = fold(content or "").strip()
    found = [(match.start(), rank, kind) for rank, (kind, pattern) in enumerate(_GUESSES)
             if (match := pattern.search(folded))]
    return min(found)[2] if found else TaskKind.ORDINARY


def _clean_value(field: KindField, value):
    """The JSON value of one field, or raise ValueError with the reason."""
    if value in (None, "", []):
        return None
    if field.type == "date":
        if isinstance(value, datetime.date):
            return value.isoformat()
        return datetime.date.fromisoformat(str(value)).isoformat()
    if field.type == "text":
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            raise ValueError(_("at most %(n)s characters") % {"n": MAX_TEXT})
        return text
    if field.type == "int":
        number = int(value)
        if number < 0 or number > MAX_PARTICIPANTS:
            raise ValueError(_("a number from 0 to %(n)s") % {"n": MAX_PARTICIPANTS})
        return number
    if field.type == "council":
        return int(value)
    if field.type == "units":
        ids = sorted({int(item) for item in value})
        return ids or None
    raise ValueError(field.type)


def validate_kind_data(kind: str, data: dict) -> dict:
    """The cleaned kind data (dates as ISO text, empty fields dropped); ValidationError naming each bad field."""
    if kind not in KIND_FIELDS:
        raise ValidationError({"kind": _("Unknown task kind “%(kind)s”.") % {"kind": kind}})
    fields = {field.name: field for field in KIND_FIELDS[kind]}
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        errors["kind_data"] = [_("These details do not belong to the kind “%(kind)s”: %(fields)s.") % {
            "kind": TaskKind(kind).label, "fields": ", ".join(unknown)}]
    cleaned = {}
    for name, field in fields.items():
        try:
            value = _clean_value(field, data.get(name))
        except (TypeError, ValueError) as error:
            errors[name] = [_("%(field)s: not a valid value (%(reason)s).") % {
                "field": field.label, "reason": str(error) or field.type}]
            continue
        if value is not None:
            cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def describe_kind_data(kind: str, data: dict, *, unit_names=None, council_names=None) -> list[tuple[str, str]]:
    """(label, text) pairs for display, in the kind's field order; dates as dd/mm/yyyy."""
    rows = []
    for field in KIND_FIELDS.get(kind, ()):
        value = data.get(field.name)
        if value in (None, "", []):
            continue
        if field.type == "date":
            text = datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        elif field.type == "units":
            text = "; ".join((unit_names or {}).get(unit_id, f"#{unit_id}") for unit_id in value)
        elif field.type == "council":
            text = (council_names or {}).get(value, f"#{value}")
        else:
            text = str(value)
        rows.append((str(field.label), text))
    return rows
