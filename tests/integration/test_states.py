"""The outbound message's declared states (tdkt.integration.transitions.OUTBOUND): a worker's pass claims
pending → delivering; a failure is a transition with history, audit and alert; "Gửi lại" on the monitor sends a
failed message again (POST, specialists and administrators only, audited); a message without a personal ID is
held by the worker; a person merge repoints the merged person's held and pending messages to the kept one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tdkt.audit.models import AuditEvent
from tdkt.integration import delivery, queueing
from tdkt.integration.models import (
    MessageKind,
    MessageState,
    OutboundMessage,
    OutboundStateChange,
    Receiver,
    ReceiverKind,
)
from tdkt.people.duplicates import merge_persons
from tests.conftest import client_for
from tests.factories import make_person
from tests.http_receiver import HttpReceiver
from tests.integration.support import make_receiver, signed_decision

OTHER_ID = "001185004321"


def _by_recipient():
    return {m.recipient: m for m in OutboundMessage.objects.order_by("id")}


def _failed(world, monkeypatch, http):
    make_receiver(http, monkeypatch=monkeypatch)
    signed_decision(world)
    with translation.override("vi"):
        assert delivery.deliver_due() == {"delivered": 0, "retry": 0, "failed": 2}
    return _by_recipient()["Nguyễn Văn An"]


def test_a_pass_claims_pending_messages_as_delivering_and_a_dead_workers_claim_runs_out(world, monkeypatch):
    with HttpReceiver() as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
    now = timezone.now()
    claimed = delivery._claim(now)
    assert sorted((m.recipient, m.state) for m in claimed) == [
        ("Bệnh viện Đa khoa tỉnh", "delivering"), ("Nguyễn Văn An", "delivering")]
    assert delivery._claim(now + datetime.timedelta(minutes=4)) == []  # another worker: still leased
    again = delivery._claim(now + delivery.CLAIM_LEASE)  # the first worker died: taken again
    assert len(again) == 2 and {m.claim for m in again} != {claimed[0].claim}


def test_a_failure_is_a_transition_with_history_and_audit(world, monkeypatch):
    with HttpReceiver(mode=403) as http:
        an = _failed(world, monkeypatch, http)
    assert (an.state, an.attempts, an.claim) == (MessageState.FAILED, 1, "")
    change = OutboundStateChange.objects.get(message=an)
    assert (change.from_state, change.to_state, change.by_name, change.reason) == (
        "delivering", "failed", "integration-worker", 'HTTP 403: {"error": "status 403"}')
    audit = AuditEvent.objects.get(object_type="integration.outboundmessage", object_id=str(an.pk))
    assert audit.changes["state"] == ["delivering", "failed"] and audit.changes["attempts"] == "1"


def test_send_again_requeues_a_failed_message_and_it_is_delivered_once(world, monkeypatch):
    with HttpReceiver(mode=403) as http:
        an = _failed(world, monkeypatch, http)
        client = client_for(world, "specialist")
        page = client.get("/integration/outbox/?show=failed").content.decode()
        assert f'id="requeue-{an.pk}"' in page and 'name="csrfmiddlewaretoken"' in page
        http.mode = 200  # the receiver's configuration was fixed
        answer = client.post(f"/integration/outbox/{an.pk}/requeue/", {"show": "failed"})
        assert (answer.status_code, answer["Location"]) == (302, "/integration/outbox/?show=failed")
        an.refresh_from_db()
        assert (an.state, an.attempts, an.last_error) == ("pending", 0, 'HTTP 403: {"error": "status 403"}')
        assert delivery.deliver_due()["delivered"] == 1
        assert delivery.deliver_due()["delivered"] == 0
        assert list(http.stored) == [an.idempotency_key]
    an.refresh_from_db()
    assert (an.state, an.attempts) == ("delivered", 1)
    change = OutboundStateChange.objects.filter(message=an, to_state="pending").get()
    assert (change.from_state, change.by) == ("failed", world.users["specialist"])
    assert AuditEvent.objects.filter(object_id=str(an.pk), actor=world.users["specialist"],
                                     changes__state=["failed", "pending"]).count() == 1


def test_send_again_is_refused_to_other_roles_and_to_a_get(world, monkeypatch):
    with HttpReceiver(mode=403) as http:
        an = _failed(world, monkeypatch, http)
    for persona in ("clerk_a", "council_member", "signer"):
        assert client_for(world, persona).post(f"/integration/outbox/{an.pk}/requeue/").status_code == 403
    assert client_for(world, "specialist").get(f"/integration/outbox/{an.pk}/requeue/").status_code == 405
    assert client_for(world, "specialist").post("/integration/outbox/987654/requeue/").status_code == 404
    an.refresh_from_db()
    assert an.state == "failed"
    assert client_for(world, "admin").post(f"/integration/outbox/{an.pk}/requeue/").status_code == 302


def test_only_a_failed_message_can_be_sent_again(world, monkeypatch):
    with HttpReceiver() as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
    held = _by_recipient()["Đặng Thị Đào"]
    with translation.override("vi"), pytest.raises(ValidationError, match=r"^\['Không thể chuyển tin đồng bộ đang ở "
                                                                        r"trạng thái “tạm giữ” sang “chờ gửi”\.'\]$"):
        queueing.requeue(held, by=world.users["specialist"])
    held.refresh_from_db()
    assert held.state == "held"
    page = client_for(world, "specialist").get("/integration/outbox/?show=held").content.decode()
    assert f'id="requeue-{held.pk}"' not in page


def test_the_worker_holds_a_message_without_a_personal_id(world, monkeypatch):
    with HttpReceiver() as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
        an = _by_recipient()["Nguyễn Văn An"]
        OutboundMessage.objects.filter(pk=an.pk).update(payload={**an.payload, "subject": {
            **an.payload["subject"], "personal_id": "12345"}})
        with translation.override("vi"):
            assert delivery.deliver_due() == {"delivered": 1, "retry": 0, "failed": 0}
        assert len(http.stored) == 1
    an.refresh_from_db()
    assert (an.state, an.attempts) == ("held", 0)
    assert an.held_reason.startswith("Nguyễn Văn An chưa có số định danh cá nhân hợp lệ")
    assert OutboundStateChange.objects.get(message=an).to_state == "held"


def _message(receiver, n, person, state):
    return OutboundMessage.objects.create(
        receiver=receiver, kind=MessageKind.AWARD, idempotency_key=f"award:1:{n}", decision_id=1, line_id=n,
        person_id=person.pk, recipient=person.full_name, state=state, due_by=timezone.localdate(),
        held_reason="chưa có số định danh" if state == MessageState.HELD else "",
        payload={"subject": {"type": "person", "personal_id": person.national_id or "", "full_name": person.full_name},
                 "award": {"name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"}})


def test_a_merge_repoints_held_and_pending_messages_to_the_kept_person(world):
    """(An award record made by signing cannot move: the merged persons here have messages but no such record.)"""
    receiver = Receiver.objects.create(name="LGSP", kind=ReceiverKind.NATIONAL_CADRE_DB, url="http://127.0.0.1:9/push")
    duplicate = make_person("Lê Văn Cường", unit=world.unit_a)
    held, pending, delivered, failed = (_message(receiver, n, duplicate, state) for n, state in enumerate(
        [MessageState.HELD, MessageState.PENDING, MessageState.DELIVERED, MessageState.FAILED]))
    kept = make_person("Lê Văn Cường", unit=world.unit_a, national_id=OTHER_ID)
    merge_persons(duplicate, kept, by=world.users["specialist"])
    rows = {m.pk: m for m in OutboundMessage.objects.all()}
    assert (rows[held.pk].person_id, rows[held.pk].state, rows[held.pk].held_reason,
            rows[held.pk].payload["subject"]["personal_id"]) == (kept.pk, "pending", "", OTHER_ID)
    assert (rows[pending.pk].person_id, rows[pending.pk].state) == (kept.pk, "pending")
    assert [(rows[m.pk].person_id, rows[m.pk].state) for m in (delivered, failed)] == [
        (duplicate.pk, "delivered"), (duplicate.pk, "failed")]  # as they were sent
    assert OutboundStateChange.objects.get(message=held).to_state == "pending"


def test_a_merge_into_a_person_without_a_personal_id_keeps_the_messages_held(world):
    receiver = Receiver.objects.create(name="LGSP", kind=ReceiverKind.NATIONAL_CADRE_DB, url="http://127.0.0.1:9/push")
    duplicate = make_person("Lê Văn Cường", unit=world.unit_a)
    held = _message(receiver, 1, duplicate, MessageState.HELD)
    kept = make_person("Lê Văn Cường", unit=world.unit_a)
    merge_persons(duplicate, kept, by=world.users["specialist"])
    held.refresh_from_db()
    assert (held.person_id, held.state) == (kept.pk, "held")
    kept.national_id = OTHER_ID
    kept.save()  # the fix on the kept person releases it
    held.refresh_from_db()
    assert (held.state, held.payload["subject"]["personal_id"]) == ("pending", OTHER_ID)
