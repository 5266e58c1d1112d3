"""The bulk history loader that feeds the eligibility engine: a fixed number of queries whatever the
number of recipients (one per table and per chunk of ids), and exactly the history recorded."""

import datetime
import json

import pytest

from tdkt.awards import queries
from tdkt.awards.models import OpenCase
from tdkt.awards.queries import History, load_histories
from tdkt.eligibility.types import (
    AwardEntry,
    Candidate,
    DisciplineEntry,
    InitiativeEntry,
    MemberStats,
    RatingEntry,
)
from tdkt.people.models import Household
from tests.factories import make_award, make_discipline, make_initiative, make_person, make_rating, make_unit

d = datetime.date
# One query for the codes of the catalogue, then per chunk of ids: 6 for persons, 3 for collectives (+5 for
# their members' figures), 1 for households.
CATALOGUE_QUERY, PERSON_QUERIES, UNIT_QUERIES, MEMBER_QUERIES, HOUSEHOLD_QUERIES = 1, 6, 3, 5, 1


def _people(unit, count):
    people = []
    for n in range(count):
        person = make_person(f"Nguyễn Thị {n:02d}", unit=unit, gender="female" if n % 2 else "male")
        make_rating(person=person, year=2023, level="HTTNV")
        make_rating(person=person, year=2024, level="HTXSNV")
        make_award(person=person, code="LDTT", year=2023)
        make_award(person=person, code="CSTD_CS", year=2024, decision_date=d(2025, 1, 15))
        make_initiative(person, title=f"Sáng kiến {n}", year=2024, scope="TINH")
        make_discipline(person, level="khien_trach", start=d(2021, 1, 1), end=d(2021, 6, 30))
        OpenCase.objects.create(person=person, kind="complaint", opened_on=d(2025, 2, 1))
        people.append(person)
    return people


@pytest.mark.parametrize("size", [1, 20])
def test_persons_load_with_a_fixed_number_of_queries(db, django_assert_num_queries, size):
    unit = make_unit("Sở Y tế", code="SYT")
    people = _people(unit, size)
    with django_assert_num_queries(CATALOGUE_QUERY + PERSON_QUERIES):
        histories = load_histories(person_ids=[p.pk for p in people])
    assert len(histories) == size
    assert {len(h.awards) for h in histories.values()} == {2}
    assert {h.open_cases[0][:10] for h in histories.values()} == {"complaint:"}


@pytest.mark.parametrize("size", [1, 20])
def test_collectives_and_households_load_with_a_fixed_number_of_queries(db, django_assert_num_queries, size):
    parent = make_unit("Ủy ban nhân dân tỉnh", code="UBND")
    units = [make_unit(f"Trường {n}", parent=parent, code=f"T{n:02d}") for n in range(size)]
    households = [Household.objects.create(head_name=f"Hộ {n}", unit=parent) for n in range(size)]
    for unit, household in zip(units, households, strict=True):
        make_rating(unit=unit, year=2024, level="HTXSNV")
        make_award(unit=unit, code="TTLDXS", year=2024)
        make_award(household=household, code="GDVH", year=2024)
        make_person("Lò Văn Pầu", unit=unit)
    unit_ids, household_ids = [u.pk for u in units], [h.pk for h in households]
    with django_assert_num_queries(CATALOGUE_QUERY + UNIT_QUERIES):
        load_histories(unit_ids=unit_ids)
    with django_assert_num_queries(CATALOGUE_QUERY + UNIT_QUERIES + MEMBER_QUERIES):
        histories = load_histories(unit_ids=unit_ids, year=2024)
    assert {h.members.total for h in histories.values()} == {1}
    with django_assert_num_queries(CATALOGUE_QUERY + HOUSEHOLD_QUERIES):
        histories = load_histories(household_ids=household_ids)
    assert {tuple(a.award for a in h.awards) for h in histories.values()} == {("GDVH",)}


def test_every_kind_at_once_still_costs_one_query_per_table(db, django_assert_num_queries):
    unit = make_unit("Sở Y tế", code="SYT")
    person = make_person("Nguyễn Văn An", unit=unit)
    household = Household.objects.create(head_name="Hộ Lò Văn Pầu", unit=unit)
    with django_assert_num_queries(CATALOGUE_QUERY + PERSON_QUERIES + UNIT_QUERIES + MEMBER_QUERIES + HOUSEHOLD_QUERIES):
        histories = load_histories(person_ids=[person.pk], unit_ids=[unit.pk], household_ids=[household.pk], year=2024)
    assert sorted(histories) == sorted([("individual", person.pk), ("collective", unit.pk), ("household", household.pk)])


def test_ids_are_chunked_and_the_result_is_the_same(db, django_assert_num_queries, monkeypatch):
    unit = make_unit("Sở Y tế", code="SYT")
    ids = [p.pk for p in _people(unit, 12)]
    whole = load_histories(person_ids=ids)
    monkeypatch.setattr(queries, "CHUNK", 5)
    with django_assert_num_queries(CATALOGUE_QUERY + PERSON_QUERIES * 3):  # 12 ids: chunks of 5, 5 and 2
        chunked = load_histories(person_ids=ids + ids[:3])  # repeated ids are loaded once
    assert chunked == whole


def test_a_person_history_is_exact_and_in_year_order(db):
    unit = make_unit("Sở Y tế", code="SYT")
    person = make_person("Nguyễn Thị Hoa", unit=unit, gender="female")
    quiet = make_person("Giàng A Páo", unit=unit)
    make_rating(person=person, year=2024, level="HTXSNV")
    make_rating(person=person, year=2022, level="HTTNV")
    make_rating(person=quiet, year=2024, level="HTNV")
    cs = make_award(person=person, code="CSTD_CS", year=2023, decision_date=d(2024, 1, 20))
    make_award(person=person, code="LDTT", year=2022)
    make_award(person=person, code="BK_TINH", basis="thematic", year=2021, period_from=d(2019, 1, 1),
               period_to=d(2021, 12, 31))
    used = make_initiative(person, title="Phần mềm hẹn khám", year=2023, scope="CO_SO", used_for=cs)
    fresh = make_initiative(person, quiet, title="Sổ tay điều dưỡng", year=2024, scope="TINH")
    make_discipline(person, level="canh_cao", start=d(2020, 3, 1), end=d(2021, 2, 28))
    OpenCase.objects.create(person=person, kind="inspection", opened_on=d(2025, 5, 1), reference="12/TB-TTr")
    OpenCase.objects.create(person=person, kind="complaint", opened_on=d(2024, 1, 1), closed_on=d(2024, 3, 1))

    histories = load_histories(person_ids=[person.pk, quiet.pk], open_on=d(2025, 6, 1))

    assert histories[("individual", person.pk)] == History(
        kind="individual",
        ratings=(RatingEntry(2022, "HTTNV"), RatingEntry(2024, "HTXSNV")),
        awards=(
            AwardEntry("BK_TINH", 2021, "thematic", d(2019, 1, 1), d(2021, 12, 31), None),
            AwardEntry("LDTT", 2022, "merit", None, None, None),
            AwardEntry("CSTD_CS", 2023, "merit", None, None, d(2024, 1, 20)),
        ),
        initiatives=(InitiativeEntry(str(used.pk), 2023, "CO_SO", "CSTD_CS", 2023),
                     InitiativeEntry(str(fresh.pk), 2024, "TINH", None)),
        discipline=(DisciplineEntry("canh_cao", d(2020, 3, 1), d(2021, 2, 28)),),
        open_cases=("inspection:2025-05-01:12/TB-TTr",),
        gender="F",
    )
    assert histories[("individual", quiet.pk)] == History(
        kind="individual", ratings=(RatingEntry(2024, "HTNV"),),
        initiatives=(InitiativeEntry(str(fresh.pk), 2024, "TINH", None),),
    )


def test_open_cases_are_those_open_on_the_given_day(db):
    unit = make_unit("Sở Y tế", code="SYT")
    person = make_person("Nguyễn Văn An", unit=unit)
    OpenCase.objects.create(person=person, kind="complaint", opened_on=d(2024, 1, 1), closed_on=d(2024, 6, 30))
    OpenCase.objects.create(person=person, kind="inspection", opened_on=d(2024, 9, 1))
    OpenCase.objects.create(unit=unit, kind="investigation", opened_on=d(2024, 2, 1), closed_on=d(2024, 12, 1))

    def open_on(day):
        histories = load_histories(person_ids=[person.pk], unit_ids=[unit.pk], open_on=day)
        return histories[("individual", person.pk)].open_cases, histories[("collective", unit.pk)].open_cases

    assert open_on(d(2023, 12, 31)) == ((), ())
    assert open_on(d(2024, 3, 1)) == (("complaint:2024-01-01",), ("investigation:2024-02-01",))
    assert open_on(d(2024, 6, 30)) == ((), ("investigation:2024-02-01",))  # closed that day
    assert open_on(d(2024, 12, 31)) == (("inspection:2024-09-01",), ())


def test_members_figures_of_a_collective_for_the_year(db):
    unit = make_unit("Trường THPT số 1", code="THPT1")
    sub_unit = make_unit("Tổ Toán", parent=unit, code="TOAN")
    members = [make_person(f"Giáo viên {n}", unit=unit) for n in range(10)]
    for n, person in enumerate(members):
        make_rating(person=person, year=2024, level="KHTNV" if n == 9 else "HTTNV")
        make_rating(person=person, year=2023, level="HTXSNV")
        if n < 7:
            make_award(person=person, code="LDTT", year=2024)
        make_award(person=person, code="LDTT", year=2023)
    make_award(person=members[7], code="CSTT", year=2024)  # the armed-forces twin of LĐTT
    make_award(person=members[0], code="CSTD_CS", year=2024)
    make_award(person=members[1], code="CSTD_CS", year=2023)
    make_discipline(members[2], level="canh_cao", start=d(2024, 12, 31), end=d(2025, 12, 30))
    make_discipline(members[3], level="khien_trach", start=d(2024, 1, 1), end=d(2024, 6, 30))
    make_discipline(members[4], level="cach_chuc", start=d(2022, 1, 1), end=d(2023, 12, 31))
    outsider = make_person("Giáo viên tổ Toán", unit=sub_unit)
    make_award(person=outsider, code="LDTT", year=2024)
    make_rating(unit=unit, year=2024, level="HTXSNV")
    make_award(unit=unit, code="TTLDTT", year=2024)

    history = load_histories(unit_ids=[unit.pk, sub_unit.pk], year=2024)
    assert history[("collective", unit.pk)] == History(
        kind="collective",
        ratings=(RatingEntry(2024, "HTXSNV"),),
        awards=(AwardEntry("TTLDTT", 2024, "merit", None, None, None),),
        members=MemberStats(total=10, ldtt=8, completed_tasks=9, cstd_cs=1, disciplined_warning_or_above=1),
    )
    assert history[("collective", sub_unit.pk)].members == MemberStats(1, 1, 0, 0, 0)
    assert load_histories(unit_ids=[unit.pk])[("collective", unit.pk)].members is None


def test_a_history_becomes_an_engine_candidate_and_the_json_interchange(db):
    unit = make_unit("Sở Y tế", code="SYT")
    person = make_person("Nguyễn Thị Hoa", unit=unit, gender="female")
    make_rating(person=person, year=2024, level="HTXSNV")
    make_award(person=person, code="BK_TINH", year=2021, period_from=d(2019, 1, 1), period_to=d(2021, 12, 31))
    initiative = make_initiative(person, year=2024, scope="CO_SO")
    make_discipline(person, level="khien_trach", start=d(2020, 1, 1), end=d(2020, 6, 30))
    history = load_histories(person_ids=[person.pk])[("individual", person.pk)]

    candidate = history.candidate(id="p1", award="CSTD_CS", year=2024)
    assert isinstance(candidate, Candidate)
    assert (candidate.kind, candidate.award, candidate.year, candidate.gender) == ("individual", "CSTD_CS", 2024, "F")
    assert candidate.ratings == (RatingEntry(2024, "HTXSNV"),)

    interchange = history.to_interchange(id="p1", award="CSTD_CS", year=2024)
    assert interchange == {
        "id": "p1", "kind": "individual", "award": "CSTD_CS", "year": 2024,
        "ratings": [{"year": 2024, "level": "HTXSNV"}],
        "awards": [{"award": "BK_TINH", "year": 2021, "basis": "merit", "period_from": "2019-01-01",
                    "period_to": "2021-12-31"}],
        "initiatives": [{"id": str(initiative.pk), "year": 2024, "scope": "CO_SO", "used_for": None,
                         "used_for_year": None}],
        "discipline": [{"level": "khien_trach", "from": "2020-01-01", "to": "2020-06-30"}],
        "open_cases": [],
        "gender": "F",
    }
    assert json.loads(json.dumps(interchange)) == interchange


def test_unknown_ids_get_an_empty_history(db):
    assert load_histories(person_ids=[987654]) == {("individual", 987654): History(kind="individual")}
    assert load_histories() == {}  # and no query at all
