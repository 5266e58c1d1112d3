"""The register of the organisations and civil servants doing TĐKT work (forms 0604.N/0605.N)."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.orgs.models import Unit
from tdkt.people.models import Person
from tdkt.reports.models import TdktOffice, TdktStaffMember
from tdkt.reports.staff import services
from tests.conftest import client_for
from tests.factories import make_person, make_unit
from tests.reports.dims.support import make_office, make_post

d = datetime.date
PLANNING = "Phòng Kế hoạch - Tài chính"


def test_age_and_years_are_counted_on_30_november_of_the_statistical_year():
    assert services.reference_date(d(2026, 6, 1)) == d(2026, 11, 30)
    assert services.reference_date(d(2026, 12, 3)) == d(2027, 11, 30)  # December counts to the next year
    born = Person(birth_date=d(1990, 11, 30))
    assert services.age_on(born, d(2026, 11, 30)) == 36
    assert services.age_on(Person(birth_date=d(1990, 12, 1)), d(2026, 11, 30)) == 35
    assert services.age_on(Person(birth_year=1990), d(2026, 11, 30)) == 36
    assert services.age_on(Person(), d(2026, 11, 30)) is None
    assert services.full_years(d(2016, 12, 1), d(2026, 11, 30)) == 9


def test_the_list_shows_the_clerks_units_with_the_forms_figures(world):
    Person.objects.filter(pk=world.person_a.pk).update(gender="male")
    office = make_office(world.unit_a)
    make_post(world.person_a, office=office, tdkt_work_since=d(2010, 1, 1))
    make_post(world.person_b)
    on = services.reference_date()
    age = services.full_years(d(1985, 3, 4), on)
    page = client_for(world, "clerk_a").get(reverse("reports:staff")).content.decode()
    assert "Giàng A Páo" not in page
    assert (f'<td>Nam</td><td>{age}</td><td>Đại học</td><td>{services.full_years(d(2010, 1, 1), on)}</td>'
            '<td>Sở Y tế</td><td>Phòng Thi đua - Khen thưởng</td><td>có</td>') in page
    assert f"tính đến ngày {on:%d/%m/%Y}" in page


def test_the_specialist_sees_every_unit_and_filters_one(world):
    make_post(world.person_a)
    make_post(world.person_b)
    client = client_for(world, "specialist")
    page = client.get(reverse("reports:staff")).content.decode()
    assert "Nguyễn Văn An" in page and "Giàng A Páo" in page
    page = client.get(reverse("reports:staff"), {"unit": world.unit_b.pk}).content.decode()
    assert "Nguyễn Văn An" not in page and "Giàng A Páo" in page


def test_another_units_filter_is_404(world):
    assert client_for(world, "clerk_a").get(reverse("reports:staff"), {"unit": world.unit_b.pk}).status_code == 404


def test_the_unit_filter_is_the_unit_picker_and_reads_a_typed_name(world):
    """Without JavaScript the typed name (`unit_q`) filters like the chosen pk; a name two units share is refused
    in the filter's words, with an example, and the list stays unfiltered."""
    make_post(world.person_a)
    make_post(world.person_b)
    client = client_for(world, "specialist")
    page = client.get(reverse("reports:staff"), {"unit_q": "Sở Giáo dục và Đào tạo"}).content.decode()
    assert "Nguyễn Văn An" not in page and "Giàng A Páo" in page
    assert f'<option value="{world.unit_b.pk}" selected>Sở Giáo dục và Đào tạo — Ủy ban nhân dân tỉnh Lào Cai' in page
    make_unit(PLANNING, parent=world.unit_a)
    make_unit(PLANNING, parent=world.unit_b)
    page = client.get(reverse("reports:staff"), {"unit_q": PLANNING}).content.decode()
    assert (f"Đơn vị: có 2 đơn vị tên “{PLANNING}”; hãy chọn trong danh sách, hoặc ghi thêm đơn vị cấp trên như "
            f"“{PLANNING} — Sở Y tế”.") in page
    assert "Nguyễn Văn An" in page and "Giàng A Páo" in page
    page = client_for(world, "clerk_a").get(reverse("reports:staff"), {"unit_q": "Sở Giáo dục và Đào tạo"})
    assert ("Đơn vị: không có đơn vị nào tên “Sở Giáo dục và Đào tạo” trong các đơn vị ông/bà được chọn ở đây."
            in page.content.decode())


def test_the_post_form_chooses_its_unit_by_a_typed_name(world):
    page = client_for(world, "specialist").get(reverse("reports:staff_create"), {"unit_q": "SGDDT"}).content.decode()
    assert f'<input type="hidden" name="unit" value="{world.unit_b.pk}" id="id_unit">' in page
    assert f'<option value="{world.unit_b.pk}" selected>Sở Giáo dục và Đào tạo' in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_makes_a_fixed_number_of_queries(world, django_assert_num_queries, count):
    office = make_office(world.unit_a)
    for i in range(count):
        make_post(make_person(f"Người số {i}", unit=world.unit_a, birth_year=1980), office=office)
        make_office(world.unit_a, name=f"Tổ {i}")
    client = client_for(world, "clerk_a")
    client.get(reverse("reports:staff"))
    with django_assert_num_queries(8):  # the unit picker reads no list of units
        client.get(reverse("reports:staff"))
    Unit.objects.bulk_create([Unit(name=f"Phòng số {i}", code=f"P{i:05d}", kind="department", parent=world.unit_a)
                              for i in range(2000)])
    with django_assert_num_queries(10):  # the chosen unit, and its label in the picker: whatever the number of units
        client.get(reverse("reports:staff"), {"unit": world.unit_a.pk})


def test_a_clerk_records_a_post_for_a_person_of_the_unit_audited(world):
    client = client_for(world, "clerk_a")
    office = make_office(world.unit_a)
    response = client.post(f"{reverse('reports:staff_create')}?unit={world.unit_a.pk}", {
        "unit": world.unit_a.pk, "person": world.person_a.pk, "office": office.pk, "training": "postgraduate",
        "tdkt_work_since": "01/09/2018", "started_on": "01/01/2022", "ended_on": ""})
    assert response.status_code == 302
    post = TdktStaffMember.objects.get()
    assert (post.person, post.unit, post.training, post.tdkt_work_since, post.created_by) == (
        world.person_a, world.unit_a, "postgraduate", d(2018, 9, 1), world.users["clerk_a"])
    assert AuditEvent.objects.filter(object_type="reports.tdktstaffmember", action="create").count() == 1


def test_the_person_must_be_one_of_the_units(world):
    response = client_for(world, "clerk_a").post(f"{reverse('reports:staff_create')}?unit={world.unit_a.pk}", {
        "unit": world.unit_a.pk, "person": world.person_b.pk, "training": "college",
        "tdkt_work_since": "01/09/2018", "started_on": "01/01/2022"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "người đã chọn không thuộc phạm vi những người bạn được chọn" in page
    # The person picker, searching the unit's own persons only (people:choices?unit=…), no list of everyone.
    assert f'data-picker="{reverse("people:choices")}" data-picker-params="unit={world.unit_a.pk}"' in page
    assert "Giàng A Páo" not in page
    assert not TdktStaffMember.objects.exists()


def test_a_clerk_cannot_open_the_form_for_another_unit(world):
    response = client_for(world, "clerk_a").get(reverse("reports:staff_create"), {"unit": world.unit_b.pk})
    assert response.status_code == 404


def test_ending_a_post_keeps_the_row_and_is_audited(world):
    post = make_post(world.person_a)
    client = client_for(world, "clerk_a")
    response = client.post(reverse("reports:staff_edit", kwargs={"pk": post.pk}), {
        "unit": world.unit_a.pk, "person": world.person_a.pk, "training": "university",
        "tdkt_work_since": "01/03/2016", "started_on": "01/01/2020", "ended_on": "15/10/2026"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.ended_on == d(2026, 10, 15)
    event = AuditEvent.objects.get(object_type="reports.tdktstaffmember", action="update")
    assert event.changes == {"ended_on": [None, "2026-10-15"]}


def test_an_end_before_the_start_is_refused(world):
    post = make_post(world.person_a)
    response = client_for(world, "clerk_a").post(reverse("reports:staff_edit", kwargs={"pk": post.pk}), {
        "unit": world.unit_a.pk, "person": world.person_a.pk, "training": "university",
        "tdkt_work_since": "01/03/2016", "started_on": "01/01/2020", "ended_on": "01/01/2019"})
    assert response.status_code == 200
    post.refresh_from_db()
    assert post.ended_on is None


def test_an_organisation_is_created_and_edited_audited(world):
    client = client_for(world, "specialist")
    response = client.post(reverse("reports:office_create"), {
        "unit": world.home_affairs.pk, "name": "Ban Thi đua - Khen thưởng", "structure": "home_affairs_board",
        "established_on": "01/07/2025"})
    assert response.status_code == 302
    office = TdktOffice.objects.get()
    client.post(reverse("reports:office_edit", kwargs={"pk": office.pk}), {
        "unit": world.home_affairs.pk, "name": "Ban Thi đua - Khen thưởng", "structure": "home_affairs_board",
        "established_on": "01/07/2025", "dissolved_on": "30/06/2026"})
    office.refresh_from_db()
    assert office.dissolved_on == d(2026, 6, 30)
    assert list(AuditEvent.objects.filter(object_type="reports.tdktoffice").values_list("action", flat=True)
                .order_by("id")) == ["create", "update"]


def test_a_clerk_cannot_record_an_organisation_of_another_unit(world):
    response = client_for(world, "clerk_a").post(reverse("reports:office_create"), {
        "unit": world.unit_b.pk, "name": "Tổ TĐKT", "structure": "ministry_division", "established_on": "01/07/2025"})
    assert response.status_code == 200
    assert not TdktOffice.objects.exists()


def test_the_export_is_a_safe_workbook_of_the_list(world):
    Person.objects.filter(pk=world.person_a.pk).update(full_name="=cmd|' /C calc'!A0", gender="female")
    make_post(Person.objects.get(pk=world.person_a.pk), office=make_office(world.unit_a))
    make_post(world.person_b)
    response = client_for(world, "clerk_a").get(reverse("reports:staff_export"))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    staff, offices = book.worksheets
    rows = list(staff.iter_rows(values_only=True))
    assert rows[1][:5] == ("STT", "Họ và tên", "Giới tính", "Tuổi", "Trình độ đào tạo")
    assert len(rows) == 3  # title, header, one civil servant of unit A
    assert rows[2][1] == "=cmd|' /C calc'!A0" and staff.cell(row=3, column=2).data_type == "s"
    assert rows[2][2] == "Nữ" and rows[2][4] == "Đại học"
    assert [r[1] for r in offices.iter_rows(min_row=2, values_only=True)] == ["Phòng Thi đua - Khen thưởng"]


def test_the_hub_links_the_register(world):
    page = client_for(world, "clerk_a").get(reverse("reports:index")).content.decode()
    assert f'<a href="{reverse("reports:staff")}">Tổ chức và công chức làm công tác thi đua, khen thưởng' in page
