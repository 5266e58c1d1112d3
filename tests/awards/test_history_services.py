"""Services of the award history: every bad input is refused with its exact message and nothing is
saved; every create and update writes its audit row; the database constraints hold on their own."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tdkt.audit.models import AuditEvent
from tdkt.awards import services
from tdkt.awards.models import AwardRecord, AwardType, DisciplineRecord, Initiative, OpenCase, Rating
from tdkt.people.models import Household
from tests.awards.support import THIS_YEAR, refusal, vi
from tests.factories import award_type, make_award, make_discipline, make_initiative, make_rating

d = datetime.date


@pytest.fixture
def specialist(world):
    return world.users["specialist"]


def award(world, by, **fields):
    fields.setdefault("person", world.person_a)
    fields.setdefault("award_type", award_type(fields.pop("code", "LDTT")))
    return services.create_award_record(by=by, **fields)


def counts():
    return (AwardRecord.objects.count(), Rating.objects.count(), Initiative.objects.count(),
            DisciplineRecord.objects.count(), OpenCase.objects.count())


# --- award records ----------------------------------------------------------------------------------------


def test_an_award_is_recorded_and_audited(world, specialist):
    created = award(world, specialist, year=2024, decision_number=" 15/QĐ-SYT ", decision_date=d(2025, 1, 10),
                    decision_issuer="Giám đốc Sở Y tế")
    assert (created.person, created.award_type.code, created.year, created.basis, created.source) == (
        world.person_a, "LDTT", 2024, "merit", "issued_here")
    assert (created.decision_number, created.created_by) == ("15/QĐ-SYT", specialist)
    event = AuditEvent.objects.get(object_type="awards.awardrecord", action="create")
    assert event.actor == specialist
    assert event.changes["after"]["decision_number"] == "15/QĐ-SYT"
    assert event.changes["after"]["person"] == world.person_a.pk


def test_the_year_comes_from_the_school_year_or_the_period(world, specialist):
    by_school_year = award(world, specialist, code="CSTD_CS", school_year="2023 – 2024")
    assert (by_school_year.school_year, by_school_year.year) == ("2023-2024", 2024)
    by_period = award(world, specialist, code="BK_TINH", period_from=d(2020, 1, 1), period_to=d(2022, 12, 31))
    assert by_period.year == 2022


BAD_AWARDS = [
    ({"year": THIS_YEAR + 1}, {"year": [f"The year {THIS_YEAR + 1} is in the future."]}),
    ({"year": 1850}, {"year": ["The year must be 1900 or later."]}),
    ({}, {"year": ["Give the achievement year, the school year or the achievement period."]}),
    ({"school_year": "2024-2026"}, {"school_year": ["Write the school year as two consecutive years, e.g. 2024-2025."]}),
    ({"school_year": "năm học 2024"}, {"school_year": [
        "Write the school year as two consecutive years, e.g. 2024-2025."]}),
    ({"year": 2020, "school_year": "2023-2024"}, {"year": ["The school year 2023-2024 does not include the year 2020."]}),
    ({"year": 2024, "code": "TTLDTT"}, {"award_type": ["“Tập thể lao động tiên tiến” is not given to individuals."]}),
    ({"year": 2024, "code": "GDVH"}, {"award_type": ["“Gia đình văn hóa” is not given to individuals."]}),
    ({"year": 2024, "basis": "adhoc"}, {"basis": ["“Lao động tiên tiến” is not given as “Ad-hoc achievement”."]}),
    ({"code": "BK_TINH", "period_from": d(2024, 6, 1), "period_to": d(2024, 1, 1), "year": 2024},
     {"period_to": ["The achievement period ends before it starts."]}),
    ({"code": "BK_TINH", "period_from": d(2024, 6, 1), "period_to": d(THIS_YEAR + 1, 1, 1), "year": 2024},
     {"period_to": ["The achievement period cannot end in the future."]}),
    ({"code": "BK_TINH", "period_from": d(2020, 1, 1), "period_to": d(2022, 12, 31), "year": 2019},
     {"year": ["The achievement year 2019 is outside the achievement period."]}),
    ({"year": 2024, "decision_date": d(THIS_YEAR + 1, 1, 5)}, {"decision_date": ["The decision date cannot be in the future."]}),
    ({"year": 2024, "decision_date": d(2023, 12, 30)}, {"decision_date": [
        "The decision is dated before the achievement year 2024."]}),
    ({"code": "BK_TINH", "basis": "adhoc", "period_from": d(2023, 6, 1), "period_to": d(2023, 6, 30),
      "decision_date": d(2023, 3, 1)}, {"decision_date": ["The decision is dated before the achievement period starts."]}),
    ({"year": THIS_YEAR + 2, "code": "TTLDTT", "basis": "foreign"}, {
        "year": [f"The year {THIS_YEAR + 2} is in the future."],
        "award_type": ["“Tập thể lao động tiên tiến” is not given to individuals."],
        "basis": ["“Tập thể lao động tiên tiến” is not given as “Foreign relations”."]}),
]


@pytest.mark.parametrize(("fields", "expected"), BAD_AWARDS)
def test_bad_awards_are_refused_with_exact_messages(world, specialist, fields, expected):
    before = counts(), AuditEvent.objects.count()
    assert refusal(lambda: award(world, specialist, **fields)) == expected
    assert (counts(), AuditEvent.objects.count()) == before


def test_a_title_is_recorded_once_per_year(world, specialist):
    award(world, specialist, year=2024)
    assert refusal(lambda: award(world, specialist, year=2024, decision_number="99/QĐ")) == {
        "year": ["“Lao động tiên tiến” for 2024 is already recorded for Nguyễn Văn An."]}
    assert award(world, specialist, year=2023).year == 2023


def test_a_form_can_be_given_twice_a_year_but_not_twice_for_one_decision(world, specialist):
    award(world, specialist, code="GK", year=2024, decision_number="12/QĐ-SYT")
    award(world, specialist, code="GK", basis="thematic", year=2024, decision_number="40/QĐ-SYT")
    assert refusal(lambda: award(world, specialist, code="GK", year=2024, decision_number="12/QĐ-SYT")) == {
        "decision_number": ["This award is already recorded under decision 12/QĐ-SYT."]}
    assert AwardRecord.objects.filter(award_type__code="GK").count() == 2


def test_a_retired_award_type_is_refused_for_new_decisions_but_kept_for_history(world, specialist):
    AwardType.objects.filter(code="CSTT").update(active=False)
    assert refusal(lambda: award(world, specialist, code="CSTT", year=2019)) == {
        "award_type": ["“Chiến sĩ tiên tiến” is no longer in use."]}
    assert award(world, specialist, code="CSTT", year=2019, source="imported").source == "imported"


@pytest.mark.parametrize("recipients", [{}, {"unit": "unit_a"}])
def test_exactly_one_recipient_is_required(world, specialist, recipients):
    fields = {"person": world.person_a} | {key: getattr(world, value) for key, value in recipients.items()}
    if not recipients:
        fields = {}
    assert refusal(lambda: services.create_award_record(by=specialist, award_type=award_type("GK"), year=2024,
                                                        **fields)) == {
        "__all__": ["Choose exactly one recipient: a person, a collective or a household."]}


def test_collectives_and_households_get_their_own_titles(world, specialist):
    household = Household.objects.create(head_name="Lò Văn Pầu", unit=world.unit_a)
    assert award(world, specialist, person=None, unit=world.unit_a, code="TTLDTT", year=2024).recipient_kind == "collective"
    assert award(world, specialist, person=None, household=household, code="GDVH", year=2024).recipient == household
    assert refusal(lambda: award(world, specialist, person=None, unit=world.unit_a, code="LDTT", year=2024)) == {
        "award_type": ["“Lao động tiên tiến” is not given to collectives."]}
    assert refusal(lambda: award(world, specialist, person=None, household=household, code="TTLDTT", year=2024)) == {
        "award_type": ["“Tập thể lao động tiên tiến” is not given to households."]}


def test_a_clerk_records_history_only_in_their_own_units(world):
    assert award(world, world.users["clerk_a"], person=world.person_a_child, year=2024).pk
    assert refusal(lambda: award(world, world.users["clerk_b"], year=2024)) == {
        "__all__": ["You may not record the history of “Nguyễn Văn An”."]}
    assert refusal(lambda: services.create_rating(by=world.users["council_member"], person=world.person_b,
                                                  year=2024, level="HTTNV")) == {
        "__all__": ["You may not record the history of “Giàng A Páo”."]}


def test_an_award_update_is_validated_and_audited(world, specialist):
    created = award(world, specialist, year=2023)
    assert refusal(lambda: services.update_award_record(created, by=specialist, year=THIS_YEAR + 1)) == {
        "year": [f"The year {THIS_YEAR + 1} is in the future."]}
    services.update_award_record(created, by=specialist, decision_number="7/QĐ-SYT", decision_date=d(2024, 1, 9))
    event = AuditEvent.objects.get(object_type="awards.awardrecord", action="update")
    assert event.changes == {"decision_number": ["", "7/QĐ-SYT"], "decision_date": [None, "2024-01-09"]}
    award(world, specialist, year=2024)
    assert refusal(lambda: services.update_award_record(created, by=specialist, year=2024)) == {
        "year": ["“Lao động tiên tiến” for 2024 is already recorded for Nguyễn Văn An."]}


def test_the_refusal_reads_in_vietnamese(world, specialist):
    from django.utils import translation

    with translation.override("vi"):
        messages = refusal(lambda: award(world, specialist, year=THIS_YEAR + 1))
    assert messages == {"year": [vi("The year %(year)s is in the future.", year=THIS_YEAR + 1)]}
    assert messages["year"][0] == f"Năm {THIS_YEAR + 1} là năm trong tương lai."


# --- initiatives ------------------------------------------------------------------------------------------


def initiative(world, by, **fields):
    fields = {"title": "Số hóa hồ sơ bệnh án", "year": 2024, "scope": "CO_SO"} | fields
    return services.create_initiative(by=by, authors=fields.pop("authors", [world.person_a]), **fields)


def test_an_initiative_is_recorded_with_its_authors_and_audited(world, specialist):
    created = initiative(world, specialist, authors=[world.person_a, world.person_a_child],
                         decision_number="3/QĐ-HĐSK", decision_date=d(2024, 12, 20))
    assert sorted(created.authors.values_list("full_name", flat=True)) == ["Nguyễn Văn An", "Đặng Thị Đào"]
    event = AuditEvent.objects.get(object_type="awards.initiative", action="create")
    assert event.changes["after"]["authors"] == sorted([world.person_a.pk, world.person_a_child.pk])
    assert event.changes["after"]["used_for"] is None


@pytest.mark.parametrize(("fields", "expected"), [
    ({"authors": []}, {"authors": ["An initiative needs at least one author."]}),
    ({"year": THIS_YEAR + 1}, {"year": [f"The year {THIS_YEAR + 1} is in the future."]}),
    ({"decision_date": d(2023, 5, 1)}, {"decision_date": ["The recognising decision is dated before the year 2024."]}),
    ({"decision_date": d(THIS_YEAR + 1, 1, 1)}, {"decision_date": ["The decision date cannot be in the future."]}),
    ({"scope": "WORLD"}, {"scope": ["Value 'WORLD' is not a valid choice."]}),
])
def test_bad_initiatives_are_refused(world, specialist, fields, expected):
    assert refusal(lambda: initiative(world, specialist, **fields)) == expected
    assert counts() == (0, 0, 0, 0, 0)


def test_an_initiative_supports_one_award_only(world, specialist):
    used = initiative(world, specialist)
    first = award(world, specialist, code="CSTD_CS", year=2024, initiatives=[used])
    used.refresh_from_db()
    assert used.used_for == first
    assert AuditEvent.objects.get(object_type="awards.initiative", action="update").changes == {
        "used_for": [None, first.pk]}
    before = counts()
    assert refusal(lambda: award(world, specialist, code="BK_TINH", year=2024, initiatives=[used])) == {
        "initiatives": ["The initiative “Số hóa hồ sơ bệnh án” has already been used for “Chiến sĩ thi đua cơ sở” (2024)."]}
    assert counts() == before  # the second award is not half-saved


def test_an_initiative_supports_only_its_authors_individual_awards_from_its_year_on(world, specialist):
    others = initiative(world, specialist, authors=[world.person_a_child], title="Sổ tay điều dưỡng")
    assert refusal(lambda: award(world, specialist, code="CSTD_CS", year=2024, initiatives=[others])) == {
        "initiatives": ["“Sổ tay điều dưỡng” is not an initiative of Nguyễn Văn An."]}
    later = initiative(world, specialist, title="Phần mềm hẹn khám", year=2025)
    assert refusal(lambda: award(world, specialist, code="CSTD_CS", year=2024, initiatives=[later])) == {
        "initiatives": ["The initiative “Phần mềm hẹn khám” was recognised in 2025, after the achievement year."]}
    mine = initiative(world, specialist)
    collective = award(world, specialist, person=None, unit=world.unit_a, code="TTLDXS", year=2024)
    assert refusal(lambda: services.use_initiative_for_award(mine, collective, by=specialist)) == {
        "initiatives": ["Initiatives support only awards to individuals."]}


def test_an_initiative_update_keeps_what_it_was_used_for(world, specialist):
    created = initiative(world, specialist)
    updated = services.update_initiative(created, by=specialist, scope="TINH", authors=[world.person_a_child])
    assert (updated.scope, list(updated.authors.all())) == ("TINH", [world.person_a_child])
    assert AuditEvent.objects.get(object_type="awards.initiative", action="update").changes == {
        "scope": ["CO_SO", "TINH"], "authors": [[world.person_a.pk], [world.person_a_child.pk]]}
    with pytest.raises(TypeError, match=r"^Fields that cannot be changed here: \['used_for'\]$"):
        services.update_initiative(created, by=specialist, used_for=None)


# --- ratings ----------------------------------------------------------------------------------------------


def test_a_rating_is_recorded_once_per_year_and_recipient(world, specialist):
    created = services.create_rating(by=specialist, person=world.person_a, year=2024, level="HTXSNV")
    assert AuditEvent.objects.get(object_type="awards.rating", action="create").changes["after"]["level"] == "HTXSNV"
    assert refusal(lambda: services.create_rating(by=specialist, person=world.person_a, year=2024, level="HTNV")) == {
        "year": ["A rating for 2024 is already recorded for Nguyễn Văn An."]}
    services.create_rating(by=specialist, unit=world.unit_a, year=2024, level="HTTNV")  # the collective: its own
    assert refusal(lambda: services.create_rating(by=specialist, unit=world.unit_a, year=2024, level="HTNV")) == {
        "year": ["A rating for 2024 is already recorded for Sở Y tế."]}
    other_year = services.create_rating(by=specialist, person=world.person_a, year=2023, level="HTTNV")
    assert refusal(lambda: services.update_rating(other_year, by=specialist, year=2024)) == {
        "year": ["A rating for 2024 is already recorded for Nguyễn Văn An."]}
    services.update_rating(created, by=specialist, level="HTTNV")
    assert AuditEvent.objects.get(object_type="awards.rating", action="update").changes == {"level": ["HTXSNV", "HTTNV"]}


@pytest.mark.parametrize(("fields", "expected"), [
    ({"year": THIS_YEAR + 1, "level": "HTTNV"}, {"year": [f"The year {THIS_YEAR + 1} is in the future."]}),
    ({"year": 2024, "level": "GIOI"}, {"level": ["Value 'GIOI' is not a valid choice."]}),
])
def test_bad_ratings_are_refused(world, specialist, fields, expected):
    assert refusal(lambda: services.create_rating(by=specialist, person=world.person_a, **fields)) == expected
    assert Rating.objects.count() == 0


# --- discipline -------------------------------------------------------------------------------------------


def discipline(world, by, start, end, **fields):
    fields = {"person": world.person_a, "level": "canh_cao"} | fields
    return services.create_discipline(by=by, start=start, end=end, **fields)


def test_discipline_periods_of_one_person_never_overlap(world, specialist):
    discipline(world, specialist, d(2023, 3, 1), d(2024, 2, 29), decision_number="5/QĐ-SYT")
    assert refusal(lambda: discipline(world, specialist, d(2024, 2, 29), d(2024, 8, 31), level="khien_trach")) == {
        "start": ["This period overlaps the discipline “Warning” from 01/03/2023 to 29/02/2024."]}
    assert refusal(lambda: discipline(world, specialist, d(2022, 1, 1), d(2025, 1, 1))) == {
        "start": ["This period overlaps the discipline “Warning” from 01/03/2023 to 29/02/2024."]}
    assert discipline(world, specialist, d(2024, 3, 1), d(2024, 8, 31), level="khien_trach").pk  # the day after
    assert discipline(world, specialist, d(2023, 3, 1), d(2024, 2, 29), person=world.person_a_child).pk
    assert DisciplineRecord.objects.count() == 3
    assert AuditEvent.objects.filter(object_type="awards.disciplinerecord", action="create").count() == 3


def test_an_update_cannot_make_discipline_periods_overlap(world, specialist):
    first = discipline(world, specialist, d(2022, 1, 1), d(2022, 6, 30), level="khien_trach")
    discipline(world, specialist, d(2023, 1, 1), d(2023, 12, 31))
    assert refusal(lambda: services.update_discipline(first, by=specialist, end=d(2023, 1, 1))) == {
        "start": ["This period overlaps the discipline “Warning” from 01/01/2023 to 31/12/2023."]}
    services.update_discipline(first, by=specialist, end=d(2022, 12, 31))
    assert AuditEvent.objects.get(object_type="awards.disciplinerecord", action="update").changes == {
        "end": ["2022-06-30", "2022-12-31"]}


@pytest.mark.parametrize(("start", "end", "extra", "expected"), [
    (d(2024, 5, 1), d(2024, 4, 30), {}, {"end": ["The discipline period ends before it starts."]}),
    (d(2024, 5, 1), d(2025, 4, 30), {"decision_date": d(THIS_YEAR + 1, 1, 1)},
     {"decision_date": ["The decision date cannot be in the future."]}),
    (d(2024, 5, 1), d(2025, 4, 30), {"level": "tu_hinh"}, {"level": ["Value 'tu_hinh' is not a valid choice."]}),
])
def test_bad_discipline_is_refused(world, specialist, start, end, extra, expected):
    assert refusal(lambda: discipline(world, specialist, start, end, **extra)) == expected
    assert DisciplineRecord.objects.count() == 0


# --- open cases -------------------------------------------------------------------------------------------


def test_a_case_is_opened_and_closed_once(world, specialist):
    case = services.create_open_case(by=specialist, person=world.person_a, kind="complaint", opened_on=d(2025, 3, 2),
                                     reference="Đơn ngày 28/02/2025", note="Phản ánh về chấm công")
    assert case.is_open
    assert refusal(lambda: services.close_open_case(case, by=specialist, closed_on=d(2025, 3, 1))) == {
        "closed_on": ["A case cannot be closed before it was opened (02/03/2025)."]}
    assert refusal(lambda: services.close_open_case(case, by=specialist, closed_on=d(THIS_YEAR + 1, 1, 1))) == {
        "closed_on": ["The closing date cannot be in the future."]}
    closed = services.close_open_case(case, by=specialist, closed_on=d(2025, 4, 10), note="Không có cơ sở")
    assert (closed.is_open, closed.note) == (False, "Phản ánh về chấm công\nKhông có cơ sở")
    assert AuditEvent.objects.get(object_type="awards.opencase", action="update").changes == {
        "closed_on": [None, "2025-04-10"], "note": ["Phản ánh về chấm công", "Phản ánh về chấm công\nKhông có cơ sở"]}
    assert refusal(lambda: services.close_open_case(case, by=specialist, closed_on=d(2025, 5, 1))) == {
        "__all__": ["This case was already closed on 10/04/2025."]}


def test_bad_cases_are_refused(world, specialist):
    assert refusal(lambda: services.create_open_case(by=specialist, unit=world.unit_a, kind="inspection",
                                                     opened_on=d(THIS_YEAR + 1, 1, 1))) == {
        "opened_on": ["The opening date cannot be in the future."]}
    assert refusal(lambda: services.create_open_case(by=specialist, person=world.person_a, unit=world.unit_a,
                                                     kind="inspection", opened_on=d(2025, 1, 1))) == {
        "__all__": ["Choose exactly one recipient: a person, a collective or a household."]}
    assert OpenCase.objects.count() == 0


# --- constraints in the database itself ----------------------------------------------------------------------


def check(name: str) -> str:
    """The refusal of a CHECK constraint, in SQLite's words or PostgreSQL's."""
    return rf'^(CHECK constraint failed: {name}|new row for relation "\w+" violates check constraint "{name}")'


def unique(table: str, *columns: str) -> str:
    """The refusal of a UNIQUE constraint: SQLite names the columns, PostgreSQL the key."""
    return (rf"^(UNIQUE constraint failed: {', '.join(f'{table}.{c}' for c in columns)}$"
            rf"|duplicate key value violates unique constraint .*\nDETAIL:  Key \({', '.join(columns)}\)=)")


def _refused_by_database(create, match: str):
    with pytest.raises(IntegrityError, match=match), transaction.atomic():
        create()


def test_the_database_requires_exactly_one_recipient_of_an_award(world):
    ldtt = award_type("LDTT")
    _refused_by_database(lambda: AwardRecord.objects.create(award_type=ldtt, year=2024), check("award_record_exactly_one_recipient"))
    _refused_by_database(lambda: AwardRecord.objects.create(award_type=ldtt, year=2024, person=world.person_a,
                                                            unit=world.unit_a), check("award_record_exactly_one_recipient"))
    household = Household.objects.create(head_name="Lò Văn Pầu", unit=world.unit_a)
    _refused_by_database(lambda: AwardRecord.objects.create(award_type=ldtt, year=2024, unit=world.unit_a,
                                                            household=household), check("award_record_exactly_one_recipient"))
    assert AwardRecord.objects.create(award_type=ldtt, year=2024, person=world.person_a).pk


def test_the_database_keeps_one_rating_per_recipient_and_year(world):
    make_rating(person=world.person_a, year=2024)
    _refused_by_database(lambda: make_rating(person=world.person_a, year=2024, level="HTNV"), unique("awards_rating", "person_id", "year"))
    make_rating(unit=world.unit_a, year=2024)
    _refused_by_database(lambda: make_rating(unit=world.unit_a, year=2024, level="HTNV"), unique("awards_rating", "unit_id", "year"))
    _refused_by_database(lambda: make_rating(person=world.person_b, unit=world.unit_b, year=2024), check("rating_exactly_one_recipient"))
    _refused_by_database(lambda: make_rating(year=2024), check("rating_exactly_one_recipient"))
    assert Rating.objects.count() == 2


def test_the_database_refuses_impossible_periods_and_duplicate_decisions(world):
    make_award(person=world.person_a, code="GK", decision_number="1/QĐ")
    _refused_by_database(lambda: make_award(person=world.person_a, code="GK", decision_number="1/QĐ"), unique("awards_awardrecord", "person_id", "award_type_id", "year", "decision_number"))
    _refused_by_database(lambda: make_award(person=world.person_a, code="BK_TINH", period_from=d(2024, 5, 1),
                                            period_to=d(2024, 1, 1)), check("award_record_period_in_order"))
    _refused_by_database(lambda: make_discipline(world.person_a, start=d(2024, 5, 1), end=d(2024, 1, 1)), check("discipline_period_in_order"))
    _refused_by_database(lambda: OpenCase.objects.create(kind="complaint", opened_on=d(2024, 1, 1)), check("open_case_exactly_one_subject"))
    _refused_by_database(lambda: OpenCase.objects.create(person=world.person_a, kind="complaint",
                                                         opened_on=d(2024, 5, 1), closed_on=d(2024, 1, 1)), check("open_case_closed_after_opened"))
    assert make_award(person=world.person_a, code="GK", decision_number="2/QĐ").pk


def test_an_initiative_row_can_point_at_one_award_only(world):
    used = make_initiative(world.person_a)
    first = make_award(person=world.person_a, code="CSTD_CS")
    Initiative.objects.filter(pk=used.pk).update(used_for=first)
    assert list(first.initiatives.all()) == [used]
    assert Initiative._meta.get_field("used_for").many_to_one  # a single foreign key: never two awards
