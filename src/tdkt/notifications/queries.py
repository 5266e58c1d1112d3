"""A user's own notifications: another user's notification is a 404."""

from django.http import Http404

from tdkt.notifications.models import Notification


def notifications_for_user(user, *, unread_only=False):
    queryset = Notification.objects.filter(user=user)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset


def get_notification_for_user(user, pk) -> Notification:
    notification = Notification.objects.filter(pk=pk, user=user).first()
    if notification is None:
        raise Http404
    return notification
