"""The outbound sync message's state machine (tdkt.workflow), declared once here:

    held → pending (released: the person got a valid personal ID)
    pending → delivering (claimed by a worker's pass) → delivered | pending (retry after back-off) | failed
    | held (no valid personal ID in the payload)
    failed → pending (sent again by a specialist, "Gửi lại")

The worker's high-rate bookkeeping (claim, deliver, retry) is written in bulk by tdkt.integration.delivery,
the one place allowed to (tests/workflow/test_state_writes.py): one conditional UPDATE per batch, as the mail
outbox does; a history and audit row per message per attempt would double the writes of a pass at hundreds of
messages a second and flood the audit log. Those transitions are declared here for the docs' table; the rare
ones (fail, release, requeue) go through `OUTBOUND.perform`/`perform_many`, so each has its history row, its
audit row and, for a failure, its alert."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import get_scope
from tdkt.integration.models import MessageState, OutboundMessage, OutboundStateChange
from tdkt.workflow.machine import SYSTEM, Notice, StateMachine, transition

S = MessageState
MONITOR = "monitor"
MONITORS = (Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)  # the standing body watches the sync


def watches_the_sync(user, message) -> bool:
    return get_scope(user).has_role(*MONITORS)


def _specialists() -> list[int]:
    today = timezone.localdate()
    return list(Membership.objects.filter(role=Role.PROVINCE_SPECIALIST, user__is_active=True)
                .exclude(valid_to__lt=today).values_list("user_id", flat=True).distinct())


def _failed_notice(message, item):
    """The province's specialists are told of each failure, in the app and by e-mail."""
    yield Notice(users=_specialists(), url=reverse("integration:outbox") + "?show=failed",
                 key=f"integration-failed:{message.pk}:{message.attempts}",
                 text=gettext("The award of %(recipient)s could not be delivered to %(receiver)s: %(error)s") % {
                     "recipient": message.recipient, "receiver": message.receiver.name,
                     "error": message.last_error[:300]})


OUTBOUND = StateMachine(
    name="outbound_message",
    label=_("outbound sync message"),
    model=OutboundMessage,
    states=MessageState,
    history_model=OutboundStateChange,
    history_owner="message",
    actors={MONITOR: watches_the_sync},
    initial=S.PENDING,
    audit_exclude=frozenset({"claim", "next_attempt_at", "payload"}),
    docs="integration.md",
    # the home's agenda: a failed message waits for a specialist or the administrator to send it again, on the
    # outbox's page of failed messages (its predicate reads the roles only: one key)
    visible_to=lambda user: (OutboundMessage.objects.all() if watches_the_sync(user, None) else
                             OutboundMessage.objects.none()).select_related("receiver").order_by("due_by", "pk"),
    url_of=lambda message: reverse("integration:outbox") + "?show=failed", title_of=lambda message: message.recipient,
    unit_of=lambda message: message.receiver.name, due_of=lambda message: message.due_by,
    agenda_key=lambda message: None,
    transitions=[
        transition("release", _("Release (the person now has a valid personal ID)"), {S.HELD}, S.PENDING, SYSTEM,
                   description=_("A person's save with a valid 12-digit personal ID releases his held messages, "
                                 "their payload completed with it.")),
        transition("claim", _("Claim for delivery"), {S.PENDING, S.DELIVERING}, S.DELIVERING, SYSTEM,
                   description=_("Worker bookkeeping, in bulk: a pass claims its batch by one conditional update "
                                 "(a message whose claim lease ran out is claimed again).")),
        transition("deliver", _("Delivered"), {S.DELIVERING}, S.DELIVERED, SYSTEM,
                   description=_("Worker bookkeeping, in bulk: the receiver answered 2xx or 409.")),
        transition("retry", _("Retry later"), {S.DELIVERING}, S.PENDING, SYSTEM,
                   description=_("Worker bookkeeping: 429, 5xx or no answer; due again after the back-off.")),
        transition("fail", _("Failed"), {S.DELIVERING}, S.FAILED, SYSTEM, notifies=_failed_notice,
                   description=_("A 403 or other 4xx, or the last attempt spent: the specialists are alerted.")),
        transition("hold", _("Hold (no valid personal ID)"), {S.DELIVERING}, S.HELD, SYSTEM,
                   description=_("A message about a person whose payload has no valid personal ID is not sent; "
                                 "it waits for the person's fix (messages written so are created held).")),
        transition("requeue", _("Send again"), {S.FAILED}, S.PENDING, MONITOR, one_click=True,
                   description=_("A province specialist or the administrator sends a failed message again, with "
                                 "its attempts counted from zero.")),
    ],
)
