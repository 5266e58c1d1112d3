"""The statistical group on the person form and page, and the page "Phân loại đối tượng thống kê"."""

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.people.models import Person
from tests.conftest import client_for
from tests.factories import make_person


def _edit_data(person, **extra):
    data = {"full_name": person.full_name, "unit": person.unit_id, "category": person.category,
            "position": person.position, "national_id": person.national_id or ""}
    return data | extra


def test_the_person_form_confirms_a_chosen_group_and_audits_it(world):
    client = client_for(world, "clerk_a")
    person = world.person_a
    response = client.post(reverse("people:edit", kwargs={"pk": person.pk}),
                           _edit_data(person, statistical_group="manager"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.statistical_group, person.group_confirmed_by) == ("manager", world.users["clerk_a"])
    event = AuditEvent.objects.filter(object_type="people.person", object_id=str(person.pk),
                                      changes__has_key="statistical_group").get()
    assert event.changes == {"statistical_group": ["", "manager"]}
    page = client.get(reverse("people:detail", kwargs={"pk": person.pk})).content.decode()
    confirmed_on = person.group_confirmed_at.astimezone().strftime("%d/%m/%Y")
    assert (f'<dd id="statistical-group">Cán bộ quản lý khác từ phó trưởng phòng trở lên — do vanthu.a xác nhận ngày '
            f'{confirmed_on}') in page


def test_saving_without_changing_the_group_confirms_nothing(world):
    client_for(world, "clerk_a").post(reverse("people:edit", kwargs={"pk": world.person_a.pk}),
                                      _edit_data(world.person_a, ethnicity="Kinh", statistical_group=""))
    world.person_a.refresh_from_db()
    assert (world.person_a.ethnicity, world.person_a.statistical_group, world.person_a.group_confirmed_at) == (
        "Kinh", "", None)
    assert not AuditEvent.objects.filter(changes__has_key="statistical_group").exists()


def test_clearing_a_group_makes_the_person_unclassified_again(world):
    client = client_for(world, "clerk_a")
    url = reverse("people:edit", kwargs={"pk": world.person_a.pk})
    client.post(url, _edit_data(world.person_a, statistical_group="business"))
    client.post(url, _edit_data(world.person_a, statistical_group=""))
    world.person_a.refresh_from_db()
    assert (world.person_a.statistical_group, world.person_a.group_confirmed_by) == ("", None)
    assert [e.changes["statistical_group"] for e in AuditEvent.objects.filter(
        changes__has_key="statistical_group").order_by("id")] == [["", "business"], ["business", ""]]


def test_the_form_shows_the_suggestion_beside_the_group(world):
    Person.objects.filter(pk=world.person_a.pk).update(position="Trưởng phòng Nghiệp vụ Y")
    page = client_for(world, "clerk_a").get(reverse("people:edit", kwargs={"pk": world.person_a.pk})).content.decode()
    assert "Gợi ý theo chức vụ: Cán bộ quản lý khác từ phó trưởng phòng trở lên." in page
    assert "Đối tượng thống kê" in page


def test_an_unclassified_person_page_shows_the_suggestion(world):
    Person.objects.filter(pk=world.person_a.pk).update(position="Giám đốc Sở Y tế")
    page = client_for(world, "clerk_a").get(reverse("people:detail", kwargs={"pk": world.person_a.pk})).content.decode()
    assert ('<dd id="statistical-group">Chưa phân loại (gợi ý: Lãnh đạo cấp vụ, sở và tương đương)'
            f' <a href="/people/groups/?unit={world.unit_a.pk}">Phân loại</a></dd>') in page


def test_the_page_lists_the_clerks_unconfirmed_persons_with_suggestions_and_counts(world):
    make_person("Lê Văn Bình", unit=world.unit_a, position="Công nhân", statistical_group="direct_worker")
    Person.objects.filter(pk=world.person_a.pk).update(position="Giám đốc Sở Y tế")
    page = client_for(world, "clerk_a").get(reverse("people:groups")).content.decode()
    assert "Nguyễn Văn An" in page and "Đặng Thị Đào" in page  # the unit and its sub-unit
    assert "Giàng A Páo" not in page and "Lê Văn Bình" not in page  # another unit's; already confirmed
    assert '<p id="group-counts">Đã xác nhận: 1; chưa phân loại: 2.</p>' in page
    assert "<td>Lãnh đạo cấp vụ, sở và tương đương</td>" in page


def test_the_unit_filter_narrows_to_the_units_subtree(world):
    client = client_for(world, "clerk_a")
    page = client.get(reverse("people:groups"), {"unit": world.unit_a_child.pk}).content.decode()
    assert "Đặng Thị Đào" in page and "Nguyễn Văn An" not in page
    assert '<p id="group-counts">Đã xác nhận: 0; chưa phân loại: 1.</p>' in page


@pytest.mark.parametrize("unit", ["unit_b", "province"])
def test_another_units_filter_is_404(world, unit):
    response = client_for(world, "clerk_a").get(reverse("people:groups"), {"unit": getattr(world, unit).pk})
    assert response.status_code == 404


def test_a_bad_unit_parameter_is_404(world):
    assert client_for(world, "clerk_a").get(reverse("people:groups"), {"unit": "x"}).status_code == 404


def test_the_specialist_filters_any_unit(world):
    page = client_for(world, "specialist").get(reverse("people:groups"), {"unit": world.unit_b.pk}).content.decode()
    assert "Giàng A Páo" in page and "Nguyễn Văn An" not in page


def test_the_unit_filter_is_the_unit_picker_and_reads_a_typed_name(world):
    """Without JavaScript the typed name (`unit_q`) narrows like the chosen pk, among the officer's own units."""
    client = client_for(world, "clerk_a")
    page = client.get(reverse("people:groups"), {"unit_q": "Bệnh viện Đa khoa tỉnh"}).content.decode()
    assert "Đặng Thị Đào" in page and "Nguyễn Văn An" not in page
    assert f'<option value="{world.unit_a_child.pk}" selected>Bệnh viện Đa khoa tỉnh — Sở Y tế</option>' in page
    page = client.get(reverse("people:groups"), {"unit_q": "Sở Giáo dục và Đào tạo"}).content.decode()
    assert ("Đơn vị: không có đơn vị nào tên “Sở Giáo dục và Đào tạo” trong các đơn vị ông/bà được chọn ở đây."
            in page)
    assert "Giàng A Páo" not in page and "Nguyễn Văn An" in page  # not filtered, and never another unit's


def test_bulk_confirm_with_each_suggestion_skips_those_without(world):
    Person.objects.filter(pk=world.person_a.pk).update(position="Giám đốc Sở Y tế")
    Person.objects.filter(pk=world.person_a_child.pk).update(position="Điều dưỡng")
    other = make_person("Trần Thị Cúc", unit=world.unit_a, position="Hưu trí")
    client = client_for(world, "clerk_a")
    response = client.post(reverse("people:groups"), {"persons": [world.person_a.pk, world.person_a_child.pk,
                                                                  other.pk], "group": ""}, follow=True)
    groups = dict(Person.objects.filter(unit__in=[world.unit_a, world.unit_a_child]).values_list(
        "full_name", "statistical_group"))
    assert groups == {"Nguyễn Văn An": "department_leader", "Đặng Thị Đào": "direct_worker", "Trần Thị Cúc": ""}
    text = response.content.decode()
    assert "Đã phân loại 2 người." in text and "1 người chưa có gợi ý: hãy chọn đối tượng cho họ." in text
    assert AuditEvent.objects.filter(changes__has_key="statistical_group", actor=world.users["clerk_a"]).count() == 2


def test_bulk_confirm_with_one_chosen_group(world):
    client_for(world, "clerk_a").post(reverse("people:groups"), {
        "persons": [world.person_a.pk, world.person_a_child.pk], "group": "business"})
    assert set(Person.objects.filter(statistical_group="business").values_list("full_name", flat=True)) == {
        "Nguyễn Văn An", "Đặng Thị Đào"}


def test_another_units_person_is_refused_and_nothing_changes(world):
    response = client_for(world, "clerk_a").post(reverse("people:groups"), {
        "persons": [world.person_a.pk, world.person_b.pk], "group": "business"})
    assert response.status_code == 200
    assert '<div class="errors error-summary" role="alert"' in response.content.decode()
    assert not Person.objects.filter(statistical_group="business").exists()


def test_the_council_member_may_not_classify(world):
    response = client_for(world, "council_member").post(reverse("people:groups"), {
        "persons": [world.person_a.pk], "group": "business"})
    assert response.status_code == 403
    assert not Person.objects.filter(statistical_group="business").exists()


@pytest.mark.parametrize("rows", [1, 3])
def test_the_page_makes_a_fixed_number_of_queries(world, django_assert_num_queries, rows):
    for i in range(rows):
        make_person(f"Người số {i}", unit=world.unit_a_child, position="Giáo viên")
    client = client_for(world, "clerk_a")
    client.get(reverse("people:groups"))  # warm the session and scope
    with django_assert_num_queries(_QUERIES):
        client.get(reverse("people:groups"), {"unit": world.unit_a.pk})


# Session and user, scope (memberships, unit graph for the scope and for the filter), count, page, units,
# confirmed/unconfirmed counts, the chosen unit's label in the unit picker, and the page's own middleware reads:
# the same for 1 and 3 rows.
_QUERIES = 13
