"""Delivering the outbound messages: in the worker, never in a request.

A task is enqueued when the signing commits (`deliver_soon`) and the worker's periodic duties call
`deliver_due()` (settings.WORKER_DUTIES), so a message whose attempt failed is retried. A pass claims its batch
by one conditional UPDATE (of two workers, one sends each message). What the receiver answers decides the rest:

- 2xx, or 409 (it holds that idempotency key already): delivered (written in bulk, FLUSH_EVERY at a time);
- 401: the bearer token is obtained again, once, and the message sent again in the same attempt;
- 429: retried after the receiver's Retry-After (else the back-off); 5xx, a refused connection or a timeout:
  retried with back-off (1, 2, 4… minutes). A timeout (INTEGRATION_TIMEOUT seconds) costs one attempt, and
  the other messages of that receiver wait for the next pass: no worker hangs on it;
- 403 and other 4xx: the receiver refuses this message or this caller, which no retry changes: failed.
After INTEGRATION_MAX_ATTEMPTS attempts a message is failed. A failed message alerts the province's
specialists (tdkt.notifications) and shows on the monitor (tdkt.integration.monitor).

The states are tdkt.integration.transitions.OUTBOUND's. This module writes the worker's high-rate bookkeeping
(claim pending → delivering, deliver, retry) in bulk, the one place allowed to (see transitions.py for why);
a failure and a hold go through OUTBOUND.perform (history, audit, alert)."""

from __future__ import annotations

import email.utils
import http.client
import json
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.integration import mapping_v1 as mapping
from tdkt.integration.models import MessageState, OutboundMessage, Receiver
from tdkt.integration.transitions import OUTBOUND

logger = logging.getLogger(__name__)

BATCH = 500
CLAIM_LEASE = timedelta(minutes=5)  # while one worker sends a message, another must not take it
# Deliveries are written in bulk, this many at a time (a crash in between resends them: idempotent anyway).
FLUSH_EVERY = 100
WORKER = "integration-worker"  # the `by` of the worker's transitions (history and audit)
MAX_RETRY_AFTER = timedelta(hours=6)  # a Retry-After further than this is taken as this
TOKEN_MARGIN = timedelta(seconds=30)  # a token this close to expiry is renewed first


def max_attempts() -> int:
    return getattr(settings, "INTEGRATION_MAX_ATTEMPTS", 8)


def timeout() -> float:
    return float(getattr(settings, "INTEGRATION_TIMEOUT", 10))


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** max(attempts - 1, 0))


def deliver_soon() -> None:
    """After the commit of what wrote messages: the worker sends them now rather than at its next tick."""
    deliver_outbound_task.enqueue()


@task
def deliver_outbound_task() -> None:
    deliver_due()


@dataclass
class Answer:
    status: int
    body: str
    retry_after: str | None = None


class Unreachable(Exception):
    """The receiver did not answer (refused, reset, timed out)."""


class Connection:
    """One keep-alive HTTP(S) connection per receiver host for a delivery pass; reopened after an error."""

    def __init__(self):
        self._open: dict[tuple, http.client.HTTPConnection] = {}

    def post(self, url: str, body: dict, headers: dict) -> Answer:
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname, parts.port)
        conn = self._open.get(key)
        if conn is None:
            factory = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            conn = self._open[key] = factory(parts.hostname, parts.port, timeout=timeout())
            try:
                conn.connect()
                # Small requests on a kept-alive connection: no Nagle delay waiting for the peer's ACK.
                conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError as exc:
                self._open.pop(key, None)
                raise Unreachable(f"{type(exc).__name__}: {exc}") from exc
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        data = json.dumps(body, ensure_ascii=False).encode()
        try:
            conn.request("POST", path, body=data, headers={
                "Content-Type": "application/json; charset=utf-8", "Accept": "application/json", **headers})
            response = conn.getresponse()
            text = response.read(65536).decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            self._open.pop(key, None)
            raise Unreachable(f"{type(exc).__name__}: {exc}") from exc
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            self._open.pop(key, None)
        return Answer(response.status, text, response.getheader("Retry-After"))

    def close(self) -> None:
        for conn in self._open.values():
            conn.close()
        self._open.clear()


def _secret(receiver: Receiver) -> str:
    return os.environ.get(receiver.secret_env, "") if receiver.secret_env else ""


def bearer(receiver: Receiver, conn: Connection, *, renew: bool = False) -> str:
    """The receiver's bearer token: the stored one while valid, else a new one for the access and secret keys."""
    if not receiver.token_url:
        return ""
    now = timezone.now()
    if not renew and receiver.token and receiver.token_expires_at and receiver.token_expires_at > now + TOKEN_MARGIN:
        return receiver.token
    answer = conn.post(receiver.token_url, {"access_key": receiver.access_key, "secret_key": _secret(receiver)}, {})
    if answer.status != 200:
        raise Unreachable(_("The token service answered %(status)s: %(body)s") % {
            "status": answer.status, "body": answer.body[:300]})
    try:
        granted = json.loads(answer.body)
        token, lifetime = str(granted["access_token"]), int(granted.get("expires_in", 3600))
    except (ValueError, KeyError, TypeError) as exc:
        raise Unreachable(_("The token service gave no access_token.")) from exc
    receiver.token, receiver.token_expires_at = token, now + timedelta(seconds=lifetime)
    Receiver.objects.filter(pk=receiver.pk).update(token=token, token_expires_at=receiver.token_expires_at)
    return token


def retry_after(value: str | None, now) -> timedelta | None:
    """Retry-After as seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(timedelta(seconds=int(value)), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return min(max(when - now, timedelta(0)), MAX_RETRY_AFTER)


def send(message: OutboundMessage, receiver: Receiver, conn: Connection) -> Answer:
    """One attempt: the envelope with the bearer token; a 401 renews the token and sends once more."""
    headers = {"Idempotency-Key": message.idempotency_key, "X-Message-Id": str(message.message_id)}
    envelope = mapping.envelope(message, sent_at=timezone.now())
    token = bearer(receiver, conn)
    answer = conn.post(receiver.url, envelope, {**headers, **({"Authorization": f"Bearer {token}"} if token else {})})
    if answer.status == 401 and receiver.token_url:
        token = bearer(receiver, conn, renew=True)
        answer = conn.post(receiver.url, envelope, {**headers, "Authorization": f"Bearer {token}"})
    return answer


def _claim(now) -> list[OutboundMessage]:
    """The due messages this pass takes: one conditional UPDATE moves them pending → delivering with this
    pass's claim (of two workers, each message goes to one) and the lease as their next attempt; a message left
    delivering by a worker that died is taken again once its lease ran out. Then they are read back."""
    claim = uuid.uuid4().hex
    due = Q(state__in=[MessageState.PENDING, MessageState.DELIVERING], next_attempt_at__lte=now)
    ids = list(OutboundMessage.objects.filter(due).order_by("next_attempt_at", "id").values_list("id", flat=True)[:BATCH])
    OutboundMessage.objects.filter(due, pk__in=ids).update(state=MessageState.DELIVERING, claim=claim,
                                                           next_attempt_at=now + CLAIM_LEASE)
    return list(OutboundMessage.objects.filter(claim=claim, state=MessageState.DELIVERING)
                .select_related("receiver").order_by("id"))


def _fail(message: OutboundMessage, error: str, attempts: int) -> None:
    """The declared transition, with its history, audit row and the specialists' alert (transitions.py)."""
    OUTBOUND.perform(message, "fail", by=WORKER, reason=error[:300], last_error=error, attempts=attempts, claim="")


def _hold_without_personal_id(message: OutboundMessage) -> bool:
    """A message about a person whose payload has no valid personal ID (the receiver keys records by it) is held
    rather than sent: the person's fix releases it (queueing.release_for_person)."""
    subject = message.payload.get("subject") or {}
    if subject.get("type") != "person" or mapping.valid_personal_id(subject.get("personal_id")):
        return False
    OUTBOUND.perform(message, "hold", by=WORKER, claim="", held_reason=_(
        "%(name)s has no valid personal identification number (12 digits): the national cadre database keys each "
        "record by it. Enter it on the person's page; the message then leaves by itself.") % {
        "name": message.recipient})
    return True


def _retry(message: OutboundMessage, error: str, attempts: int, when) -> None:
    OutboundMessage.objects.filter(pk=message.pk, state=MessageState.DELIVERING, claim=message.claim).update(
        state=MessageState.PENDING, last_error=error, next_attempt_at=when, attempts=attempts, claim="")


def _outcome(message: OutboundMessage, answer: Answer, attempts: int, now, delivered: list[int]) -> str:
    """Record what the receiver answered (a delivery joins `delivered`, written in bulk); returns "delivered",
    "retry" or "failed"."""
    status = answer.status
    if 200 <= status < 300 or status == 409:
        delivered.append(message.pk)
        return "delivered"
    error = f"HTTP {status}: {answer.body[:1000]}"
    permanent = status != 429 and 400 <= status < 500
    if permanent or attempts >= max_attempts():
        _fail(message, error, attempts)
        return "failed"
    wait = (retry_after(answer.retry_after, now) if status == 429 else None) or backoff(attempts)
    _retry(message, error, attempts, now + wait)
    return "retry"


def _mark_delivered(ids: list[int]) -> None:
    if ids:
        OutboundMessage.objects.filter(pk__in=ids, state=MessageState.DELIVERING).update(
            state=MessageState.DELIVERED, delivered_at=timezone.now(), last_error="", claim="",
            attempts=F("attempts") + 1)
        ids.clear()


def deliver_due(now=None) -> dict:
    """Send the pending messages whose attempt is due; the counts {"delivered", "retry", "failed"} (a message
    held for want of a personal ID is none of them)."""
    now = now or timezone.now()
    counts = {"delivered": 0, "retry": 0, "failed": 0}
    down: set[int] = set()  # receivers that did not answer in this pass: their messages wait
    skipped: list[int] = []
    delivered: list[int] = []
    receivers: dict[int, Receiver] = {}  # one object per receiver, so its token is obtained once per pass
    conn = Connection()
    try:
        for message in _claim(now):
            if message.receiver_id in down:
                skipped.append(message.pk)
                continue
            if _hold_without_personal_id(message):
                continue
            attempts = message.attempts + 1
            try:
                answer = send(message, receivers.setdefault(message.receiver_id, message.receiver), conn)
            except Unreachable as exc:
                down.add(message.receiver_id)
                error = str(exc)[:2000]
                logger.warning("outbound message %s, attempt %s: %s", message.pk, attempts, error)
                if attempts >= max_attempts():
                    _fail(message, error, attempts)
                    counts["failed"] += 1
                else:
                    _retry(message, error, attempts, now + backoff(attempts))
                    counts["retry"] += 1
                continue
            counts[_outcome(message, answer, attempts, now, delivered)] += 1
            if len(delivered) >= FLUSH_EVERY:
                _mark_delivered(delivered)
    finally:
        conn.close()
        _mark_delivered(delivered)
        if skipped:  # not tried: due again at the next pass, no attempt spent
            OutboundMessage.objects.filter(pk__in=skipped, state=MessageState.DELIVERING).update(
                state=MessageState.PENDING, next_attempt_at=now, claim="")
    return counts
