"""Writing the outbound messages of a signed decision, in the signing transaction, and releasing the messages
held for want of a personal ID once the person is fixed."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.decisions.enums import DecisionKind, LineKind
from tdkt.decisions.models import Decision
from tdkt.integration import mapping_v1 as mapping
from tdkt.integration.delivery import deliver_soon
from tdkt.integration.models import MessageKind, MessageState, OutboundMessage, Receiver
from tdkt.integration.transitions import OUTBOUND
from tdkt.workcalendar.calendar import add_working_days

# Decree 27/2026/NĐ-CP: the employing agency updates the national cadre database within 3 working days.
SYNC_WORKING_DAYS = 3
KIND_OF_DECISION = {DecisionKind.AWARD: MessageKind.AWARD, DecisionKind.CORRECTION: MessageKind.CORRECTION,
                    DecisionKind.REVOCATION: MessageKind.REVOCATION}


def held_reason(person) -> str:
    return _("%(name)s has no valid personal identification number (12 digits): the national cadre database "
             "keys each record by it. Enter it on the person's page; the message then leaves by itself.") % {
        "name": person.full_name}


def queue_signed(decision: Decision, lines) -> int:
    """One message per award line and enabled receiver; a line of a person without a valid personal ID is
    held. Called inside sign_decision's transaction (tdkt.decisions.events.decision_signed)."""
    kind = KIND_OF_DECISION.get(decision.kind)
    receivers = list(Receiver.objects.filter(enabled=True))
    if kind is None or not receivers:
        return 0
    amended = None
    if kind != MessageKind.AWARD:
        amended = Decision.objects.select_related("authority").get(pk=decision.corrects_id or decision.revokes_id)
    due_by = add_working_days(decision.decision_date, SYNC_WORKING_DAYS)
    now = timezone.now()
    rows = []
    for line in lines:
        if line.kind != LineKind.AWARD or (not line.person_id and not line.unit_id):
            continue  # a contest prize is cash; a household is no cadre
        body = mapping.payload(decision, line, kind=kind, amended=amended)
        held = bool(line.person_id) and not mapping.valid_personal_id(line.person.national_id)
        for receiver in receivers:
            rows.append(OutboundMessage(
                receiver=receiver, kind=kind, idempotency_key=f"{kind}:{decision.pk}:{line.pk}", payload=body,
                decision_id=decision.pk, line_id=line.pk, person_id=line.person_id,
                recipient=line.display_name[:255], due_by=due_by, created_at=now, next_attempt_at=now,
                state=MessageState.HELD if held else MessageState.PENDING,
                held_reason=held_reason(line.person) if held else ""))
    OutboundMessage.objects.bulk_create(rows)
    if any(row.state == MessageState.PENDING for row in rows):
        transaction.on_commit(deliver_soon, robust=True)
    return len(rows)


def release_for_person(person, *, by="people") -> int:
    """The messages held for `person` leave once the person has a valid personal ID (its payload completed):
    the declared transition "release", one per message (a person has a few: one per award and receiver)."""
    if not mapping.valid_personal_id(person.national_id):
        return 0
    held = list(OutboundMessage.objects.filter(person_id=person.pk, state=MessageState.HELD).order_by("id"))
    now = timezone.now()
    for message in held:
        payload = {**message.payload, "subject": {**message.payload["subject"], "personal_id": person.national_id}}
        OUTBOUND.perform(message, "release", by=by, payload=payload, held_reason="", next_attempt_at=now)
    if held:
        transaction.on_commit(deliver_soon, robust=True)
    return len(held)


@transaction.atomic
def requeue(message: OutboundMessage, *, by) -> OutboundMessage:
    """"Gửi lại": a failed message pending again with its attempts counted from zero (the receiver or its
    configuration was fixed); the idempotency key is the same, so a receiver that had kept it refuses a double."""
    OUTBOUND.perform(message, "requeue", by=by, attempts=0, next_attempt_at=timezone.now(), claim="")
    transaction.on_commit(deliver_soon, robust=True)
    return message


def repoint_merged(duplicate, kept, *, by) -> int:
    """A person merge: the held and pending messages of the merged person belong to the kept one (delivered and
    failed ones stay as they were sent); the held ones leave if the kept person has a valid personal ID."""
    moved = OutboundMessage.objects.filter(person_id=duplicate.pk,
                                           state__in=[MessageState.HELD, MessageState.PENDING]).update(person_id=kept.pk)
    release_for_person(kept, by=by)
    return moved


def fix_url(message: OutboundMessage) -> str:
    return reverse("people:edit", args=[message.person_id]) if message.person_id else ""
