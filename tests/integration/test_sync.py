"""Outbound sync of signed awards (issue 19 item 2) against a REAL local HTTP receiver (tests/http_receiver.py):
one message per line and receiver written at signing, held without a personal ID, delivered with token,
envelope and idempotency key; 429 then 200, a token refreshed on 401, 403 and 500 failing with an alert,
a hanging receiver costing one attempt; corrections and revocations; imports send nothing."""

import datetime
import time
from datetime import timedelta

from django.test.utils import override_settings
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from tdkt.awards.models import AwardRecord
from tdkt.decisions import amendments
from tdkt.integration import delivery
from tdkt.integration.models import MessageState, OutboundMessage
from tdkt.notifications.models import Notification
from tdkt.people.services import update_person
from tests.awards.import_support import AWARD_HEADER, import_all
from tests.http_receiver import HttpReceiver
from tests.integration.support import DUE_BY, make_receiver, sign, signed_decision

AN_ID = "010090001234"


def _messages():
    return list(OutboundMessage.objects.order_by("id"))


def _later(minutes=0, seconds=0):
    return timezone.now() + timedelta(minutes=minutes, seconds=seconds)


def test_signing_writes_one_message_per_line_and_enabled_receiver(world, monkeypatch):
    with HttpReceiver() as http:
        make_receiver(http, monkeypatch=monkeypatch)
        make_receiver(http, monkeypatch=monkeypatch, name="Tắt", enabled=False)
        with translation.override("vi"):
            decision = signed_decision(world)
    rows = [(m.kind, m.recipient, m.state, m.due_by, m.idempotency_key, m.receiver.name) for m in _messages()]
    lines = list(decision.lines.order_by("sort_order", "id").values_list("pk", "display_name"))
    by_name = {name: pk for pk, name in lines}
    assert sorted(rows) == sorted([
        ("award", "Nguyễn Văn An", "pending", DUE_BY, f"award:{decision.pk}:{by_name['Nguyễn Văn An']}",
         "Nền tảng LGSP tỉnh Lào Cai"),
        ("award", "Bệnh viện Đa khoa tỉnh", "pending", DUE_BY,
         f"award:{decision.pk}:{by_name['Bệnh viện Đa khoa tỉnh']}", "Nền tảng LGSP tỉnh Lào Cai"),
        ("award", "Đặng Thị Đào", "held", DUE_BY, f"award:{decision.pk}:{by_name['Đặng Thị Đào']}",
         "Nền tảng LGSP tỉnh Lào Cai"),
    ])
    an = OutboundMessage.objects.get(recipient="Nguyễn Văn An")
    assert an.payload == {
        "action": "award",
        "subject": {"type": "person", "personal_id": AN_ID, "full_name": "Nguyễn Văn An"},
        "award": {"code": "BK_TINH", "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"},
        "decision": {"number": "01/QĐ-UBND", "date": "2026-07-10", "authority": "Ủy ban nhân dân tỉnh Lào Cai"},
        "method": "merit", "person_group": "", "line_ref": by_name["Nguyễn Văn An"]}
    unit = OutboundMessage.objects.get(recipient="Bệnh viện Đa khoa tỉnh")
    assert unit.payload["subject"] == {"type": "unit", "unit_code": "BVDK", "name": "Bệnh viện Đa khoa tỉnh"}
    held = OutboundMessage.objects.get(recipient="Đặng Thị Đào")
    assert held.held_reason == (
        "Đặng Thị Đào chưa có số định danh cá nhân hợp lệ (12 chữ số): Cơ sở dữ liệu quốc gia về cán bộ, công chức, "
        "viên chức ghi nhận mỗi hồ sơ theo số này. Nhập số trên trang của cá nhân; tin sẽ tự được gửi đi.")
    assert held.payload["subject"]["personal_id"] == ""


def test_without_a_receiver_signing_writes_nothing(world):
    signed_decision(world)
    assert OutboundMessage.objects.count() == 0


def test_429_then_200_delivers_exactly_one_message_per_line(world, monkeypatch):
    with HttpReceiver(script=[429]) as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
        first = delivery.deliver_due()
        assert first == {"delivered": 1, "retry": 1, "failed": 0}
        retried = OutboundMessage.objects.get(state=MessageState.PENDING, attempts=1)
        assert retried.last_error == 'HTTP 429: {"error": "status 429"}'
        # Retry-After: 30 → not before 30 seconds
        assert delivery.deliver_due(now=_later(seconds=20)) == {"delivered": 0, "retry": 0, "failed": 0}
        assert delivery.deliver_due(now=_later(seconds=31)) == {"delivered": 1, "retry": 0, "failed": 0}
        assert delivery.deliver_due(now=_later(minutes=60)) == {"delivered": 0, "retry": 0, "failed": 0}
        stored, pushes, tokens = dict(http.stored), list(http.pushes), http.token_requests
    sent = {m.idempotency_key: m for m in _messages() if m.state == MessageState.DELIVERED}
    assert sorted(stored) == sorted(sent) and len(stored) == 2  # the held line is not sent
    assert len(pushes) == 3 and tokens == 1
    for headers, envelope in pushes:
        message = sent[headers["Idempotency-Key"]]
        assert headers["Authorization"] == "Bearer token-1"
        assert headers["X-Message-Id"] == str(message.message_id)
        assert (envelope["schema"], envelope["assumed_mapping"], envelope["message_id"], envelope["idempotency_key"],
                envelope["payload"]) == ("tdkt.award/1", True, str(message.message_id), message.idempotency_key,
                                         message.payload)
        assert datetime.datetime.fromisoformat(envelope["timestamp"]).tzinfo is not None
    assert all(m.delivered_at is not None and m.last_error == "" for m in sent.values())


def test_a_resend_never_duplicates_on_the_receiver(world, monkeypatch):
    with HttpReceiver() as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
        delivery.deliver_due()
        # The answer was lost (say): the messages go out again with the same idempotency keys.
        OutboundMessage.objects.filter(state=MessageState.DELIVERED).update(state=MessageState.PENDING,
                                                                            next_attempt_at=timezone.now())
        assert delivery.deliver_due() == {"delivered": 2, "retry": 0, "failed": 0}
        statuses = len(http.pushes), len(http.stored)
    assert statuses == (4, 2)


def test_401_obtains_a_new_token_once_in_the_same_attempt(world, monkeypatch):
    with HttpReceiver(script=["expire"]) as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
        assert delivery.deliver_due() == {"delivered": 2, "retry": 0, "failed": 0}
        tokens, auth = http.token_requests, [headers["Authorization"] for headers, _body in http.pushes]
    assert tokens == 2 and auth == ["Bearer token-1", "Bearer token-2", "Bearer token-2"]
    assert sorted(m.attempts for m in _messages() if m.state == MessageState.DELIVERED) == [1, 1]


def test_a_wrong_secret_is_one_attempt_with_the_token_service_reason(world, monkeypatch):
    with HttpReceiver() as http:
        make_receiver(http, monkeypatch=monkeypatch)
        monkeypatch.setenv("TDKT_TEST_SYNC_SECRET", "wrong")
        signed_decision(world)
        with translation.override("vi"):
            assert delivery.deliver_due() == {"delivered": 0, "retry": 1, "failed": 0}
    message = OutboundMessage.objects.get(attempts=1)
    assert message.last_error == 'Dịch vụ cấp token trả lời 401: {"error": "invalid_client"}'


def test_403_fails_at_once_and_alerts_the_specialists(world, monkeypatch):
    with HttpReceiver(mode=403) as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
        with translation.override("vi"):
            assert delivery.deliver_due() == {"delivered": 0, "retry": 0, "failed": 2}
    assert sorted((m.state, m.attempts) for m in _messages()) == [("failed", 1), ("failed", 1), ("held", 0)]
    alerts = Notification.objects.filter(key__startswith="integration-failed:")
    assert {a.user_id for a in alerts} == {world.users["specialist"].pk}
    assert sorted(a.text for a in alerts) == [
        'Không gửi được khen thưởng của Bệnh viện Đa khoa tỉnh tới Nền tảng LGSP tỉnh Lào Cai: HTTP 403: '
        '{"error": "status 403"}',
        'Không gửi được khen thưởng của Nguyễn Văn An tới Nền tảng LGSP tỉnh Lào Cai: HTTP 403: '
        '{"error": "status 403"}']
    assert {a.url for a in alerts} == {"/integration/outbox/?show=failed"}


@override_settings(INTEGRATION_MAX_ATTEMPTS=3)
def test_500_forever_fails_after_n_attempts(world, monkeypatch):
    with HttpReceiver(mode=500) as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
        results = [delivery.deliver_due(now=_later(minutes=minutes)) for minutes in (0, 1.5, 4)]
        pushes = len(http.pushes)
    assert results == [{"delivered": 0, "retry": 2, "failed": 0}, {"delivered": 0, "retry": 2, "failed": 0},
                       {"delivered": 0, "retry": 0, "failed": 2}]
    assert pushes == 6
    assert sorted((m.state, m.attempts) for m in _messages()) == [("failed", 3), ("failed", 3), ("held", 0)]
    assert Notification.objects.filter(key__startswith="integration-failed:").count() == 2


@override_settings(INTEGRATION_TIMEOUT=1)
def test_a_hanging_receiver_costs_one_attempt_and_blocks_nobody(world, monkeypatch):
    with HttpReceiver(mode="hang") as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
        started = time.monotonic()
        counts = delivery.deliver_due()
        elapsed = time.monotonic() - started
        pushes = len(http.pushes)
    assert counts == {"delivered": 0, "retry": 1, "failed": 0}
    assert elapsed < 5 and pushes == 1  # the other message of that receiver waits for the next pass
    tried = OutboundMessage.objects.get(attempts=1)
    assert tried.state == MessageState.PENDING and "timed out" in tried.last_error
    assert sorted(m.attempts for m in _messages()) == [0, 0, 1]


def test_fixing_the_person_releases_the_held_message(world, monkeypatch):
    with HttpReceiver() as http:
        make_receiver(http, monkeypatch=monkeypatch)
        signed_decision(world)
        delivery.deliver_due()
        update_person(world.person_a_child, by=world.users["specialist"], national_id="001190004321")
        held = OutboundMessage.objects.get(recipient="Đặng Thị Đào")
        assert (held.state, held.held_reason, held.payload["subject"]["personal_id"]) == (
            "pending", "", "001190004321")
        assert delivery.deliver_due() == {"delivered": 1, "retry": 0, "failed": 0}
        stored = {envelope["payload"]["subject"].get("personal_id") for envelope in http.stored.values()}
    assert stored == {AN_ID, "001190004321", None}


def test_corrections_and_revocations_send_their_own_messages(world, monkeypatch):
    with HttpReceiver() as http:
        make_receiver(http, monkeypatch=monkeypatch)
        decision = signed_decision(world)
        an_line = decision.lines.get(person=world.person_a)
        revoking = amendments.revoke_decision(decision, by=world.users["specialist"], reason="Sai đối tượng",
                                              lines=[an_line])
        revoking = sign(world, revoking)
        correcting = amendments.correct_decision(decision, by=world.users["specialist"], reason="Sai tên đơn vị",
                                                 lines=[decision.lines.get(unit=world.unit_a_child)])
        correcting = sign(world, correcting)
        delivery.deliver_due()
        actions = sorted((e["payload"]["action"], e["payload"]["decision"]["number"],
                          e["payload"].get("amends", {}).get("number")) for e in http.stored.values())
    assert actions == [("award", "01/QĐ-UBND", None), ("award", "01/QĐ-UBND", None),
                       ("correction", "03/QĐ-UBND", "01/QĐ-UBND"), ("revocation", "02/QĐ-UBND", "01/QĐ-UBND")]
    revocation = OutboundMessage.objects.get(kind="revocation")
    assert (revocation.idempotency_key, revocation.payload["line_ref"], revocation.due_by) == (
        f"revocation:{revoking.pk}:{revoking.lines.get().pk}", an_line.pk, DUE_BY)
    assert OutboundMessage.objects.get(kind="correction").decision_id == correcting.pk


def test_a_history_import_sends_nothing(world, monkeypatch):
    with HttpReceiver() as http:
        make_receiver(http, monkeypatch=monkeypatch)
        before = AwardRecord.objects.count()
        import_all(world.users["specialist"], world.unit_a,
                   [AWARD_HEADER, ["Nguyễn Văn An", "04/03/1985", "Sở Y tế", "LĐTT", 2023, "1/QĐ", ""]])
        assert AwardRecord.objects.count() == before + 1
        assert delivery.deliver_due() == {"delivered": 0, "retry": 0, "failed": 0}
    assert OutboundMessage.objects.count() == 0


@given(st.integers(min_value=0, max_value=10**7))
def test_retry_after_in_seconds_is_honoured_up_to_a_cap(seconds):
    now = timezone.now()
    assert delivery.retry_after(str(seconds), now) == min(timedelta(seconds=seconds), delivery.MAX_RETRY_AFTER)


def test_retry_after_as_an_http_date_and_garbage():
    now = datetime.datetime(2026, 7, 10, 8, 0, tzinfo=datetime.UTC)
    assert delivery.retry_after("Fri, 10 Jul 2026 08:02:00 GMT", now) == timedelta(minutes=2)
    assert delivery.retry_after("Fri, 10 Jul 2026 07:00:00 GMT", now) == timedelta(0)
    assert delivery.retry_after("soon", now) is None
    assert delivery.retry_after(None, now) is None
