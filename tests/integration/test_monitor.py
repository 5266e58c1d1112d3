"""The sync monitor (/integration/outbox/) and its Excel list: late, failed and held messages, for the standing
body only; a fixed number of queries; the count on the specialist's home page."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tdkt.integration.models import MessageKind, MessageState, OutboundMessage, Receiver, ReceiverKind
from tests.conftest import client_for

TODAY = timezone.localdate()


@pytest.fixture
def receiver(db):
    return Receiver.objects.create(name="Nền tảng LGSP tỉnh Lào Cai", kind=ReceiverKind.NATIONAL_CADRE_DB,
                                   url="http://127.0.0.1:9/push")


def _message(receiver, n, *, state, due_by, recipient=None, person_id=None, **extra):
    return OutboundMessage.objects.create(
        receiver=receiver, kind=MessageKind.AWARD, idempotency_key=f"award:1:{n}", decision_id=1, line_id=n,
        person_id=person_id, recipient=recipient or f"Người Thử {n}", state=state, due_by=due_by,
        payload={"award": {"name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"}, "decision": {"number": "01/QĐ-UBND"}},
        **extra)


@pytest.fixture
def messages(world, receiver):
    past, future = TODAY - datetime.timedelta(days=2), TODAY + datetime.timedelta(days=3)
    return {
        "late": _message(receiver, 1, state=MessageState.PENDING, due_by=past, last_error="HTTP 500: lỗi"),
        "failed": _message(receiver, 2, state=MessageState.FAILED, due_by=future, last_error="HTTP 403: cấm"),
        "held": _message(receiver, 3, state=MessageState.HELD, due_by=future, recipient="Đặng Thị Đào",
                         person_id=world.person_a_child.pk, held_reason="Đặng Thị Đào chưa có số định danh"),
        "on_time": _message(receiver, 4, state=MessageState.PENDING, due_by=future),
        "delivered_late": _message(receiver, 5, state=MessageState.DELIVERED, due_by=past,
                                   delivered_at=timezone.now()),
    }


def _listed(response) -> list[str]:
    return sorted(m.recipient for m, _fix in response.context["rows"])


def test_the_monitor_lists_late_failed_and_held_messages(world, messages):
    client = client_for(world, "specialist")
    response = client.get(reverse("integration:outbox"))
    assert response.status_code == 200
    assert _listed(response) == ["Người Thử 1", "Người Thử 2", "Đặng Thị Đào"]
    assert response.context["counts"] == {"late": 1, "failed": 1, "held": 1, "attention": 2}
    html = response.content.decode()
    assert f'href="/people/{world.person_a_child.pk}/edit/"' in html and "Sửa thông tin cá nhân" in html
    assert _listed(client.get(reverse("integration:outbox") + "?show=late")) == ["Người Thử 1"]
    assert _listed(client.get(reverse("integration:outbox") + "?show=failed")) == ["Người Thử 2"]
    assert _listed(client.get(reverse("integration:outbox") + "?show=held")) == ["Đặng Thị Đào"]


def test_the_excel_list_has_the_same_rows(world, messages):
    response = client_for(world, "specialist").get(reverse("integration:outbox_xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(min_row=5, values_only=True))
    assert [(r[0], r[1], r[3], r[6], r[9]) for r in rows] == [
        (1, "Người Thử 1", "01/QĐ-UBND", "chờ gửi", "HTTP 500: lỗi"),
        (2, "Người Thử 2", "01/QĐ-UBND", "gửi không thành công", "HTTP 403: cấm"),
        (3, "Đặng Thị Đào", "01/QĐ-UBND", "tạm giữ", "Đặng Thị Đào chưa có số định danh"),
    ]


@pytest.mark.parametrize("size", [3, 30])
def test_the_monitor_takes_a_fixed_number_of_queries(world, receiver, size, django_assert_num_queries):
    for n in range(size):
        _message(receiver, n, state=MessageState.FAILED, due_by=TODAY)
    client = client_for(world, "specialist")
    client.get(reverse("integration:outbox"))  # warm the session and caches
    with django_assert_num_queries(QUERIES):
        assert len(client.get(reverse("integration:outbox")).context["rows"]) == size


QUERIES = 5  # session, user, memberships…, the counts, the rows with their receivers


def test_the_specialist_home_page_counts_late_and_failed(world, messages):
    html = client_for(world, "specialist").get(reverse("core:dashboard")).content.decode()
    assert '<b data-figure="sync">2</b>' in html and "(1 tin tạm giữ)" in html
    assert 'id="card-sync"' not in client_for(world, "clerk_a").get(reverse("core:dashboard")).content.decode()
