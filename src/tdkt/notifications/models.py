from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Notification(models.Model):
    """An in-app notification (thông báo) for one user: a line of text and where to go.

    `key` names what the notification is about (e.g. "dossier-due:12:in_appraisal:2026-12-01:2026-11-30");
    it is unique per user, so sending the same notification twice creates nothing (idempotent reminders)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="notifications")
    text = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    key = models.CharField(_("key"), max_length=200)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_key_once_per_user")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self):
        return self.text[:80]

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationKind(models.TextChoices):
    """What a notification is about: each user turns the e-mail of each kind on or off (default on)."""

    DOSSIER_RETURNED = "dossier_returned", _("A dossier of my unit is returned for completion")
    COUNCIL_RESULT = "council_result", _("The council's result on a dossier of my unit")
    DECISION_SIGNED = "decision_signed", _("A decision covering a dossier of my unit is published")
    BALLOT_OPENED = "ballot_opened", _("A council ballot opens")
    AWAITING_SIGNATURE = "awaiting_signature", _("A decision waits for my signature")
    AWAITING_APPROVAL = "awaiting_approval", _("A dossier waits for my approval")
    SENT_BACK = "sent_back", _("A dossier I prepared is sent back by the leader")
    INBOUND_CONSULTATION = "inbound_consultation", _("A consultation request from another body is assigned to me")
    INSPECTION = "inspection", _("An inspection's recommendation to my unit: new, due, overdue, its follow-up")


class MailState(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class OutboxMail(models.Model):
    """One e-mail to send, written in the transaction of what it announces (a transition), sent later by the
    worker (tdkt.notifications.outbox): a refusing or hanging mail server never breaks the transition."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="outbox_mails")
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    link = models.URLField(_("link"), max_length=600, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=MailState.choices, default=MailState.PENDING)
    attempts = models.PositiveSmallIntegerField(pgettext_lazy("delivery", "attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return self.subject


class MailPreference(models.Model):
    """A user's choice of e-mail for one kind of notification; no row means e-mail on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="mail_preferences")
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    email = models.BooleanField(_("by e-mail"), default=True)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="mail_preference_once_per_kind")]

    def __str__(self):
        return f"{self.user_id}:{self.kind}:{self.email}"
