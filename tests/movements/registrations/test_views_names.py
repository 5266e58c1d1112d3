"""Registrations by name as each persona sees them: the pasted list, the late submission and its reason,
the leader's signature, the units that have not registered with the reminder, and the year-end comparison
page (fixed queries)."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Registration
from tdkt.movements.registrations import set_registration_call
from tests.conftest import client_for
from tests.factories import award_type, make_person, make_unit, make_user

NAMES = "1. Đ/c Nguyễn Văn An – Chiến sĩ thi đua cơ sở\n2. Thạc sĩ Đặng Thị Đào – Lao động tiên tiến\n"


def _post_names(client, unit, text=NAMES, year=2026):
    return client.post(reverse("movements:registration_names"), {"unit": unit.pk, "year": year, "names": text})


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_clerk_registers_names_and_sees_them(world):
    client = client_for(world, "clerk_a")
    response = _post_names(client, world.unit_a)
    registration = Registration.objects.get(unit=world.unit_a, year=2026)
    assert response.status_code == 302 and response["Location"] == reverse("movements:registration",
                                                                             kwargs={"pk": registration.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Nguyễn Văn An" in page and "Đặng Thị Đào" in page and "Bệnh viện Đa khoa tỉnh" in page


def test_unmatched_lines_are_shown_for_fixing(world):
    response = _post_names(client_for(world, "clerk_a"), world.unit_a, NAMES + "3. Bà Hoàng Thị Mơ\n")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chưa lưu gì. Sửa các dòng sau rồi gửi lại danh sách:" in page
    assert "Dòng 3 (“Bà Hoàng Thị Mơ”): chưa có danh hiệu" in page
    assert "Hoàng Thị Mơ" in response.context["form"]["names"].value()  # the paste is kept for fixing
    assert not Registration.objects.exists()


def test_clerk_of_another_unit_cannot_register_its_names(world):
    response = _post_names(client_for(world, "clerk_b"), world.unit_a)
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_late_submission_without_reason_is_refused_on_the_page(world):
    set_registration_call(by=world.users["specialist"], year=2026, opened_on=datetime.date(2026, 1, 2),
                          working_days=20)
    client = client_for(world, "clerk_a")
    _post_names(client, world.unit_a)
    registration = Registration.objects.get(unit=world.unit_a)
    url = reverse("movements:registration_submit", kwargs={"pk": registration.pk})
    page = client.get(reverse("movements:registration", kwargs={"pk": registration.pk})).content.decode()
    assert "Đã quá hạn: đăng ký sẽ gửi muộn" in page  # today is after 2026-01 in this test suite's clock
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "phải nêu lý do gửi muộn" in response.content.decode()
    registration.refresh_from_db()
    assert registration.state == RegistrationState.DRAFT
    response = client.post(url, {"reason": "Chậm do kiện toàn tổ chức"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.state == RegistrationState.SUBMITTED and registration.late_days > 0
    listing = client.get(reverse("movements:registrations") + "?year=2026").content.decode()
    assert f"Gửi muộn {registration.late_days} ngày làm việc" in listing


def test_leader_signs_and_another_units_leader_gets_404(world):
    client = client_for(world, "clerk_a")
    _post_names(client, world.unit_a, year=timezone.localdate().year)
    registration = Registration.objects.get(unit=world.unit_a)
    client.post(reverse("movements:registration_submit", kwargs={"pk": registration.pk}), {"reason": "x"})
    url = reverse("movements:registration_sign", kwargs={"pk": registration.pk})
    other = _client(make_user("lanhdao.b", role=Role.UNIT_LEADER, unit=world.unit_b))
    assert other.post(url).status_code == 404
    leader = _client(make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a))
    assert "Ký xác nhận đăng ký" in leader.get(reverse("movements:registration", kwargs={"pk": registration.pk})
                                                ).content.decode()
    assert leader.post(url).status_code == 302
    registration.refresh_from_db()
    assert registration.state == RegistrationState.SIGNED


def test_missing_units_page_and_reminder(world, mailoutbox):
    world.users["clerk_b"].email = "vanthu.b@example.invalid"
    world.users["clerk_b"].save(update_fields=["email"])
    call = set_registration_call(by=world.users["specialist"], year=2026, due_on=datetime.date(2026, 1, 31))
    client = client_for(world, "specialist")
    page = client.get(reverse("movements:registration_missing", kwargs={"pk": call.pk}))
    assert [unit.code for unit in page.context["units"]] == ["SGDDT", "SYT"]
    response = client.post(reverse("movements:registration_remind", kwargs={"pk": call.pk}), follow=True)
    assert "Đã nhắc 2 đơn vị; 0 đơn vị đã được nhắc trước đó; 0 đơn vị chưa có người dùng để nhắc." in \
        response.content.decode()
    assert [mail.to for mail in mailoutbox] == [["vanthu.b@example.invalid"]]


def _sign_all(world, units, year=2026):
    from tdkt.movements.registrations import register_names, sign_registration, submit_registration

    specialist = world.users["specialist"]
    for unit, leader in units:
        registration, report = register_names(by=specialist, unit=unit, year=year,
                                              text=f"Đ/c Người Số {unit.code} – Chiến sĩ thi đua cơ sở")
        assert report.problems == []
        submit_registration(registration, by=specialist, today=datetime.date(year, 1, 5))
        sign_registration(registration, by=leader)


def _new_units(count, world, start=0):
    made = []
    for index in range(start, start + count):
        unit = make_unit(f"Phòng số {index}", parent=world.province, code=f"P{index:03d}")
        make_person(f"Người Số {unit.code}", unit=unit)
        made.append((unit, make_user(f"lanhdao.p{index}", role=Role.UNIT_LEADER, unit=unit)))
    return made


@pytest.mark.parametrize("persona", ["specialist", "clerk_a"])
def test_comparison_page_queries_are_fixed(world, persona):
    client = client_for(world, persona)
    url = reverse("movements:comparison") + "?year=2026"
    _sign_all(world, _new_units(2, world))
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        page = client.get(url)
    _sign_all(world, _new_units(8, world, start=2))
    with CaptureQueriesContext(connection) as large:
        bigger = client.get(url)
    assert len(small) == len(large)
    if persona == "specialist":
        assert len(bigger.context["named"]) == 10 and bigger.context["warned"] == 10
        assert "10 người đăng ký có thể không đủ điều kiện" in bigger.content.decode()
    else:
        assert page.context["named"] == [] and bigger.context["named"] == []
    assert award_type("CSTD_CS").name in bigger.content.decode() or persona == "clerk_a"
