"""The minutes' section on public posting (NĐ152 Đ44.2: the public's feedback and its handling are reported
in writing to the council and recorded in the biên bản): for each published notice of the agenda's lines,
its period, the number of comments and each comment (sender's name — never the contact —, date, text,
handling), comments about one nominee grouped under that nominee.

The section is plain data (`as_data`/`from_data`): while the minutes are open it is read from the postings
tables; `lock_minutes` stores it on the meeting, so a comment handled after locking does not change locked
minutes. Texts are rendered in the active language (the .docx is built under Vietnamese)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.council.papers import agenda_items
from tdkt.dossiers.postings.enums import PUBLIC_NOTICE_STATES, CommentState
from tdkt.dossiers.postings.models import PublicComment, PublicNotice


@dataclass
class FeedbackComment:
    author: str
    submitted_on: datetime.date
    text: str
    state: str  # CommentState value
    handled_on: datetime.date | None = None
    reason: str = ""

    @property
    def handling(self) -> str:
        """"Dismissed with reason, 10/11/2026: <reason>" or "Not handled yet", in the active language."""
        try:
            label = str(CommentState(self.state).label)
        except ValueError:
            label = self.state
        if self.handled_on:
            label = f"{label}, {_day(self.handled_on)}"
        return f"{label}: {self.reason}" if self.reason else label


@dataclass
class NomineeComments:
    recipient: str
    award: str
    comments: list[FeedbackComment] = field(default_factory=list)


@dataclass
class NoticeFeedback:
    title: str
    published_on: datetime.date | None
    ends_on: datetime.date | None
    general: list[FeedbackComment] = field(default_factory=list)  # about the whole list
    nominees: list[NomineeComments] = field(default_factory=list)  # in agenda order

    @property
    def count(self) -> int:
        return len(self.general) + sum(len(group.comments) for group in self.nominees)

    @property
    def period(self) -> str:
        return f"{_day(self.published_on)} – {_day(self.ends_on)}"


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def build_feedback(items) -> list[NoticeFeedback] | None:
    """The section for agenda items (award_type and nomination's recipient loaded, in agenda order); None when
    no line's award requires public posting (the minutes then say nothing about it). Three queries at most,
    whatever the number of notices and comments."""
    if not any(item.award_type.requires_public_posting for item in items):
        return None
    lines = {item.nomination_id: item for item in items}
    links = list(PublicNotice.nominations.through.objects.filter(
        nomination_id__in=lines, publicnotice__state__in=PUBLIC_NOTICE_STATES).values_list(
        "publicnotice_id", "nomination_id"))
    notices = {n.pk: NoticeFeedback(n.title, n.published_on, n.ends_on) for n in PublicNotice.objects.filter(
        pk__in={pk for pk, _line in links}).order_by("published_on", "id").only("title", "published_on", "ends_on")}
    if not notices:
        return []
    groups: dict[tuple[int, int], NomineeComments] = {}
    comments = (PublicComment.objects.filter(notice_id__in=notices)
                .filter(Q(nomination__isnull=True) | Q(nomination_id__in=lines))
                .order_by("submitted_at", "id")
                # never the sender's contact: it is not even read
                .only("notice_id", "nomination_id", "name", "text", "submitted_at", "state", "handling_reason",
                      "handled_on"))
    for comment in comments:
        entry = FeedbackComment(comment.name, timezone.localtime(comment.submitted_at).date(), comment.text,
                                comment.state, comment.handled_on, comment.handling_reason)
        if comment.nomination_id is None:
            notices[comment.notice_id].general.append(entry)
            continue
        item = lines[comment.nomination_id]
        groups.setdefault((comment.notice_id, comment.nomination_id), NomineeComments(
            str(item.nomination.recipient), item.award_type.name)).comments.append(entry)
    position = {pk: index for index, pk in enumerate(lines)}
    for (notice_id, _line), group in sorted(groups.items(), key=lambda kv: position[kv[0][1]]):
        notices[notice_id].nominees.append(group)
    return list(notices.values())


def as_data(feedback: list[NoticeFeedback] | None):
    """JSON-ready form, stored on the meeting when the minutes are locked."""
    if feedback is None:
        return None

    def comment(c: FeedbackComment) -> dict:
        return {"author": c.author, "submitted_on": c.submitted_on.isoformat(), "text": c.text, "state": c.state,
                "handled_on": c.handled_on.isoformat() if c.handled_on else None, "reason": c.reason}

    return [{"title": n.title, "published_on": n.published_on.isoformat() if n.published_on else None,
             "ends_on": n.ends_on.isoformat() if n.ends_on else None,
             "general": [comment(c) for c in n.general],
             "nominees": [{"recipient": g.recipient, "award": g.award, "comments": [comment(c) for c in g.comments]}
                          for g in n.nominees]} for n in feedback]


def from_data(data) -> list[NoticeFeedback] | None:
    if data is None:
        return None

    def day(value):
        return datetime.date.fromisoformat(value) if value else None

    def comment(c: dict) -> FeedbackComment:
        return FeedbackComment(c["author"], day(c["submitted_on"]), c["text"], c["state"], day(c["handled_on"]),
                               c["reason"])

    return [NoticeFeedback(n["title"], day(n["published_on"]), day(n["ends_on"]),
                           [comment(c) for c in n["general"]],
                           [NomineeComments(g["recipient"], g["award"], [comment(c) for c in g["comments"]])
                            for g in n["nominees"]]) for n in data]


def feedback_for(meeting, items=None) -> list[NoticeFeedback] | None:
    """The frozen section of locked minutes, else the current one."""
    if meeting.minutes_public_feedback is not None:  # {"notices": …} frozen when the minutes were locked
        return from_data(meeting.minutes_public_feedback["notices"])
    if items is None:
        items = agenda_items(meeting)
    return build_feedback(items)


def feedback_paragraphs(feedback: list[NoticeFeedback] | None) -> list[tuple[str, str]]:
    """(style, text) paragraphs of the section, in the active language; style: "heading", "notice",
    "group", "comment", "handling", "none". Empty when no posting was required."""
    if feedback is None:
        return []
    rows = [("heading", _("Public posting results and the public's comments"))]
    if not feedback:
        rows.append(("none", _("No public notice was published for the nominees on the agenda.")))
    for number, notice in enumerate(feedback, start=1):
        rows.append(("notice", _("%(number)d. %(title)s, posted %(period)s: %(count)d comment(s).") % {
            "number": number, "title": notice.title, "period": notice.period, "count": notice.count}))
        if not notice.count:
            rows.append(("none", _("No comments.")))
            continue
        sections = []
        if notice.general:
            sections.append((_("About the whole list:"), notice.general))
        for group in notice.nominees:
            sections.append((_("About %(recipient)s (%(award)s):") % {"recipient": group.recipient,
                                                                      "award": group.award}, group.comments))
        for title, comments in sections:
            rows.append(("group", title))
            for index, comment in enumerate(comments, start=1):
                rows.append(("comment", f"{index}. {comment.author}, {_day(comment.submitted_on)}: {comment.text}"))
                rows.append(("handling", _("Handling: %(handling)s") % {"handling": comment.handling}))
    return rows
