"""The work report's figures: exact counts for the province and for a unit, the previous period beside them,
a fixed number of queries, and the on-time rule of dossiers."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.reports.periods import Period, half_year, year_end
from tdkt.reports.work import figures
from tdkt.workcalendar.cache import calendar_scope
from tdkt.workcalendar.calendar import ProvinceCalendar
from tests.reports.work import support

pytestmark = pytest.mark.django_db


def _compute(unit=None, period=None):
    with calendar_scope():
        return figures.compute(period or year_end(support.YEAR), unit, today=support.TODAY)


def test_province_figures_are_exact(world):
    support.build(world)
    f = _compute()
    assert f.movements_launched == {"national": 0, "province": 1, "unit": 1}
    assert (f.movements_total, f.movements_midterm, f.movements_final) == (2, 2, 1)
    assert (f.dossiers_received, f.dossiers_returned, f.dossiers_decided) == (3, 1, 2)
    assert (f.dossiers_on_time, f.dossiers_late) == (1, 1)
    assert f.awards_by_level == {"state": 1, "province": 2, "grassroots": 1}
    assert [(row.code, row.count) for row in f.awards_by_form] == [("BK_TTG", 1), ("BK_TINH", 1), ("TTLDXS", 1),
                                                                   ("CSTD_CS", 1)]
    assert f.awards_by_method == {"merit": 3, "thematic": 0, "adhoc": 1, "foreign": 0, "dedication": 0,
                                  "seniority": 0, "resistance": 0}
    assert f.awards_by_recipient == {"individual": 3, "collective": 1, "household": 0}
    assert f.equity == figures.Equity(total=4, individuals=3, direct_workers=2, women=2, minorities=2, hard_areas=1,
                                      adhoc=1)
    assert f.equity_previous == figures.Equity(total=1, individuals=1, direct_workers=0, women=1, minorities=1,
                                               hard_areas=1, adhoc=0)
    assert (f.tasks_due, f.tasks_done, f.tasks_done_late, f.tasks_overdue) == (4, 2, 1, 2)


def test_unit_figures_count_its_subtree_only(world):
    support.build(world)
    f = _compute(world.unit_a)
    assert f.movements_launched == {"national": 0, "province": 0, "unit": 1}
    assert (f.movements_midterm, f.movements_final) == (0, 0)
    assert (f.dossiers_received, f.dossiers_returned, f.dossiers_decided, f.dossiers_on_time, f.dossiers_late) == \
        (2, 0, 1, 1, 0)
    assert f.awards_by_level == {"state": 0, "province": 2, "grassroots": 1}
    assert f.equity == figures.Equity(total=3, individuals=2, direct_workers=2, women=1, minorities=1, hard_areas=0,
                                      adhoc=1)
    assert f.equity_previous == figures.Equity()
    assert (f.tasks_due, f.tasks_done, f.tasks_done_late, f.tasks_overdue) == (2, 1, 0, 1)


def test_half_year_counts_only_its_six_months(world):
    support.build(world)
    f = _compute(period=half_year(support.YEAR))
    assert f.equity.total == 2  # 10/03 and 01/06
    assert f.equity_previous.total == 1  # 01/06/2025
    assert (f.dossiers_received, f.dossiers_decided) == (2, 2)
    assert f.movements_launched == {"national": 0, "province": 1, "unit": 1}


def test_a_period_with_no_data_gives_zeros(world):
    f = _compute(period=Period(datetime.date(2001, 1, 1), datetime.date(2001, 6, 30)))
    assert (f.awards_total, f.movements_total, f.dossiers_received, f.tasks_due) == (0, 0, 0, 0)
    assert f.awards_by_level == {"state": 0, "province": 0, "grassroots": 0}
    assert figures.share(0, 0) == "–"


def test_the_same_question_gives_the_same_figures(world):
    support.build(world)
    assert _compute() == _compute()


@pytest.mark.parametrize("unit_key", [None, "unit_a"])
def test_query_count_does_not_grow_with_the_data(world, django_assert_num_queries, unit_key):
    unit = getattr(world, unit_key) if unit_key else None
    expected = 13 if unit is None else 15  # inspections: two; training: two (tdkt.training.figures.by_unit)
    with django_assert_num_queries(expected):
        _compute(unit)
    support.build(world)
    support.build(world)  # twice the data
    with django_assert_num_queries(expected):
        _compute(unit)


def test_share_is_written_the_vietnamese_way():
    assert figures.share(1, 3) == "33,3%"
    assert figures.share(2, 2) == "100,0%"


CALENDAR = ProvinceCalendar()
LIMITS = {"submitted": 3, "received": 2, "in_appraisal": 20, "returned": 10}


@given(start=st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2027, 12, 31)),
       spent=st.lists(st.integers(min_value=0, max_value=30), min_size=4, max_size=4))
def test_a_dossier_is_late_exactly_when_a_standing_body_step_outlasts_its_limit(start, spent):
    """Steps submitted → received → returned → in appraisal → decided, each taking `spent` working days;
    the unit's time (returned) never makes the dossier late."""
    states = ["submitted", "received", "returned", "in_appraisal", "decided"]
    rows, day = [], start
    for index, state in enumerate(states):
        rows.append((state, day))
        if index < len(spent):
            day = CALENDAR.add_working_days(day, spent[index])
    late = any(spent[index] > LIMITS[state] for index, state in enumerate(states[:4]) if state != "returned")
    assert figures._overran(rows, LIMITS, CALENDAR) is late
