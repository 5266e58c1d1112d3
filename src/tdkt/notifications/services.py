"""Sending and reading in-app notifications.

`notify(users, *, text, url, key)` is the one entry point other apps call (reminders, movements…): it
writes one row per user in bulk and skips users who already have a notification with that key, so a
caller may run it again safely. E-mail is the caller's business (see tdkt.dossiers.reminders)."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from tdkt.notifications.models import Notification

KEY_MAX_LENGTH = 200


def _user_ids(users) -> list[int]:
    ids = []
    for user in users:
        user_id = user if isinstance(user, int) else user.pk
        if user_id is not None and user_id not in ids:
            ids.append(user_id)
    return ids


def notify(users: Iterable, *, text: str, url: str = "", key: str) -> list[int]:
    """Notify each of `users` (User objects or ids) once per `key`; returns the ids newly notified.

    Two queries whatever the number of users: the existing keys, then one bulk insert (conflicts of a
    concurrent run are ignored by the database's unique constraint)."""
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
    return fresh


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
