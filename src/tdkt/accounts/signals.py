"""Audit of sign-in and sign-out, hooked on Django's auth signals (an extension, not workflow)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    record(user, AuditAction.LOGIN, user)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record(user, AuditAction.LOGOUT, user)
