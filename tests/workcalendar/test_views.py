"""Calendar, step-limit, call and overdue screens for each persona: units read, specialists edit."""

import datetime

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.dossiers.models import DossierCall
from tdkt.workcalendar.enums import ProvinceDayKind
from tdkt.workcalendar.models import ProvinceDay, StepLimit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
D = datetime.date


def _add_day(client, **data):
    return client.post(reverse("workcalendar:day_add"), {
        "date": "04/09/2026", "kind": ProvinceDayKind.DAY_OFF, "name": "Nghỉ thêm sau Quốc khánh",
        "decided_by": "Thông báo số 45/TB-UBND ngày 20/08/2026", **data})


def test_year_page_shows_national_holidays_and_province_days(world):
    ProvinceDay.objects.create(date=D(2026, 9, 4), kind=ProvinceDayKind.DAY_OFF, name="Nghỉ thêm của tỉnh",
                               decided_by="TB 45/TB-UBND")
    body = client_for(world, "clerk_a").get(reverse("workcalendar:year") + "?year=2026").content.decode()
    assert 'data-date="2026-02-17"' in body and "Tết Nguyên Đán" in body
    assert 'data-date="2026-08-22"' in body  # the national make-up Saturday
    assert "Nghỉ thêm của tỉnh" in body and "TB 45/TB-UBND" in body
    assert "day_add" not in body and "Xóa" not in body  # a clerk reads only


def test_year_page_of_a_bad_year_falls_back_to_this_year(world):
    response = client_for(world, "specialist").get(reverse("workcalendar:year") + "?year=abc")
    assert response.status_code == 200
    assert response.context["year"] == datetime.date.today().year


def test_specialist_adds_a_province_day_audited(world):
    response = _add_day(client_for(world, "specialist"))
    assert response.status_code == 302
    assert response["Location"] == reverse("workcalendar:year") + "?year=2026"
    day = ProvinceDay.objects.get()
    assert (day.date, day.kind, day.created_by) == (D(2026, 9, 4), "day_off", world.users["specialist"])
    assert AuditEvent.objects.filter(object_type="workcalendar.provinceday", action="create").count() == 1


def test_a_day_off_on_a_holiday_is_refused_with_the_holiday_named(world):
    response = _add_day(client_for(world, "specialist"), date="02/09/2026")
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [
        "Ngày 02/09/2026 đã là ngày nghỉ theo lịch chung của cả nước (Quốc khánh)."]
    assert not ProvinceDay.objects.exists()


def test_a_make_up_day_on_a_weekday_is_refused(world):
    response = _add_day(client_for(world, "specialist"), date="03/09/2026", kind=ProvinceDayKind.WORKING_DAY)
    assert response.context["form"].errors["date"] == [
        "Ngày 03/09/2026 đã là ngày làm việc theo lịch chung của cả nước."]


def test_the_same_day_twice_is_refused(world):
    client = client_for(world, "specialist")
    _add_day(client)
    response = _add_day(client)
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    assert ProvinceDay.objects.count() == 1


def test_clerk_cannot_add_or_remove_days(world):
    day = ProvinceDay.objects.create(date=D(2026, 9, 4), kind=ProvinceDayKind.DAY_OFF, name="x")
    client = client_for(world, "clerk_a")
    assert _add_day(client, date="07/09/2026").status_code == 403
    assert client.post(reverse("workcalendar:day_remove", kwargs={"pk": day.pk})).status_code == 403
    assert ProvinceDay.objects.count() == 1


def test_specialist_removes_a_day_audited(world):
    day = ProvinceDay.objects.create(date=D(2026, 9, 4), kind=ProvinceDayKind.DAY_OFF, name="x")
    response = client_for(world, "specialist").post(reverse("workcalendar:day_remove", kwargs={"pk": day.pk}))
    assert response.status_code == 302
    assert not ProvinceDay.objects.exists()
    assert AuditEvent.objects.filter(object_type="workcalendar.provinceday", action="delete").count() == 1


def test_limits_are_seeded_with_their_legal_basis(world):
    limits = {limit.step: (limit.working_days, limit.is_national_rule) for limit in StepLimit.objects.all()}
    assert limits == {"submitted": (3, False), "received": (2, False), "in_appraisal": (20, False),
                      "returned": (10, False), "consultation": (10, True), "public_posting": (10, True)}
    assert "Điều 34 khoản 6" in StepLimit.objects.get(step="consultation").legal_basis
    # law.md tags this limit unverified: a provincial parameter, and the page says so (not the internal "[U]").
    assert "Tham số của tỉnh (chưa có quy định quốc gia)" in StepLimit.objects.get(step="in_appraisal").legal_basis


def test_limits_page_for_a_clerk_has_no_edit_link(world):
    body = client_for(world, "clerk_b").get(reverse("workcalendar:limits")).content.decode()
    assert 'data-step="consultation"' in body
    assert "/edit/" not in body


def test_specialist_edits_a_limit_audited_with_before_and_after(world):
    limit = StepLimit.objects.get(step="in_appraisal")
    response = client_for(world, "specialist").post(reverse("workcalendar:limit_edit", kwargs={"pk": limit.pk}), {
        "working_days": "15", "legal_basis": "Quyết định 12/2026/QĐ-UBND"})
    assert response.status_code == 302
    limit.refresh_from_db()
    assert (limit.working_days, limit.legal_basis) == (15, "Quyết định 12/2026/QĐ-UBND")
    event = AuditEvent.objects.get(object_type="workcalendar.steplimit")
    assert event.changes["working_days"] == [20, 15]


@pytest.mark.parametrize("days", ["0", "400", "abc"])
def test_a_bad_limit_is_refused(world, days):
    limit = StepLimit.objects.get(step="received")
    response = client_for(world, "specialist").post(reverse("workcalendar:limit_edit", kwargs={"pk": limit.pk}), {
        "working_days": days, "legal_basis": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["working_days"]
    limit.refresh_from_db()
    assert limit.working_days == 2


# --- calls --------------------------------------------------------------------------------------------


def test_specialist_creates_edits_closes_and_reopens_a_call(world):
    client = client_for(world, "specialist")
    response = client.post(reverse("dossier_calls:call_create"), {
        "name": "Tổng kết năm 2026", "year": "2026", "kind": "year_end", "cut_off": "10/12/2026", "note": ""})
    assert response.status_code == 302
    call = DossierCall.objects.get()
    assert (call.name, call.cut_off, call.is_open) == ("Tổng kết năm 2026", D(2026, 12, 10), True)
    client.post(reverse("dossier_calls:call_edit", kwargs={"pk": call.pk}), {
        "name": "Tổng kết năm 2026", "year": "2026", "kind": "year_end", "cut_off": "11/12/2026", "note": "Gia hạn"})
    call.refresh_from_db()
    assert (call.cut_off, call.note) == (D(2026, 12, 11), "Gia hạn")
    assert AuditEvent.objects.get(object_type="dossiers.dossiercall", action="update").changes["cut_off"] == [
        "2026-12-10", "2026-12-11"]
    client.post(reverse("dossier_calls:call_set_open", kwargs={"pk": call.pk}), {"open": "0"})
    call.refresh_from_db()
    assert call.is_open is False
    response = client.post(reverse("dossier_calls:call_set_open", kwargs={"pk": call.pk}), {"open": "0"}, follow=True)
    assert "Đợt nhận hồ sơ này đã đóng." in response.content.decode()
    client.post(reverse("dossier_calls:call_set_open", kwargs={"pk": call.pk}), {"open": "1"})
    call.refresh_from_db()
    assert call.is_open is True


def test_a_call_with_a_bad_date_is_refused(world):
    response = client_for(world, "specialist").post(reverse("dossier_calls:call_create"), {
        "name": "Đợt 1", "year": "2026", "kind": "year_end", "cut_off": "31/02/2026"})
    assert response.status_code == 200
    assert response.context["form"].errors["cut_off"]
    assert not DossierCall.objects.exists()


def test_clerk_sees_open_calls_with_days_left_but_cannot_change_them(world):
    call = DossierCall.objects.create(name="Tổng kết năm 2026", year=2026, kind="year_end",
                                      cut_off=datetime.date.today() + datetime.timedelta(days=30))
    DossierCall.objects.create(name="Đợt đã đóng", year=2025, kind="year_end", cut_off=D(2025, 12, 10),
                               is_open=False)
    client = client_for(world, "clerk_a")
    body = client.get(reverse("dossier_calls:calls")).content.decode()
    assert "Tổng kết năm 2026" in body and "Đợt đã đóng" not in body
    assert 'class="due due-ok" data-working-days="' in body
    assert client.post(reverse("dossier_calls:call_set_open", kwargs={"pk": call.pk}), {"open": "0"}).status_code == 403
    call.refresh_from_db()
    assert call.is_open is True


@pytest.mark.parametrize("count", [1, 3])
def test_calls_page_query_count_is_fixed(world, django_assert_num_queries, count):
    for index in range(count):
        DossierCall.objects.create(name=f"Đợt {index}", year=2026, kind="year_end", cut_off=D(2026, 12, 10 + index))
    client = client_for(world, "clerk_a")
    with django_assert_num_queries(11):
        assert client.get(reverse("dossier_calls:calls")).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_year_page_query_count_is_fixed(world, django_assert_num_queries, count):
    for index in range(count):
        ProvinceDay.objects.create(date=D(2026, 10, 5 + index), kind=ProvinceDayKind.DAY_OFF, name=f"Nghỉ {index}")
    client = client_for(world, "specialist")
    with django_assert_num_queries(7):
        assert client.get(reverse("workcalendar:year") + "?year=2026").status_code == 200


def test_limits_page_query_count(world, django_assert_num_queries):
    client = client_for(world, "clerk_a")
    with django_assert_num_queries(9):  # session, user, scope (3), limits, messages…: fixed
        assert client.get(reverse("workcalendar:limits")).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_overdue_page_query_count_is_fixed(world, django_assert_num_queries, count):
    from tests.workcalendar.support import make_dossier

    for index in range(count):
        make_dossier(world.unit_a, state="in_appraisal", due=D(2020, 3, 2 + index), assignee=world.users["specialist"])
    client = client_for(world, "specialist")
    with django_assert_num_queries(10):
        response = client.get(reverse("dossier_calls:overdue"))
    assert len(response.context["dossiers"]) == count
    assert [(row.overdue, row.due_soon) for row in response.context["rows"]] == [(count, 0)]


def test_demo_loads_twice_without_duplicates_and_wipes_only_its_rows(db):
    from tdkt.dossiers import calls_demo as demo

    ProvinceDay.objects.create(date=D(2026, 10, 5), kind=ProvinceDayKind.DAY_OFF, name="Ngày thật của tỉnh")
    assert demo.load_demo(2026) == (
        "Lịch và đợt nhận hồ sơ: 2 đợt nhận hồ sơ, ngày nghỉ thêm của tỉnh 04/09/2026.")
    demo.load_demo(2026)
    assert DossierCall.objects.count() == 2
    assert ProvinceDay.objects.count() == 2
    assert demo.wipe_demo() == 3
    assert list(ProvinceDay.objects.values_list("name", flat=True)) == ["Ngày thật của tỉnh"]
    assert not DossierCall.objects.exists()
