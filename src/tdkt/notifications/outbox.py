"""Sending the outgoing e-mails (OutboxMail) the transitions wrote: in the worker, never in a request.

A task is enqueued when the transaction that wrote mails commits (`deliver_soon`), and the worker's
periodic duties call `deliver_due()` too, so a mail whose first attempt failed is retried with backoff
(1, 2, 4… minutes) up to OUTBOX_MAX_ATTEMPTS attempts, then stays failed with its last error. Each
attempt is claimed by a conditional UPDATE (of two workers, one sends it) and the SMTP connection has a
timeout (MAILERS OPTIONS "timeout", EMAIL_TIMEOUT): a refusing or hanging server costs one attempt."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from tdkt.notifications.models import MailState, OutboxMail

logger = logging.getLogger(__name__)

BATCH = 100
# While one worker sends a mail, another must not take it: the claim pushes its next attempt this far.
CLAIM_LEASE = timedelta(minutes=5)


def max_attempts() -> int:
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", 6)


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** max(attempts - 1, 0))


def deliver_soon() -> None:
    """After the commit of what wrote mails: the worker sends them now rather than at its next tick."""
    deliver_outbox_task.enqueue()


@task
def deliver_outbox_task() -> None:
    deliver_due()


def _claim(mail: OutboxMail, now) -> bool:
    return bool(OutboxMail.objects.filter(pk=mail.pk, state=MailState.PENDING, attempts=mail.attempts).update(
        attempts=F("attempts") + 1, next_attempt_at=now + CLAIM_LEASE))


def deliver_due(now=None) -> dict:
    """Send the pending mails whose attempt is due; returns the counts {"sent", "retry", "failed"}.

    A network failure (refused connection, timeout) stops the batch: the server is down for the others too."""
    now = now or timezone.now()
    counts = {"sent": 0, "retry": 0, "failed": 0}
    due = list(OutboxMail.objects.filter(state=MailState.PENDING, next_attempt_at__lte=now)[:BATCH])
    for mail in due:
        if not _claim(mail, now):
            continue
        attempts = mail.attempts + 1
        try:
            EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to]).send()
        except (OSError, smtplib.SMTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]
            logger.warning("outgoing e-mail %s, attempt %s: %s", mail.pk, attempts, error)
            if attempts >= max_attempts():
                OutboxMail.objects.filter(pk=mail.pk).update(state=MailState.FAILED, last_error=error)
                counts["failed"] += 1
            else:
                OutboxMail.objects.filter(pk=mail.pk).update(last_error=error,
                                                             next_attempt_at=timezone.now() + backoff(attempts))
                counts["retry"] += 1
            if not isinstance(exc, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused):
                break  # the server is unreachable or hangs: the other mails wait for the next attempt
            continue
        OutboxMail.objects.filter(pk=mail.pk).update(state=MailState.SENT, sent_at=timezone.now(), last_error="")
        counts["sent"] += 1
    return counts
