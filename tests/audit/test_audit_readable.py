"""The audit log page as an officer reads it (issue 21): Vietnamese action names, the object as a link with
its title, the actor's name and role, dd/mm/yyyy HH:MM, the recorded details folded in a <details> with
labelled fields, and nothing raw: no JSON, no username, no hash, no ISO date. A page costs the same number of
queries whatever it holds."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tdkt.accounts.enums import Role
from tdkt.audit.access import PAGE, record_personal_access
from tdkt.audit.models import AuditEvent
from tdkt.audit.readable import plain
from tdkt.audit.services import record
from tests.factories import make_user


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def admin_client(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(world.users["admin"])
    return client


def rows_of(response):
    assert response.status_code == 200
    return response.context["rows"]


def test_an_update_reads_as_words_with_its_actor_role_and_a_link(world, admin_client):
    specialist = world.users["specialist"]
    specialist.full_name = "Trần Thị Bình"
    specialist.save(update_fields=["full_name"])
    record(specialist, "update", world.unit_a, changes={"name": ["Sở Y tế", "Sở Y tế tỉnh"],
                                                                 "is_remote": [False, True]})
    moment = timezone.make_aware(datetime.datetime(2026, 3, 5, 14, 7))
    AuditEvent(at=moment, actor=specialist, actor_name="chuyenvien", action="update",
               object_type="orgs.unit", object_id=str(world.unit_b.pk), object_repr="Sở Giáo dục và Đào tạo",
               changes={"short_name": ["", "SGD"]}).save_base(raw=True)
    response = admin_client.get(reverse("audit:list"), {"user": "Bình"})
    rows = rows_of(response)
    assert [(r.actor, r.role, r.action, r.object_kind, r.object_title) for r in rows] == [
        ("Trần Thị Bình", "Chuyên viên Sở Nội vụ", "Cập nhật", "Đơn vị", "Sở Y tế"),
        ("Trần Thị Bình", "Chuyên viên Sở Nội vụ", "Cập nhật", "Đơn vị", "Sở Giáo dục và Đào tạo"),
    ]
    html = response.content.decode()
    assert f'<a href="{reverse("orgs:detail", kwargs={"pk": world.unit_a.pk})}">Sở Y tế</a>' in html
    assert "05/03/2026 " in html and re.search(r"05/03/2026 \d\d:07", html)
    first = [(d.label, d.value) for d in rows[0].details]
    assert first == [("tên", "Sở Y tế → Sở Y tế tỉnh"), ("vùng sâu, vùng xa", "không → có")]
    assert "<details>" in html and "<summary>2 chi tiết</summary>" in html
    main = html[html.index("<main"):]
    assert "chuyenvien" not in main and "{" not in main and "is_remote" not in main


def test_a_creation_hides_secrets_and_writes_dates_day_first(world, admin_client):
    record(world.users["clerk_a"], "create", world.person_a, changes={"after": {
        "full_name": "Nguyễn Văn An", "birth_date": "1985-03-04", "national_id": "***",
        "photo_sha256": "ab12" * 16, "portrait": "people/2026/anh-the.jpg", "unit": world.unit_a.pk}})
    (row,) = [r for r in rows_of(admin_client.get(reverse("audit:list"))) if r.event.action == "create"]
    values = {d.value for d in row.details}
    assert "04/03/1985" in values and "(đã thay đổi, không hiển thị)" in values
    assert "anh-the.jpg" in values and "(đã ghi mã kiểm tra, không hiển thị)" in values
    assert f"bản ghi số {world.unit_a.pk}" in values
    assert row.object_url == reverse("people:detail", kwargs={"pk": world.person_a.pk})
    html = admin_client.get(reverse("audit:list")).content.decode()
    assert "ab12ab12" not in html and "1985-03-04" not in html and "people/2026/" not in html


def test_the_personal_data_access_log_reads_as_words(world, admin_client):
    record_personal_access(world.users["clerk_a"], [(world.person_a.pk, "Nguyễn Văn An", ("national_id", "birth_date"))],
                           via=PAGE, where="/people/1/")
    (row,) = [r for r in rows_of(admin_client.get(reverse("audit:list"))) if r.event.action == "view_personal"]
    assert row.action == "Xem dữ liệu cá nhân"
    assert [(d.label, d.value) for d in row.details] == [
        ("Dữ liệu được xem", "ngày sinh, số định danh cá nhân"), ("Qua", "trang"), ("Nơi xem", "/people/1/")]
    assert row.role == "Cán bộ thi đua Sở Y tế"


def test_plain_values():
    assert plain(None) == "—"
    assert plain(True) == "có"
    assert plain("2026-12-03") == "03/12/2026"
    assert plain("f" * 64) == "(đã ghi mã kiểm tra, không hiển thị)"
    assert plain(["national_id", "birth_date"]) == "số định danh cá nhân, ngày sinh"


def test_a_page_costs_the_same_queries_however_many_actors_and_rows(world, admin_client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(reverse("audit:list")).status_code == 200
        return len(captured)

    record(world.users["specialist"], "update", world.unit_a, changes={"name": ["A", "B"]})
    admin_client.get(reverse("audit:list"))  # its first page marks the session active (a write)
    few = queries()
    for index in range(30):
        user = make_user(f"nguoi{index}", role=Role.UNIT_CLERK, unit=world.unit_b, full_name=f"Lê Văn {index}")
        record(user, "update", world.person_b, changes={"full_name": ["A", "B"]})
    assert queries() == few


def test_a_key_with_no_label_is_named_as_written_and_marked_as_not_vietnamese(world, admin_client):
    record(world.users["specialist"], "update", world.unit_a, changes={"quorum_rule": "two_thirds", "seed": 3})
    (row,) = [r for r in rows_of(admin_client.get(reverse("audit:list"))) if r.event.action == "update"]
    assert [(d.label, d.value, d.code) for d in row.details] == [
        ("Mã sinh dữ liệu mẫu", "3", ""), ("Chi tiết khác", "two_thirds", "quorum_rule")]
    html = admin_client.get(reverse("audit:list")).content.decode()
    assert '<dt>Chi tiết khác (<code lang="en">quorum_rule</code>)</dt><dd>two_thirds</dd>' in html
