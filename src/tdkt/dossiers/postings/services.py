"""Công khai: publishing nominees for the public's comments (NĐ152 Đ44.2), and handling the comments.

A notice's transitions are declared in tdkt.dossiers.postings.transitions (NOTICE_MACHINE); the functions
here are their domain functions: each checks its own rules, then NOTICE_MACHINE.perform (conditional update,
history row, audit row in one transaction). Lines and dossiers change state only through tdkt.dossiers.state."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers.enums import DossierState, EventKind
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.postings.enums import POSTABLE_LINE_STATES, CommentState, NoticeState
from tdkt.dossiers.postings.models import PostingPolicy, PublicComment, PublicNotice
from tdkt.dossiers.postings.transitions import NOTICE_MACHINE
from tdkt.dossiers.state import actor_user, log_event
from tdkt.dossiers.transitions import DOSSIER, NOMINATION
from tdkt.notifications.services import notify
from tdkt.workcalendar.calendar import add_working_days

# A dossier may be posted from appraisal (no consultation needed) or after consultation; a second notice
# (lines added later) may be published while the first runs.
POSTABLE_DOSSIER_STATES = frozenset({DossierState.IN_APPRAISAL, DossierState.CONSULTATION,
                                     DossierState.PUBLIC_POSTING})
COMMAND_ACTOR = "close_public_notices"


class CommentRefused(ValidationError):
    """The notice does not take comments (draft, closed, or its period is over)."""


class CommentFlood(ValidationError):
    """Too many comments from one address, or on one notice, within the hour."""


def _date(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


def ip_hash(ip: str | None) -> str:
    """A keyed hash of the sender's address: comparable for rate limits, never the address itself."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"public-comment:{ip or 'unknown'}".encode(), hashlib.sha256).hexdigest()


def lines_to_post(dossier_or_nominations) -> list[Nomination]:
    """The lines that go on a notice: live lines whose award type requires public posting (others skip it)."""
    if isinstance(dossier_or_nominations, Dossier):
        queryset = dossier_or_nominations.nominations.all()
    else:
        queryset = Nomination.objects.filter(pk__in=[n.pk for n in dossier_or_nominations])
    return list(queryset.filter(state__in=POSTABLE_LINE_STATES, award_type__requires_public_posting=True)
                .select_related("dossier", "person", "unit", "household", "award_type").order_by(
                    "dossier_id", "position", "id"))


def posting_period(lines) -> int:
    """Working days a notice stays open: the longest its lines' awards require (the award's own period, else
    the province's setting, NĐ152 Đ44.2: 10), so no nominee is posted for less than its award requires."""
    default = PostingPolicy.current().posting_working_days
    return max((line.award_type.posting_working_days or default for line in lines), default=default)


def _dossiers_of(lines) -> list[Dossier]:
    seen: dict[int, Dossier] = {}
    for line in lines:
        seen.setdefault(line.dossier_id, line.dossier)
    return list(seen.values())


@transaction.atomic
def draft_notice(dossier_or_nominations, *, by, title: str = "", introduction: str = "") -> PublicNotice:
    """A draft notice with the lines that must be posted (refused when there is none)."""
    lines = lines_to_post(dossier_or_nominations)
    if not lines:
        raise ValidationError({"nominations": [_("None of these lines needs public posting: their awards do not "
                                                 "require it, or the lines are no longer proposed or accepted.")]})
    dossiers = _dossiers_of(lines)
    wrong = [d for d in dossiers if d.state not in POSTABLE_DOSSIER_STATES]
    if wrong:
        raise ValidationError(_("A notice can be published only for a dossier in appraisal or consultation; "
                                "“%(title)s” is “%(state)s”.") % {
            "title": wrong[0].title, "state": DossierState(wrong[0].state).label})
    running = list(Nomination.objects.filter(pk__in=[n.pk for n in lines],
                                             public_notices__state=NoticeState.PUBLISHED).distinct())
    if running:
        raise ValidationError({"nominations": [_("Already on a published notice: %(names)s.") % {
            "names": "; ".join(str(n.recipient) for n in running)}]})
    if not title.strip():
        title = (_("Public list of nominees: %(title)s") % {"title": dossiers[0].title}
                 if len(dossiers) == 1 else _("Public list of nominees of %(count)s dossiers") % {
                     "count": len(dossiers)})
    notice = PublicNotice.objects.create(title=title.strip()[:500], introduction=introduction.strip(),
                                         created_by=actor_user(by))
    notice.nominations.set(lines)
    record(by, AuditAction.CREATE, notice, changes={"nominations": [n.pk for n in lines]})
    return notice


@transaction.atomic
def publish_notice(dossier_or_nominations, *, by, title: str = "", introduction: str = "",
                   published_on: datetime.date | None = None) -> PublicNotice:
    """Publish a draft notice, or draft and publish one for a dossier or chosen lines; the dossiers move to
    public posting. Comments are taken until N working days after publication (NĐ152 Đ44.2)."""
    if isinstance(dossier_or_nominations, PublicNotice):
        notice = dossier_or_nominations
    else:
        notice = draft_notice(dossier_or_nominations, by=by, title=title, introduction=introduction)
    published_on = published_on or timezone.localdate()
    ends_on = add_working_days(published_on, posting_period(notice.nominations.select_related("award_type")))
    if notice.state != NoticeState.DRAFT:
        raise ValidationError(_("This notice has already been published."))
    NOTICE_MACHINE.perform(notice, "publish", by=by, published_on=published_on, ends_on=ends_on,
                           published_by=actor_user(by))
    notice.refresh_from_db()
    lines = list(notice.nominations.select_related("dossier"))
    reason = _("Public notice “%(title)s” published: comments until %(date)s.") % {
        "title": notice.title, "date": _date(ends_on)}
    for dossier in _dossiers_of(lines):
        if dossier.state == DossierState.PUBLIC_POSTING:
            log_event(dossier, by=by, reason=reason)
        else:
            DOSSIER.perform(dossier, "start_posting", by=by, reason=reason, step_due_on=ends_on)
    return notice


@NOTICE_MACHINE.implements("publish")
def _publish_draft(notice: PublicNotice, *, by, reason: str = "") -> PublicNotice:
    return publish_notice(notice, by=by)


def _log_on_dossiers(notice, *, by, reason):
    for dossier_id in notice.nominations.values_list("dossier_id", flat=True).distinct().order_by("dossier_id"):
        log_event(Dossier(pk=dossier_id), by=by, reason=reason)


@transaction.atomic
def close_notice(notice: PublicNotice, *, by, today: datetime.date | None = None) -> PublicNotice:
    """End the comment period once its last day has passed; closing a closed notice changes nothing."""
    today = today or timezone.localdate()
    if notice.state == NoticeState.CLOSED:
        return notice
    if notice.state != NoticeState.PUBLISHED:
        raise ValidationError(_("A draft notice cannot be closed."))
    if today <= notice.ends_on:
        raise ValidationError(_("Comments are open until %(date)s; the notice can be closed after that day.") % {
            "date": _date(notice.ends_on)})
    name = "close" if getattr(by, "is_authenticated", False) else "close_ended"
    try:
        NOTICE_MACHINE.perform(notice, name, by=by, closed_on=today)
    except ValidationError:  # someone else closed it meanwhile: closing a closed notice changes nothing
        if PublicNotice.objects.filter(pk=notice.pk, state=NoticeState.CLOSED).exists():
            notice.refresh_from_db()
            return notice
        raise
    _log_on_dossiers(notice, by=by, reason=_("Public notice “%(title)s” closed.") % {"title": notice.title})
    return notice


@NOTICE_MACHINE.implements("close")
def _close(notice: PublicNotice, *, by, reason: str = "") -> PublicNotice:
    return close_notice(notice, by=by)


def close_ended_notices(today: datetime.date | None = None, *, by=COMMAND_ACTOR) -> int:
    """Close every published notice whose period is over (idempotent: run daily)."""
    today = today or timezone.localdate()
    closed = 0
    for notice in PublicNotice.objects.filter(state=NoticeState.PUBLISHED, ends_on__lt=today):
        close_notice(notice, by=by, today=today)
        closed += 1
    return closed


def accepts_comments(notice: PublicNotice, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return notice.state == NoticeState.PUBLISHED and notice.published_on <= today <= notice.ends_on


def submit_comment(notice: PublicNotice, *, name: str, contact: str, text: str, nomination=None,
                   ip: str | None) -> PublicComment:
    """A comment from the public; refused when the notice is not open, on missing fields, and on floods."""
    if not accepts_comments(notice):
        raise CommentRefused(_("The time for comments is over.") if notice.state != NoticeState.DRAFT
                             else _("This notice has not been published."))
    name, contact, text = (name or "").strip(), (contact or "").strip(), (text or "").strip()
    errors = {}
    if not name:
        errors["name"] = [_("Give your full name.")]
    if not contact:
        errors["contact"] = [_("Give an address, a phone number or an e-mail so that we can answer you.")]
    if not text:
        errors["text"] = [_("Write your comment.")]
    nomination_id = getattr(nomination, "pk", nomination)
    if nomination_id is not None and not notice.nominations.filter(pk=nomination_id).exists():
        errors["nomination"] = [_("Choose a nominee listed on this notice.")]
    if errors:
        raise ValidationError(errors)
    policy = PostingPolicy.current()
    hashed = ip_hash(ip)
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    if PublicComment.objects.filter(ip_hash=hashed, submitted_at__gte=hour_ago).count() >= (
            policy.comments_per_hour_per_ip):
        raise CommentFlood(_("You have sent too many comments within an hour. Please try again later."))
    if PublicComment.objects.filter(notice=notice, submitted_at__gte=hour_ago).count() >= (
            policy.comments_per_hour_per_notice):
        raise CommentFlood(_("This notice is receiving too many comments right now. Please try again in an hour."))
    # No audit row: the audit log keeps the raw address of the request, which public comments must not leave.
    comment = PublicComment.objects.create(notice=notice, nomination_id=nomination_id, name=name[:200],
                                           contact=contact[:255], text=text[:5000], ip_hash=hashed)
    followers = set(notice.nominations.exclude(dossier__assignee__isnull=True).values_list(
        "dossier__assignee_id", flat=True)) | ({notice.published_by_id} if notice.published_by_id else set())
    notify(sorted(followers), key=f"public-comment:{comment.pk}",
           url=reverse("postings:handle", kwargs={"pk": comment.pk}),
           text=_("New public comment on “%(title)s”, to be handled.") % {"title": notice.title})
    return comment


@transaction.atomic
def handle_comment(comment: PublicComment, *, by, outcome: str, reason: str, nomination=None) -> PublicComment:
    """Dismiss a comment with a reason, or let it put the nominee on hold (the comment's nominee, or the one
    the specialist names for a comment about the whole notice)."""
    reason = (reason or "").strip()
    errors = {}
    if comment.state != CommentState.NEW:
        raise ValidationError(_("This comment has already been handled."))
    if outcome not in (CommentState.DISMISSED, CommentState.LED_TO_HOLD):
        errors["outcome"] = [_("Choose how the comment is handled.")]
    if not reason:
        errors["reason"] = [_("Give the reason; the council will read it.")]
    line = comment.nomination if comment.nomination_id else None
    if outcome == CommentState.LED_TO_HOLD and line is None:
        nomination_id = getattr(nomination, "pk", nomination)
        line = comment.notice.nominations.filter(pk=nomination_id).first() if nomination_id else None
        if line is None:
            errors["nomination"] = [_("Choose the nominee to put on hold.")]
    if errors:
        raise ValidationError(errors)
    fields = {"state": outcome, "handling_reason": reason, "handled_by": actor_user(by),
              "handled_on": timezone.localdate()}
    if outcome == CommentState.LED_TO_HOLD:
        fields["nomination"] = line
    if not PublicComment.objects.filter(pk=comment.pk, state=CommentState.NEW).update(**fields):
        raise ValidationError(_("Someone else has just handled this comment. Reload the page."))
    for name, value in fields.items():
        setattr(comment, name, value)
    record(by, AuditAction.UPDATE, comment, changes={"state": [CommentState.NEW, outcome], "reason": reason})
    if outcome == CommentState.DISMISSED:
        note = _("Public comment dismissed: %(reason)s") % {"reason": reason}
        if line is not None:
            log_event(line.dossier, by=by, nomination=line, reason=note)
        else:
            _log_on_dossiers(comment.notice, by=by, reason=note)
        return comment
    hold_reason = _("Public comment: %(reason)s") % {"reason": reason}
    if line.state in POSTABLE_LINE_STATES:
        NOMINATION.perform(line, "hold_on_objection", by=by, reason=hold_reason, decision_reason=hold_reason)
    else:
        log_event(line.dossier, by=by, kind=EventKind.NOTE, nomination=line, reason=hold_reason)
    return comment

