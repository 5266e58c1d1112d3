"""Award screens through the real views: the catalogue, the history forms of a person and a collective,
and the timelines on the profile pages. Bad input shows the service's message on the field and saves
nothing; pages run a fixed number of queries whatever the number of rows."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tdkt.accounts.enums import Role
from tdkt.awards.models import AwardRecord, AwardType, DisciplineRecord, Initiative, OpenCase, Rating
from tests.awards.support import THIS_YEAR, vi
from tests.conftest import client_for
from tests.factories import award_type, make_award, make_discipline, make_initiative, make_rating, make_user

d = datetime.date


def counts():
    return (AwardType.objects.count(), AwardRecord.objects.count(), Rating.objects.count(),
            Initiative.objects.count(), DisciplineRecord.objects.count(), OpenCase.objects.count())


def type_post(**overrides):
    data = {
        "code": "DOANH_NHAN_TIEU_BIEU", "name": "Doanh nhân tiêu biểu", "short_name": "", "category": "title",
        "level": "province", "for_individual": "on", "bases": ["merit"], "deciding_authority": "Chủ tịch UBND tỉnh",
        "bonus_individual": "1.5", "bonus_collective": "", "bonus_household": "", "vote_threshold_percent": "",
        "active": "on", "sort_order": "2000", "legal_basis": "", "aliases": "DNTB\nDoanh nhân tiêu biểu tỉnh",
    }
    data.update(overrides)
    return data


# --- catalogue --------------------------------------------------------------------------------------------


def test_the_catalogue_lists_every_type_with_its_coefficients_in_vietnamese(world):
    with translation.override("vi"):
        response = client_for(world, "clerk_b").get(reverse("awards:types"))
    assert [t.code for t in response.context["award_types"]][:5] == ["LDTT", "CSTT", "CSTD_CS", "CSTD_TINH", "CSTD_TQ"]
    assert len(response.context["award_types"]) == 57
    page = response.content.decode()
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in page
    assert "1,5 / 3 / 2,25" in page  # Vietnamese decimals, no trailing zeros
    assert "≤ 0,6 / — / —" in page
    assert response.context["can_manage"] is False
    assert reverse("awards:type_create") not in page


def test_a_specialist_adds_a_provincial_title_through_the_form(world):
    client = client_for(world, "specialist")
    response = client.post(reverse("awards:type_create"), type_post())
    created = AwardType.objects.get(code="DOANH_NHAN_TIEU_BIEU")
    assert response.status_code == 302 and response["Location"] == reverse("awards:type_detail", kwargs={"pk": created.pk})
    assert (created.is_national, created.bonus_individual, created.recipient_kinds) == (False, 1.5, ["individual"])
    detail = client.get(response["Location"]).content.decode()
    assert "DNTB" in detail and "Doanh nhân tiêu biểu tỉnh" in detail


def test_a_bad_type_form_shows_the_message_on_the_field_and_saves_nothing(world):
    before = counts()
    response = client_for(world, "specialist").post(reverse("awards:type_create"), type_post(
        code="cstd cs", aliases="Chiến sỹ thi đua cơ sở", bases=[]))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": ["Write the code in capital letters, digits and “_”, starting with a letter, e.g. CONG_DAN_UU_TU."],
        "bases": ["Choose at least one kind of commendation."],
    }
    assert counts() == before


def test_a_national_code_stays_when_the_form_is_tampered_with(world):
    ldtt = AwardType.objects.get(code="LDTT")
    client = client_for(world, "specialist")
    form = client.get(reverse("awards:type_edit", kwargs={"pk": ldtt.pk})).context["form"]
    assert form.fields["code"].disabled
    response = client.post(reverse("awards:type_edit", kwargs={"pk": ldtt.pk}), type_post(
        code="HACKED", name="Lao động tiên tiến", bonus_individual="0.3", aliases="", active=""))
    assert response.status_code == 302
    ldtt.refresh_from_db()
    assert (ldtt.code, ldtt.active, ldtt.name) == ("LDTT", False, "Lao động tiên tiến")


def test_only_managers_may_post_to_the_catalogue(world):
    before = counts()
    assert client_for(world, "clerk_a").post(reverse("awards:type_create"), type_post()).status_code == 403
    assert client_for(world, "council_member").post(reverse("awards:type_create"), type_post()).status_code == 403
    assert counts() == before


# --- history forms of a person ----------------------------------------------------------------------------


def award_post(**overrides):
    data = {"award_type": award_type("LDTT").pk, "basis": "merit", "year": "2024", "school_year": "",
            "period_from": "", "period_to": "", "decision_number": "15/QĐ-SYT", "decision_date": "2025-01-10",
            "decision_issuer": "Giám đốc Sở Y tế", "source": "issued_here", "note": ""}
    data.update(overrides)
    return data


def test_a_clerk_records_an_award_and_sees_it_on_the_timeline(world):
    client = client_for(world, "clerk_a")
    url = reverse("awards:person_award_add", kwargs={"pk": world.person_a.pk})
    response = client.post(url, award_post())
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", kwargs={"pk": world.person_a.pk})
    recorded = AwardRecord.objects.get()
    assert (recorded.person, recorded.year, recorded.decision_date) == (world.person_a, 2024, d(2025, 1, 10))
    page = client.get(response["Location"])
    timeline = page.context["timeline"]
    assert [(row.year, [a.award_type.code for a in row.awards]) for row in timeline.years] == [(2024, ["LDTT"])]
    assert "15/QĐ-SYT" in page.content.decode()


def test_the_award_form_offers_only_titles_for_individuals(world):
    form = client_for(world, "specialist").get(
        reverse("awards:person_award_add", kwargs={"pk": world.person_a.pk})).context["form"]
    codes = set(form.fields["award_type"].queryset.values_list("code", flat=True))
    assert {"LDTT", "CSTD_CS", "BK_TINH", "GK"} <= codes
    assert not {"TTLDTT", "GDVH", "CO_TINH"} & codes


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"year": str(THIS_YEAR + 1)}, {"year": [f"The year {THIS_YEAR + 1} is in the future."]}),
    ({"year": "2024", "decision_date": "2023-12-31"}, {
        "decision_date": ["The decision is dated before the achievement year 2024."]}),
    ({"year": "", "school_year": "2024/2026"}, {
        "school_year": ["Write the school year as two consecutive years, e.g. 2024-2025."]}),
])
def test_a_bad_award_shows_the_message_on_its_field(world, overrides, expected):
    before = counts()
    response = client_for(world, "clerk_a").post(
        reverse("awards:person_award_add", kwargs={"pk": world.person_a.pk}), award_post(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors == expected
    assert counts() == before


def test_an_initiative_already_used_is_refused_by_the_form(world):
    used = make_initiative(world.person_a, title="Phần mềm hẹn khám", year=2024)
    client = client_for(world, "clerk_a")
    url = reverse("awards:person_award_add", kwargs={"pk": world.person_a.pk})
    assert client.post(url, award_post(award_type=award_type("CSTD_CS").pk, initiatives=[used.pk])).status_code == 302
    form = client.get(url).context["form"]
    assert [label for _value, label in form.fields["initiatives"].choices] == [
        "Phần mềm hẹn khám (2024, Grassroots) — used for Chiến sĩ thi đua cơ sở 2024"]
    response = client.post(url, award_post(award_type=award_type("BK_TINH").pk, decision_number="99/QĐ-UBND",
                                           initiatives=[used.pk]))
    assert response.context["form"].errors == {"initiatives": [
        "The initiative “Phần mềm hẹn khám” has already been used for “Chiến sĩ thi đua cơ sở” (2024)."]}
    assert AwardRecord.objects.count() == 1


def test_a_rating_twice_for_one_year_is_refused_in_vietnamese(world):
    make_rating(person=world.person_a, year=2024, level="HTTNV")
    client = client_for(world, "clerk_a")
    with translation.override("vi"):
        response = client.post(reverse("awards:person_rating_add", kwargs={"pk": world.person_a.pk}),
                               {"year": "2024", "level": "HTXSNV", "note": ""})
    expected = vi("A rating for %(year)s is already recorded for %(recipient)s.", year=2024, recipient="Nguyễn Văn An")
    assert expected == "Xếp loại năm 2024 của Nguyễn Văn An đã được ghi nhận."
    assert response.context["form"].errors == {"year": [expected]}
    assert expected in response.content.decode()
    assert Rating.objects.count() == 1


def test_overlapping_discipline_is_refused_by_the_form(world):
    make_discipline(world.person_a, level="canh_cao", start=d(2023, 3, 1), end=d(2024, 2, 29))
    response = client_for(world, "specialist").post(
        reverse("awards:person_discipline_add", kwargs={"pk": world.person_a.pk}),
        {"level": "khien_trach", "start": "2024-02-01", "end": "2024-07-31", "decision_number": "",
         "decision_date": "", "note": ""})
    assert response.context["form"].errors == {
        "start": ["This period overlaps the discipline “Warning” from 01/03/2023 to 29/02/2024."]}
    assert DisciplineRecord.objects.count() == 1


def test_initiative_and_open_case_forms_record_and_the_case_can_be_closed(world):
    client = client_for(world, "clerk_a")
    person_url = reverse("people:detail", kwargs={"pk": world.person_a.pk})
    response = client.post(reverse("awards:person_initiative_add", kwargs={"pk": world.person_a.pk}), {
        "title": "Sổ tay điều dưỡng", "year": "2024", "scope": "TINH", "decision_number": "3/QĐ-HĐSK",
        "decision_date": "2024-12-20", "recognised_by": "Hội đồng sáng kiến tỉnh"})
    assert response["Location"] == person_url
    assert list(Initiative.objects.get().authors.all()) == [world.person_a]
    response = client.post(reverse("awards:person_case_add", kwargs={"pk": world.person_a.pk}), {
        "kind": "complaint", "opened_on": "2025-03-02", "reference": "Đơn ngày 28/02/2025", "note": ""})
    assert response["Location"] == person_url
    case = OpenCase.objects.get()
    page = client.get(person_url)
    assert [c.pk for c in page.context["timeline"].open_cases] == [case.pk]
    assert 'id="open-cases"' in page.content.decode()
    close_url = reverse("awards:case_close", kwargs={"pk": case.pk})
    response = client.post(close_url, {"closed_on": "2025-03-01", "note": ""})
    assert response.context["form"].errors == {"closed_on": ["A case cannot be closed before it was opened (02/03/2025)."]}
    assert client.post(close_url, {"closed_on": "2025-04-10", "note": "Không có cơ sở"})["Location"] == person_url
    page = client.get(person_url)
    assert (page.context["timeline"].open_cases, [c.pk for c in page.context["timeline"].closed_cases]) == ([], [case.pk])


def test_people_outside_the_clerks_units_cannot_be_written(world):
    before = counts()
    for name in ("person_award_add", "person_rating_add", "person_initiative_add", "person_discipline_add",
                 "person_case_add"):
        url = reverse(f"awards:{name}", kwargs={"pk": world.person_a.pk})
        assert client_for(world, "clerk_b").post(url, award_post()).status_code == 404
        assert client_for(world, "council_member").post(url, award_post()).status_code == 403
    assert counts() == before


# --- collectives --------------------------------------------------------------------------------------------


def test_a_collective_award_and_rating_appear_on_the_unit_page(world):
    client = client_for(world, "clerk_a")
    unit_url = reverse("orgs:detail", kwargs={"pk": world.unit_a.pk})
    response = client.post(reverse("awards:unit_award_add", kwargs={"pk": world.unit_a.pk}),
                           award_post(award_type=award_type("TTLDTT").pk))
    assert response["Location"] == unit_url
    response = client.post(reverse("awards:unit_rating_add", kwargs={"pk": world.unit_a.pk}),
                           {"year": "2024", "level": "HTXSNV", "note": ""})
    assert response["Location"] == unit_url
    page = client.get(unit_url)
    row = page.context["timeline"].years[0]
    assert (row.year, [r.level for r in row.ratings], [a.award_type.code for a in row.awards]) == (
        2024, ["HTXSNV"], ["TTLDTT"])
    assert "Tập thể lao động tiên tiến" in page.content.decode()
    assert page.context["can_record_history"] is True
    assert client_for(world, "council_member").get(unit_url).context["can_record_history"] is False


def test_the_collective_award_form_refuses_individual_titles(world):
    response = client_for(world, "specialist").post(
        reverse("awards:unit_award_add", kwargs={"pk": world.unit_a.pk}), award_post())
    assert response.context["form"].errors == {
        "award_type": ["Select a valid choice. That choice is not one of the available choices."]}


# --- fixed numbers of queries -----------------------------------------------------------------------------
#
# Per request: session, user, memberships (scope); the page's own queries. Each test measures a new client's
# first page, which marks the session active: the session is saved (savepoint, update, release).

TYPE_LIST_QUERIES = 7


@pytest.mark.parametrize("extra_types", [1, 3])
def test_the_catalogue_runs_a_fixed_number_of_queries(world, django_assert_num_queries, extra_types):
    for n in range(extra_types):
        AwardType.objects.create(code=f"TINH_{n}", name=f"Danh hiệu của tỉnh {n}", category="title",
                                 level="province", for_individual=True, bases=["merit"])
    client = client_for(world, "specialist")
    with django_assert_num_queries(TYPE_LIST_QUERIES):
        response = client.get(reverse("awards:types"))
    assert len(response.context["award_types"]) == 57 + extra_types


PERSON_PAGE_QUERIES = 23  # + the unit graph of a clerk's scope, the person, five history queries, the access-log row;
# + the eligibility panel: the catalogue, then load_histories (its codes + six history queries)


@pytest.mark.parametrize("size", [1, 3])
def test_the_person_page_with_its_timeline_runs_a_fixed_number_of_queries(world, django_assert_num_queries, size):
    for n in range(size):
        year = 2020 + n
        make_rating(person=world.person_a, year=year)
        cs = make_award(person=world.person_a, code="CSTD_CS", year=year, decision_number=f"{n}/QĐ")
        make_initiative(world.person_a, title=f"Sáng kiến {n}", year=year, used_for=cs)
        make_discipline(world.person_a, start=d(2010 + n, 1, 1), end=d(2010 + n, 6, 30))
        OpenCase.objects.create(person=world.person_a, kind="inspection", opened_on=d(2025, 1, 1 + n))
    client = client_for(world, "clerk_a")
    with django_assert_num_queries(PERSON_PAGE_QUERIES):
        response = client.get(reverse("people:detail", kwargs={"pk": world.person_a.pk}))
    timeline = response.context["timeline"]
    assert len(timeline.years) == 2 * size and len(timeline.open_cases) == size
    assert [row.year for row in timeline.years] == sorted(row.year for row in timeline.years)


@pytest.mark.parametrize("size", [1, 3])
def test_the_history_form_page_runs_a_fixed_number_of_queries(db, django_assert_num_queries, size):
    from tests.factories import make_person, make_unit

    unit = make_unit("Sở Y tế", code="SYT")
    person = make_person("Nguyễn Văn An", unit=unit)
    for n in range(size):
        make_initiative(person, title=f"Sáng kiến {n}", year=2020 + n,
                        used_for=make_award(person=person, code="CSTD_CS", year=2020 + n))
    client = Client()
    client.force_login(make_user("chuyenvien", role=Role.PROVINCE_SPECIALIST, unit=unit))
    with django_assert_num_queries(9):
        response = client.get(reverse("awards:person_award_add", kwargs={"pk": person.pk}))
    assert len(response.context["form"].fields["initiatives"].choices) == size
