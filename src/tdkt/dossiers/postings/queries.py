"""Reads of the công khai app: public lists, the specialist's lists, blockers and the council summary."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.dossiers.postings.enums import POSTABLE_LINE_STATES, PUBLIC_NOTICE_STATES, CommentState, NoticeState
from tdkt.dossiers.postings.models import PublicComment, PublicNotice


def public_notices():
    """Published and closed notices, newest first (drafts are never public)."""
    return PublicNotice.objects.filter(state__in=PUBLIC_NOTICE_STATES).order_by("-published_on", "-id")


def get_public_notice(pk) -> PublicNotice:
    notice = public_notices().filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def staff_notices():
    return PublicNotice.objects.annotate(
        line_count=Count("nominations", distinct=True),
        new_comments=Count("comments", filter=Q(comments__state=CommentState.NEW), distinct=True),
        all_comments=Count("comments", distinct=True),
    ).order_by("-id")


def get_notice_for_staff(pk) -> PublicNotice:
    notice = PublicNotice.objects.filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def comments_of(notice):
    return notice.comments.select_related("nomination__person", "nomination__unit", "nomination__household",
                                          "handled_by").order_by("state", "submitted_at", "id")


def get_comment_for_staff(pk) -> PublicComment:
    comment = PublicComment.objects.select_related("notice", "nomination__dossier", "nomination__person").filter(
        pk=pk).first()
    if comment is None:
        raise Http404
    return comment


def notices_of_dossier(dossier):
    return staff_notices().filter(nominations__dossier=dossier)


def _date(day):
    return date_format(day, "d/m/Y")


def open_blockers(dossier, today: datetime.date | None = None) -> list[str]:
    """Why the dossier cannot go to the council yet because of công khai (empty: nothing blocks): lines that
    must be posted and were not, a notice still open for comments, comments not handled."""
    today = today or timezone.localdate()
    messages = []
    unposted = list(dossier.nominations.filter(state__in=POSTABLE_LINE_STATES, award_type__requires_public_posting=True)
                    .exclude(public_notices__state__in=PUBLIC_NOTICE_STATES)
                    .select_related("person", "unit", "household").order_by("position", "id"))
    if unposted:
        messages.append(ngettext(
            "%(count)s nominee must be publicly posted before the council (NĐ152 Đ44.2): %(names)s.",
            "%(count)s nominees must be publicly posted before the council (NĐ152 Đ44.2): %(names)s.",
            len(unposted)) % {"count": len(unposted), "names": "; ".join(str(n.recipient) for n in unposted)})
    notices = PublicNotice.objects.filter(nominations__dossier=dossier).distinct().order_by("id")
    for notice in notices:
        if notice.state == NoticeState.PUBLISHED and notice.ends_on >= today:
            messages.append(_("The public notice “%(title)s” is open for comments until %(date)s.") % {
                "title": notice.title, "date": _date(notice.ends_on)})
    pending = PublicComment.objects.filter(
        Q(nomination__dossier=dossier) | Q(nomination__isnull=True, notice__in=notices),
        state=CommentState.NEW).count()
    if pending:
        messages.append(ngettext("%(count)s public comment has not been handled.",
                                 "%(count)s public comments have not been handled.", pending) % {"count": pending})
    return messages


@dataclass
class HandledComment:
    text: str
    state: str
    reason: str
    submitted_on: datetime.date
    handled_on: datetime.date | None
    # The papers report each comment and its handling to the council (NĐ152 Đ44.2): the name the sender
    # gave, never their contact; and the notice it was sent on, to group comments about a whole list.
    author: str = ""
    pk: int | None = None
    notice_id: int | None = None
    notice_title: str = ""

    @property
    def state_label(self) -> str:
        return str(CommentState(self.state).label)


@dataclass
class CommentSummary:
    """What the council papers say about the public posting of one nominee (of a commenter, only the name
    they gave: never their contact or address)."""

    notices: list = field(default_factory=list)  # [(title, published_on, ends_on, state)]
    total: int = 0  # comments naming this nominee
    new: int = 0
    dismissed: int = 0
    led_to_hold: int = 0
    comments: list = field(default_factory=list)  # HandledComment naming this nominee
    # Comments on its notices that name no nominee (one list shared by all the lines of a notice).
    general_comments: list = field(default_factory=list)

    @property
    def general(self) -> int:
        return len(self.general_comments)

    @property
    def posted(self) -> bool:
        return any(state in PUBLIC_NOTICE_STATES for _t, _p, _e, state in self.notices)


def comment_summary(nominations) -> dict[int, CommentSummary]:
    """Nomination id -> posting and comment summary (three queries, whatever the number of lines)."""
    ids = [getattr(n, "pk", n) for n in nominations]
    result = {pk: CommentSummary() for pk in ids}
    if not ids:
        return result
    links = list(PublicNotice.nominations.through.objects.filter(nomination_id__in=ids).values_list(
        "publicnotice_id", "nomination_id"))
    notices = PublicNotice.objects.filter(pk__in={n for n, _l in links}).in_bulk()
    notices_of_line: dict[int, list[int]] = {}
    for notice_id, nomination_id in sorted(links):
        notice = notices[notice_id]
        result[nomination_id].notices.append((notice.title, notice.published_on, notice.ends_on, notice.state))
        notices_of_line.setdefault(nomination_id, []).append(notice_id)
    general: dict[int, list[HandledComment]] = {notice_id: [] for notice_id in notices}
    comments = PublicComment.objects.filter(Q(nomination_id__in=ids) | Q(nomination__isnull=True,
                                                                          notice_id__in=notices.keys())).order_by(
        "submitted_at", "id")
    for comment in comments:
        item = HandledComment(text=comment.text, state=comment.state, reason=comment.handling_reason,
                              submitted_on=timezone.localtime(comment.submitted_at).date(),
                              handled_on=comment.handled_on, author=comment.name, pk=comment.pk,
                              notice_id=comment.notice_id, notice_title=getattr(notices.get(comment.notice_id), "title", ""))
        if comment.nomination_id is None:
            general[comment.notice_id].append(item)
            continue
        summary = result[comment.nomination_id]
        summary.total += 1
        summary.new += comment.state == CommentState.NEW
        summary.dismissed += comment.state == CommentState.DISMISSED
        summary.led_to_hold += comment.state == CommentState.LED_TO_HOLD
        summary.comments.append(item)
    for nomination_id, notice_ids in notices_of_line.items():
        if len(notice_ids) == 1:
            result[nomination_id].general_comments = general[notice_ids[0]]
        else:
            result[nomination_id].general_comments = [item for pk in notice_ids for item in general[pk]]
    return result
