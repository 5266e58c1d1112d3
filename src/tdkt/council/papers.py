"""Papers for the members (tài liệu phiên họp): the consolidated list of the agenda, grouped by award,
with the eligibility findings frozen at appraisal, the consultation answers and the public comments.

Consultations and postings belong to another app (tdkt.dossiers.consultations / .postings): their
summary functions are imported when called and, if not there yet, the papers say so instead of failing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tdkt.council.models import AgendaItem, AgendaWithdrawal
from tdkt.dossiers.consultations.queries import answers_for
from tdkt.dossiers.line_decisions import VERDICT_LABELS
from tdkt.dossiers.postings.queries import comment_summary


@dataclass
class PaperLine:
    item: AgendaItem
    number: int
    recipient: str
    position_and_unit: str
    verdict: str
    findings: list[str]
    answers: list[str]
    comments: list[str]


@dataclass
class PaperGroup:
    award_name: str
    lines: list[PaperLine] = field(default_factory=list)


@dataclass
class GeneralComment:
    author: str
    submitted_on: object  # date
    text: str
    handling: str  # how it was handled, in the active language


@dataclass
class NoticeComments:
    """The comments on one public notice that name no nominee: about the whole list."""

    title: str
    comments: list[GeneralComment] = field(default_factory=list)  # in the order they were sent


@dataclass
class Papers:
    groups: list[PaperGroup]
    # NĐ152 Đ44.2: the public's feedback and its handling are reported to the council in writing.
    general_comments: list[NoticeComments] = field(default_factory=list)
    posted: bool = False  # some line of the agenda was publicly posted

    @property
    def count(self) -> int:
        return sum(len(group.lines) for group in self.groups)


def _as_texts(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [f"{key}: {text}" for key, text in value.items()]
    try:
        return [str(entry) for entry in value]
    except TypeError:
        return [str(value)]


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def answer_texts(answers) -> list[str]:
    """One line per consulted agency: "Công an tỉnh: Có ý kiến — <reason or opinion>" (duck-typed on
    consultations' ConsultationAnswer; anything else is shown as text)."""
    texts = []
    for answer in answers or []:
        if not hasattr(answer, "agency"):
            texts.extend(_as_texts(answer))
            continue
        label = getattr(answer, "answer_label", "") or getattr(answer, "state_label", "")
        line = f"{answer.agency}: {label}" if label else str(answer.agency)
        if getattr(answer, "objects_to_line", False):
            line += " — " + _("objects to this nominee")
        if getattr(answer, "text", ""):
            line += f" — {answer.text}"
        texts.append(line)
    return texts


def comment_texts(summary) -> list[str]:
    """The public posting of a nominee and the comments received (postings' CommentSummary), or text."""
    if summary is None:
        return []
    if not hasattr(summary, "notices"):
        return _as_texts(summary)
    texts = [_("Posted: %(title)s (%(start)s – %(end)s)") % {"title": title, "start": _day(start), "end": _day(end)}
             for title, start, end, _state in summary.notices]
    if summary.notices or summary.total or summary.general:
        texts.append(_("Comments: %(total)d on this nominee (%(new)d not handled, %(dismissed)d dismissed, "
                       "%(held)d led to a hold), %(general)d general") % {
            "total": summary.total, "new": summary.new, "dismissed": summary.dismissed,
            "held": summary.led_to_hold, "general": summary.general})
    for comment in getattr(summary, "comments", []):
        reason = f": {comment.reason}" if getattr(comment, "reason", "") else ""
        texts.append(f"– {comment.text} ({getattr(comment, 'state_label', '')}{reason})")
    return texts


def general_comment_groups(summaries: dict) -> list[NoticeComments]:
    """The general comments of every notice of the agenda's lines, once each (a notice's comments are
    shared by all its lines), grouped by notice in the order met."""
    groups: dict[object, NoticeComments] = {}
    seen = set()
    for summary in summaries.values():
        for comment in getattr(summary, "general_comments", None) or []:
            key = (getattr(comment, "notice_id", None), getattr(comment, "pk", None) or id(comment))
            if key in seen:
                continue
            seen.add(key)
            notice_key = getattr(comment, "notice_id", None)
            groups.setdefault(notice_key, NoticeComments(getattr(comment, "notice_title", ""))).comments.append(
                GeneralComment(getattr(comment, "author", ""), getattr(comment, "submitted_on", None),
                               getattr(comment, "text", str(comment)), handling_text(comment)))
    return list(groups.values())


def handling_text(comment) -> str:
    """"Dismissed with reason, 10/11/2026: <reason>" or "Not handled yet" (in the active language)."""
    label = str(getattr(comment, "state_label", ""))
    if getattr(comment, "handled_on", None):
        label = f"{label}, {_day(comment.handled_on)}"
    reason = getattr(comment, "reason", "")
    return f"{label}: {reason}" if reason else label


def verdict_texts(snapshot) -> tuple[str, list[str]]:
    """(verdict label, messages of the findings that did not pass) of an eligibility snapshot."""
    if not snapshot:
        return _("Not checked"), []
    verdict = str(VERDICT_LABELS.get(snapshot.get("verdict"), snapshot.get("verdict") or "—"))
    findings = [f.get("message", "") for f in snapshot.get("findings", []) if not f.get("passed")]
    return verdict, [text for text in findings if text]


def agenda_items(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).select_related(
        "award_type", "nomination__person", "nomination__unit", "nomination__household", "nomination__dossier__unit",
    ).order_by("position", "id"))


def withdrawals_of(meeting) -> list[AgendaWithdrawal]:
    """The lines taken off the meeting's agenda, with their reasons, in the order they were withdrawn."""
    return list(AgendaWithdrawal.objects.filter(meeting=meeting).select_related(
        "award_type", "by", "nomination__person", "nomination__unit", "nomination__household",
        "nomination__dossier__unit"))


def build_papers(meeting, items=None) -> Papers:
    items = agenda_items(meeting) if items is None else items
    nominations = [item.nomination for item in items]
    answers = answers_for(nominations) if nominations else {}
    comments = comment_summary(nominations) if nominations else {}
    groups: dict[int, PaperGroup] = {}
    for item in items:
        group = groups.setdefault(item.award_type_id, PaperGroup(item.award_type.name))
        nomination = item.nomination
        verdict, findings = verdict_texts(nomination.verdict_at_appraisal)
        group.lines.append(PaperLine(
            item=item, number=len(group.lines) + 1, recipient=str(nomination.recipient),
            position_and_unit=nomination.position_and_unit or nomination.dossier.unit.name,
            verdict=verdict, findings=findings,
            answers=answer_texts(answers.get(nomination.pk) if hasattr(answers, "get") else None),
            comments=comment_texts(comments.get(nomination.pk) if hasattr(comments, "get") else None)))
    summaries = comments if hasattr(comments, "values") else {}
    return Papers(list(groups.values()), general_comment_groups(summaries),
                  any(getattr(summary, "notices", None) for summary in summaries.values()))


def grouped_by_award(items) -> list[dict]:
    """Agenda items (already in agenda order) as [{"award": AwardType, "items": [...]}, …]."""
    groups, current = [], None
    for item in items:
        if current is None or current["award"].pk != item.award_type_id:
            current = {"award": item.award_type, "items": []}
            groups.append(current)
        current["items"].append(item)
    return groups
