"""Sending and reading in-app notifications.

`notify(users, *, text, url, key)` is the one entry point other apps call (reminders, movements…): it
writes one row per user in bulk and skips users who already have a notification with that key, so a
caller may run it again safely. With a `kind` (NotificationKind) it also writes, in the same transaction, one
outgoing e-mail per newly notified user who has an address and has not turned that kind off; the worker
sends them (tdkt.notifications.outbox). Without a kind there is no e-mail (the daily reminders send their
own)."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.notifications.models import MailPreference, Notification, NotificationKind, OutboxMail
from tdkt.notifications.outbox import deliver_soon

KEY_MAX_LENGTH = 200


def _user_ids(users) -> list[int]:
    ids = []
    for user in users:
        user_id = user if isinstance(user, int) else user.pk
        if user_id is not None and user_id not in ids:
            ids.append(user_id)
    return ids


def absolute(url: str) -> str:
    """The link as an e-mail carries it: a path of this site becomes SITE_URL + path."""
    if not url or "://" in url:
        return url
    return f"{settings.SITE_URL.rstrip('/')}{url}"


def notify(users: Iterable, *, text: str, url: str = "", key: str, kind: str = "", subject: str = "") -> list[int]:
    """Notify each of `users` (User objects or ids) once per `key`; returns the ids newly notified.

    Two queries whatever the number of users: the existing keys, then one bulk insert (conflicts of a
    concurrent run are ignored by the database's unique constraint); with a `kind`, two more for the
    e-mails (recipients with their choice, one bulk insert)."""
    if not key or len(key) > KEY_MAX_LENGTH:
        raise ValueError(f"key must be 1 to {KEY_MAX_LENGTH} characters")
    user_ids = _user_ids(users)
    if not user_ids:
        return []
    known = set(Notification.objects.filter(key=key, user_id__in=user_ids).values_list("user_id", flat=True))
    fresh = [user_id for user_id in user_ids if user_id not in known]
    now = timezone.now()
    Notification.objects.bulk_create(
        [Notification(user_id=user_id, text=text, url=url, key=key, created_at=now) for user_id in fresh],
        ignore_conflicts=True)
    if kind and fresh:
        queue_mail(fresh, kind=kind, subject=subject or text, body=text, url=url)
    return fresh


def queue_mail(user_ids: list[int], *, kind: str, subject: str, body: str, url: str = "") -> int:
    """Write the outgoing e-mails of one notification (the caller's transaction) and have the worker send
    them once it commits. Users without an address or who turned `kind` off get none."""
    off = set(MailPreference.objects.filter(user_id__in=user_ids, kind=kind, email=False)
              .values_list("user_id", flat=True))
    recipients = (get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
                  .exclude(pk__in=off).values_list("pk", "email"))
    link = absolute(url)
    text = body + "\n\n" + _("Open: %(link)s") % {"link": link} if link else body
    rows = OutboxMail.objects.bulk_create(
        [OutboxMail(user_id=user_id, kind=kind, to=email, subject=" ".join(subject.split())[:300], body=text,
                    link=link) for user_id, email in recipients])
    if rows:
        transaction.on_commit(deliver_soon, robust=True)
    return len(rows)


def email_choices(user) -> dict[str, bool]:
    """Kind -> whether `user` gets its e-mails (every kind; default on)."""
    chosen = dict(MailPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: chosen.get(kind, True) for kind in NotificationKind.values}


@transaction.atomic
def set_email_choices(user, enabled: set[str]) -> None:
    """Save `user`'s choice: e-mail for the kinds in `enabled`, none for the others."""
    for kind in NotificationKind.values:
        MailPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": kind in enabled})


def unread_count(user) -> int:
    """Unread notifications of `user` (one query; 0 for anonymous users): for a badge in the top bar."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(notification: Notification) -> bool:
    """Mark one notification read; False when it already was (conditional, safe under double clicks)."""
    now = timezone.now()
    changed = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
    if changed:
        notification.read_at = now
    return bool(changed)


@transaction.atomic
def mark_all_read(user) -> int:
    """Mark every unread notification of `user` read; returns how many changed."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
