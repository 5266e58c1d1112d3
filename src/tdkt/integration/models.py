"""Outbound sync of awards: the receivers (the national cadre database through the provincial integration
platform, or a generic webhook) and one OutboundMessage per award line, receiver and kind, written in the
transaction that signs the decision and delivered by the worker (tdkt.integration.delivery)."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.workflow.models import StateChange


class ReceiverKind(models.TextChoices):
    NATIONAL_CADRE_DB = "national_cadre_db", _("National cadre database (through the provincial platform)")
    WEBHOOK = "webhook", _("Generic webhook")


class MessageKind(models.TextChoices):
    AWARD = "award", _("Award")
    CORRECTION = "correction", _("Correction")
    REVOCATION = "revocation", _("Revocation")


class MessageState(models.TextChoices):
    """The states of tdkt.integration.transitions.OUTBOUND (docs/integration.md has the table)."""

    HELD = "held", _("held back")
    PENDING = "pending", _("waiting to be delivered")
    DELIVERING = "delivering", _("being delivered")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("failed")


class Receiver(models.Model):
    """Where awards are pushed. Authentication as provincial platforms issue it: an access key and a secret
    key exchanged at `token_url` for a bearer token. The secret itself is never stored here: `secret_env`
    names the environment variable that holds it (set on the worker's machine)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=ReceiverKind.choices)
    url = models.URLField(_("delivery URL"), max_length=500)
    token_url = models.URLField(_("token URL"), max_length=500, blank=True,
                                help_text=_("Blank: the receiver takes no token."))
    access_key = models.CharField(_("access key"), max_length=200, blank=True)
    secret_env = models.CharField(_("environment variable of the secret key"), max_length=100, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    # The bearer token last obtained (shared by the workers) and when it expires.
    token = models.TextField(blank=True, editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("receiver")
        verbose_name_plural = _("receivers")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class OutboundMessage(models.Model):
    """One award line told to one receiver. `idempotency_key` is the same on every resend of the message
    (the receiver keeps the first and refuses the duplicates); `message_id` names this message in the envelope."""

    receiver = models.ForeignKey(Receiver, verbose_name=_("receiver"), on_delete=models.PROTECT,
                                 related_name="messages")
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKind.choices)
    message_id = models.UUIDField(_("message id"), default=uuid.uuid4, unique=True, editable=False)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100)
    payload = models.JSONField(_("payload"))
    # What the line is about (for the monitor and for releasing held messages): plain ids, no cascade worries.
    decision_id = models.PositiveIntegerField(_("decision"), db_index=True)
    line_id = models.PositiveIntegerField(_("decision line"))
    person_id = models.PositiveIntegerField(_("person"), null=True, blank=True, db_index=True)
    recipient = models.CharField(_("recipient"), max_length=255)
    state = models.CharField(_("state"), max_length=16, choices=MessageState.choices, default=MessageState.PENDING)
    held_reason = models.TextField(_("reason held"), blank=True)
    attempts = models.PositiveSmallIntegerField(pgettext_lazy("delivery", "attempts"), default=0)
    # The pass of the worker that claimed the message (tdkt.integration.delivery): one UPDATE claims a batch.
    claim = models.CharField(max_length=32, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    due_by = models.DateField(_("due by"))

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["receiver", "idempotency_key"],
                                               name="outbound_once_per_receiver_key")]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbound_due"),
                   models.Index(fields=["state", "due_by"], name="outbound_state_due_by")]

    def __str__(self):
        return f"{self.kind}:{self.idempotency_key}"


class OutboundStateChange(StateChange):
    """History of a message's transitions made by a person or a rare system step (failed, released, sent again);
    the worker's high-rate bookkeeping (claimed, delivered, retried) is kept on the message itself (attempts,
    last error, delivered at): see tdkt.integration.transitions."""

    message = models.ForeignKey(OutboundMessage, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        pass
