"""The forms engine: each cell equals a naive count (hypothesis over random small registers), the list behind
a cell holds exactly the records counted, a new circular is a folder (no code change), definitions that do not
hold together fail loudly, and movements, organisations and civil servants are classified as reporting.md
says."""

import datetime
import json
import shutil

import pytest
from django.db import transaction
from django.test.utils import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.awards.models import AwardRecord
from tdkt.movements.models import Movement
from tdkt.people.models import Household
from tdkt.reports.models import TdktOffice, TdktStaffMember
from tdkt.reports.periods import statistical_year
from tdkt.reports.register import units_under
from tdkt.reports.statistics import definitions
from tdkt.reports.statistics.compute import compute
from tdkt.reports.statistics.sources import SOURCES
from tests.factories import award_type, make_person
from tests.reports.forms.support import YEAR, naive_cells

PERIOD = statistical_year(YEAR)
CODES = ["BK_TINH", "CSTD_TINH", "CO_TINH", "KNC_TINH", "TTLDXS", "BK_TTG", "HCLD3", "CSTD_TQ", "GK"]
GROUPS = ["", "province_leader", "department_leader", "business", "manager", "direct_worker"]
BASES = ["merit", "thematic", "adhoc", "foreign", "dedication", "seniority", "resistance"]
DATES = [None, datetime.date(2025, 11, 30), datetime.date(2025, 12, 1), datetime.date(2026, 6, 1),
         datetime.date(2026, 11, 30), datetime.date(2026, 12, 1)]


@pytest.fixture
def register(world):
    """Recipients of every kind in two units: persons of each confirmed group (and none), a household."""
    persons = [make_person(f"Người thứ {i}", unit=world.unit_a if i % 2 else world.unit_b, statistical_group=group)
               for i, group in enumerate(GROUPS)]
    household = Household.objects.create(head_name="Lò Văn Sử", unit=world.unit_a)
    return {"persons": persons, "units": [world.unit_a, world.unit_b, world.unit_a_child], "household": household,
            "types": {code: award_type(code) for code in CODES}, "world": world}


record_spec = st.fixed_dictionaries({
    "kind": st.sampled_from(["person", "unit", "household"]), "who": st.integers(0, 5),
    "code": st.sampled_from(CODES), "basis": st.sampled_from(BASES), "frozen": st.sampled_from(GROUPS),
    "enterprise": st.booleans(), "date": st.sampled_from(DATES)})


def _create(register, spec):
    kind, who = spec["kind"], spec["who"]
    recipient = {"person": register["persons"][who]} if kind == "person" else \
        {"unit": register["units"][who % 3]} if kind == "unit" else {"household": register["household"]}
    return AwardRecord.objects.create(
        **recipient, award_type=register["types"][spec["code"]], basis=spec["basis"], year=2026,
        decision_date=spec["date"], person_group=spec["frozen"] if kind == "person" else "",
        is_enterprise=spec["enterprise"] and kind == "unit")


class Rollback(Exception):
    pass


@pytest.mark.django_db
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(specs=st.lists(record_spec, max_size=25), by_unit=st.booleans())
def test_each_cell_equals_a_naive_count(register, specs, by_unit):
    unit = register["world"].unit_a if by_unit else None
    try:
        with transaction.atomic():
            for spec in specs:
                _create(register, spec)
            for number in ("0602", "0603"):
                definition = definitions.circular("02/2023").form(number)
                result = compute(definition, YEAR, unit)
                expected = naive_cells(definition, PERIOD, units_under(unit) if unit else None)
                assert result.cells == expected
                assert result.failed_checks == []
                # The list behind a cell is exactly what the cell counts (its own query per cell).
                for row in definition.rows[:3] + definition.rows[-8:]:
                    if row.filter is None:
                        continue
                    for column in definition.columns[:3]:
                        items = SOURCES["awards"].items(PERIOD, unit, definition.base,
                                                        {"all": [row.filter, column.filter]})
                        assert items.count() == result.cells[row.code][column.number]
            raise Rollback
    except Rollback:
        pass


@pytest.mark.django_db
def test_0603_counts_exactly_the_provincial_awards_of_the_period(register):
    persons, unit = register["persons"], register["units"][0]
    types = register["types"]

    def add(code, date, **extra):
        return AwardRecord.objects.create(award_type=types[code], year=2026, decision_date=date, **extra)

    add("BK_TINH", datetime.date(2025, 12, 1), person=persons[1], basis="merit")  # first day: in
    add("BK_TINH", datetime.date(2026, 11, 30), person=persons[0], basis="adhoc")  # last day, unclassified
    add("BK_TINH", datetime.date(2026, 12, 1), person=persons[2])  # next statistical year: out
    add("CO_TINH", datetime.date(2026, 3, 1), unit=unit, is_enterprise=True, basis="thematic")
    add("CSTD_TINH", datetime.date(2026, 3, 1), person=persons[5], person_group="business")  # frozen wins
    add("TTLDXS", datetime.date(2026, 3, 1), unit=unit)  # provincial, but no column: warned
    add("BK_TTG", datetime.date(2026, 3, 1), person=persons[1])  # State level: 0602
    add("KNC_TINH", None, person=persons[3])  # no decision date: in no period, warned
    add("BK_TINH", datetime.date(2026, 5, 5), household=register["household"], basis="resistance")
    result = compute(definitions.circular("02/2023").form("0603"), YEAR)
    cells = result.cells
    assert [cells["01"][n] for n in "12345"] == [5, 3, 1, 1, 0]
    assert (cells["11"]["1"], cells["12"]["1"], cells["13"]["1"], cells["14"]["1"]) == (1, 1, 1, 3)
    assert [cells[code]["1"] for code in ("15", "16", "17", "18", "19", "20")] == [1, 0, 1, 0, 0, 1]
    assert [cells[code]["1"] for code in ("31", "32", "33", "37")] == [2, 1, 1, 1]
    assert result.failed_checks == []
    warnings = {w.code: w.count for w in result.warnings}
    assert warnings == {"unclassified_individuals": 1, "outside_columns": 1, "without_decision_date": 1}
    again = compute(definitions.circular("02/2023").form("0603"), YEAR)
    assert again.cells == cells  # the same question gives the same figures


@pytest.mark.django_db
def test_a_year_without_data_gives_zeros(register):
    for definition in definitions.circular("02/2023").forms():
        result = compute(definition, 2001)
        assert {n for cells in result.cells.values() for n in cells.values()} == {0}
        assert result.failed_checks == [] and result.warnings == []


def test_a_new_circular_is_a_folder(tmp_path, db):
    """0603 copied under a fictitious circular, one row renamed: rendered with no code change."""
    folder = tmp_path / "99-2030"
    folder.mkdir()
    shutil.copy(definitions.PACKAGE_FORMS / "02-2023" / "0603.json", folder / "0603.json")
    (folder / "circular.json").write_text(json.dumps({
        "id": "99/2030", "title": "Thông tư giả định số 99/2030", "status": "Thử nghiệm", "confirmed": True,
        "receiving_unit": "Bộ Nội vụ", "receipt_day": "20/12"}), encoding="utf-8")
    data = json.loads((folder / "0603.json").read_text(encoding="utf-8"))
    data["rows"][1]["label"] = "Theo đối tượng (đổi tên)"
    (folder / "0603.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with override_settings(REPORT_FORM_DIRS=[definitions.PACKAGE_FORMS, tmp_path]):
        circular = definitions.circular("99/2030")
        assert circular.form_numbers() == ["0603"] and circular.form("0602") is None
        result = compute(circular.form("0603"), YEAR)
        assert result.definition.rows[1].label == "Theo đối tượng (đổi tên)"
        assert result.as_json()["circular"] == "99/2030"
        assert [c.id for c in definitions.circulars()] == ["02/2023", "99/2030"]


def test_a_definition_that_does_not_hold_together_fails_loudly(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "circular.json").write_text(json.dumps({"id": "x", "title": "x", "status": "x",
                                                       "receiving_unit": "x"}), encoding="utf-8")
    form = {"number": "0603", "title": "x", "source": "awards", "columns": [{"number": "1", "label": "x"}],
            "rows": [{"code": "01", "label": "x", "filter": {"colour": "red"}}]}
    (folder / "0603.json").write_text(json.dumps(form), encoding="utf-8")
    with override_settings(REPORT_FORM_DIRS=[tmp_path]):
        with pytest.raises(definitions.DefinitionError, match="unknown filter key 'colour'"):
            definitions.circular("x").form("0603")
        form["rows"][0]["filter"] = {}
        form["row_checks"] = [{"total": "01", "parts": ["02"]}]
        (folder / "0603.json").write_text(json.dumps(form), encoding="utf-8")
        with pytest.raises(definitions.DefinitionError, match="row check names a row without figures"):
            definitions.circular("x").form("0603")
        form["source"] = "weather"
        (folder / "0603.json").write_text(json.dumps(form), encoding="utf-8")
        with pytest.raises(definitions.DefinitionError, match="unknown source 'weather'"):
            definitions.circular("x").form("0603")


@pytest.mark.django_db
def test_0601_movements_by_launch_level_scope_duration_and_method(world):
    form = definitions.circular("02/2023").form("0601")
    seeded = compute(form, YEAR).cells  # the national movements the migrations pre-seed

    def movement(name, level, start, end, kind="thematic", **extra):
        return Movement.objects.create(name=name, level=level, kind=kind, start_date=start, end_date=end, **extra)

    movement("Thi đua yêu nước 2021–2025", "national", datetime.date(2021, 1, 1), datetime.date(2025, 12, 31),
             kind="regular")  # five years, running in the period
    movement("Chuyển đổi số", "province", datetime.date(2026, 2, 1), datetime.date(2026, 7, 31))  # 6 months
    movement("Thi đua cụm khối", "province", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31),
             target_scope="groups")
    movement("Phong trào của Sở", "unit", datetime.date(2026, 3, 1), None, launching_unit=world.unit_a)
    movement("Đã xong", "unit", datetime.date(2020, 3, 1), datetime.date(2021, 3, 1))  # out of the period
    result = compute(form, YEAR)
    cells = {code: {n: count - seeded[code][n] for n, count in row.items()} for code, row in result.cells.items()}
    assert [cells["01"][n] for n in "1234"] == [4, 1, 2, 1]
    assert [cells[c]["1"] for c in ("11", "12", "13", "14")] == [1, 1, 1, 1]
    assert [cells[c]["1"] for c in ("21", "22", "23", "24", "25", "26")] == [1, 1, 0, 0, 1, 1]
    assert (cells["31"]["1"], cells["32"]["1"]) == (3, 1)
    assert result.failed_checks == []
    without_end = seeded["26"]["1"] + 1
    assert [(w.code, w.count) for w in result.warnings] == [("movements_without_end", without_end)]
    unit = compute(form, YEAR, world.unit_a)
    assert unit.cells["01"]["1"] == 1 and unit.cells["14"]["4"] == 1


@pytest.mark.django_db
def test_0604_and_0605_count_what_is_in_place_on_30_11(world):
    def office(name, structure, established, dissolved=None, unit=world.home_affairs):
        return TdktOffice.objects.create(unit=unit, name=name, structure=structure, established_on=established,
                                         dissolved_on=dissolved)

    board = office("Ban Thi đua - Khen thưởng", "home_affairs_board", datetime.date(2010, 1, 1))
    office("Phòng cũ", "home_affairs_division", datetime.date(2010, 1, 1), datetime.date(2026, 11, 30))  # gone
    office("Phòng TĐKT Sở Y tế", "home_affairs_division", datetime.date(2026, 11, 30), unit=world.unit_a)
    result = compute(definitions.circular("02/2023").form("0604"), YEAR)
    assert [result.cells[c]["1"] for c in ("01", "11", "12", "13", "14")] == [2, 0, 0, 1, 1]

    def staff(name, gender, born, training, since, started, ended=None, **extra):
        person = make_person(name, unit=world.home_affairs, gender=gender, **born)
        return TdktStaffMember.objects.create(person=person, unit=world.home_affairs, office=board, training=training,
                                              tdkt_work_since=since, started_on=started, ended_on=ended)

    staff("Nguyễn Thị Hoa", "female", {"birth_date": datetime.date(1996, 12, 1)}, "university",
          datetime.date(2022, 1, 1), datetime.date(2022, 1, 1))  # 29 on 30/11/2026, < 5 years
    staff("Trần Văn Bình", "male", {"birth_date": datetime.date(1996, 11, 30)}, "postgraduate",
          datetime.date(2016, 11, 30), datetime.date(2020, 1, 1))  # 30 that day, exactly 10 years
    staff("Lê Thị Cúc", "female", {"birth_year": 1965}, "college", datetime.date(2018, 1, 1),
          datetime.date(2018, 1, 1))  # 61, 8 years
    staff("Phạm Văn Dũng", "male", {}, "intermediate", datetime.date(2020, 1, 1), datetime.date(2020, 1, 1))
    staff("Đã nghỉ", "female", {"birth_year": 1980}, "university", datetime.date(2010, 1, 1),
          datetime.date(2010, 1, 1), datetime.date(2026, 11, 29))  # left before 30/11: out
    result = compute(definitions.circular("02/2023").form("0605"), YEAR)
    cells = result.cells
    assert (cells["01"]["1"], cells["01"]["2"]) == (4, 2)
    assert [cells[c]["1"] for c in ("11", "12", "16", "17")] == [2, 0, 1, 1]
    assert [cells[c]["1"] for c in ("22", "23", "24", "25")] == [1, 1, 1, 1]
    assert [cells[c]["1"] for c in ("31", "32", "33")] == [1, 2, 1]
    assert (cells["11"]["2"], cells["16"]["2"]) == (1, 1)
    assert result.failed_checks == []
    assert [(w.code, w.count) for w in result.warnings] == [("staff_without_birth", 1)]
