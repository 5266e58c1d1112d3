"""Working days: the national calendar (holidays package, VN) with the province's own days on top.

Counting follows "trong thời hạn N ngày làm việc kể từ ngày …" (start day not counted). Public holidays
are those of Bộ luật Lao động 2019 Đ112 and the Government's yearly notices (bridge days swapped with a
Saturday: 31/08/2026 off, Saturday 22/08/2026 worked)."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.workcalendar import calendar
from tdkt.workcalendar.cache import calendar_scope
from tdkt.workcalendar.calendar import ProvinceCalendar
from tdkt.workcalendar.enums import ProvinceDayKind
from tdkt.workcalendar.models import ProvinceDay

D = datetime.date
NATIONAL = ProvinceCalendar()
# The province declares Friday 04/09/2026 off (bridge to the weekend after Quốc khánh) and asks to
# work Saturday 12/09/2026 in exchange.
PROVINCE = ProvinceCalendar(days_off=frozenset({D(2026, 9, 4)}), working_days=frozenset({D(2026, 9, 12)}))

ADD_CASES = [
    # (calendar, start, n, expected, why)
    (NATIONAL, D(2026, 2, 12), 1, D(2026, 2, 13), "Thursday before Tết 2026 → Friday"),
    (NATIONAL, D(2026, 2, 13), 1, D(2026, 2, 23), "Tết Bính Ngọ 16–20/02/2026 skipped"),
    (NATIONAL, D(2026, 2, 12), 2, D(2026, 2, 23), "two days across Tết 2026"),
    (NATIONAL, D(2026, 2, 13), 10, D(2026, 3, 6), "10 wd from the last day before Tết 2026"),
    (NATIONAL, D(2027, 2, 3), 1, D(2027, 2, 11), "Tết Đinh Mùi 04–10/02/2027 skipped"),
    (NATIONAL, D(2027, 2, 1), 3, D(2027, 2, 11), "Mon 01/02/2027 + 3 wd: Tue, Wed, then after Tết"),
    (NATIONAL, D(2026, 4, 24), 1, D(2026, 4, 28), "Giỗ Tổ on Sunday 26/04/2026, off Monday 27/04"),
    (NATIONAL, D(2026, 4, 29), 1, D(2026, 5, 4), "30/4 and 1/5/2026 (Thu, Fri) off"),
    (NATIONAL, D(2027, 4, 29), 1, D(2027, 5, 4), "30/4/2027 Fri, 1/5 Sat with Monday 03/05 off in lieu"),
    (NATIONAL, D(2026, 8, 21), 1, D(2026, 8, 22), "Saturday 22/08/2026 worked in exchange for 31/08"),
    (NATIONAL, D(2026, 8, 28), 1, D(2026, 9, 3), "31/08 (bridge), 01/09 and 02/09/2026 off"),
    (NATIONAL, D(2027, 9, 1), 1, D(2027, 9, 6), "02/09 and 03/09/2027 (Thu, Fri) off"),
    (NATIONAL, D(2026, 9, 3), 1, D(2026, 9, 4), "Friday 04/09/2026 is a national working day"),
    (PROVINCE, D(2026, 9, 3), 1, D(2026, 9, 7), "the province's extra day off on 04/09/2026"),
    (PROVINCE, D(2026, 8, 28), 2, D(2026, 9, 7), "Quốc khánh then the province's day off"),
    (NATIONAL, D(2026, 9, 11), 1, D(2026, 9, 14), "Saturday 12/09/2026 is a weekend day nationally"),
    (PROVINCE, D(2026, 9, 11), 1, D(2026, 9, 12), "the province's make-up Saturday 12/09/2026"),
    (NATIONAL, D(2026, 12, 31), 1, D(2027, 1, 4), "New Year 01/01/2027 (Friday) off"),
    (NATIONAL, D(2026, 11, 23), 1, D(2026, 11, 25), "Ngày Văn hóa Việt Nam 24/11/2026 off"),
    (NATIONAL, D(2026, 3, 2), 0, D(2026, 3, 2), "0 working days: the start day itself"),
]


@pytest.mark.parametrize(("cal", "start", "n", "expected", "why"), ADD_CASES, ids=[c[4] for c in ADD_CASES])
def test_add_working_days(cal, start, n, expected, why):
    assert cal.add_working_days(start, n) == expected


DAY_CASES = [
    (NATIONAL, D(2026, 2, 17), False), (NATIONAL, D(2026, 2, 23), True), (NATIONAL, D(2026, 8, 22), True),
    (NATIONAL, D(2026, 8, 31), False), (NATIONAL, D(2026, 9, 2), False), (NATIONAL, D(2027, 2, 4), False),
    (NATIONAL, D(2027, 5, 3), False), (PROVINCE, D(2026, 9, 4), False), (PROVINCE, D(2026, 9, 12), True),
    (PROVINCE, D(2026, 9, 13), False), (NATIONAL, D(2026, 9, 4), True),
]


@pytest.mark.parametrize(("cal", "day", "working"), DAY_CASES, ids=[f"{c[1]}-{c[2]}" for c in DAY_CASES])
def test_is_working_day(cal, day, working):
    assert cal.is_working_day(day) is working


LEFT_CASES = [
    (D(2026, 2, 23), D(2026, 2, 13), 1, "due the Monday after Tết: one working day left on the Friday before"),
    (D(2026, 3, 2), D(2026, 3, 2), 0, "due today"),
    (D(2026, 3, 6), D(2026, 3, 2), 4, "Friday due, seen on Monday"),
    (D(2026, 2, 13), D(2026, 2, 23), -1, "due before Tết, seen after: one working day overdue"),
    (D(2026, 8, 28), D(2026, 9, 4), -2, "due 28/08/2026, seen 04/09: 03/09 and 04/09 overdue"),
    (D(2026, 3, 7), D(2026, 3, 6), 0, "due on a Saturday: no working day left after Friday"),
]


@pytest.mark.parametrize(("due", "today", "left", "why"), LEFT_CASES, ids=[c[3] for c in LEFT_CASES])
def test_working_days_left(due, today, left, why):
    assert NATIONAL.working_days_left(due, today) == left


def test_working_days_between_counts_after_start_up_to_end():
    assert NATIONAL.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert NATIONAL.working_days_between(D(2026, 2, 23), D(2026, 2, 13)) == 0
    # after 03/09: 04 off (province), 07–11 (5), Saturday 12 worked (province), Monday 14
    assert PROVINCE.working_days_between(D(2026, 9, 3), D(2026, 9, 14)) == 7


def test_add_working_days_refuses_negative_and_absurd_counts():
    with pytest.raises(ValueError, match=r"^days must not be negative$"):
        NATIONAL.add_working_days(D(2026, 1, 5), -1)
    with pytest.raises(ValueError, match=r"^days must not exceed 3660$"):
        NATIONAL.add_working_days(D(2026, 1, 5), 100_000)


# --- properties -------------------------------------------------------------------------------------

dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31))
small = st.integers(min_value=0, max_value=80)
calendars = st.builds(
    ProvinceCalendar,
    days_off=st.frozensets(st.dates(min_value=D(2024, 1, 1), max_value=D(2029, 6, 30)), max_size=15),
    working_days=st.frozensets(st.dates(min_value=D(2024, 1, 1), max_value=D(2029, 6, 30)), max_size=15))


@settings(deadline=None)
@given(cal=calendars, start=dates, n=st.integers(min_value=1, max_value=80))
def test_add_working_days_lands_on_a_working_day(cal, start, n):
    assert cal.is_working_day(cal.add_working_days(start, n))


@settings(deadline=None)
@given(cal=calendars, start=dates, n=small, m=small)
def test_add_working_days_is_monotone(cal, start, n, m):
    low, high = sorted((n, m))
    assert cal.add_working_days(start, low) <= cal.add_working_days(start, high)
    if low < high:
        assert cal.add_working_days(start, low) < cal.add_working_days(start, high)


@settings(deadline=None)
@given(cal=calendars, start=dates, n=small)
def test_working_days_between_inverts_add_working_days(cal, start, n):
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    assert cal.working_days_left(end, start) == n
    assert cal.working_days_left(start, end) == -n


@settings(deadline=None)
@given(cal=calendars, start=dates, n=small, m=small)
def test_add_working_days_composes(cal, start, n, m):
    assert cal.add_working_days(cal.add_working_days(start, n), m) == cal.add_working_days(start, n + m)


# --- the database-backed calendar ----------------------------------------------------------------------


@pytest.mark.django_db
def test_module_functions_read_the_province_days():
    ProvinceDay.objects.create(date=D(2026, 9, 4), kind=ProvinceDayKind.DAY_OFF, name="Nghỉ thêm")
    ProvinceDay.objects.create(date=D(2026, 9, 12), kind=ProvinceDayKind.WORKING_DAY, name="Làm bù")
    assert calendar.add_working_days(D(2026, 9, 3), 1) == D(2026, 9, 7)
    assert calendar.is_working_day(D(2026, 9, 12)) is True
    assert calendar.working_days_between(D(2026, 9, 3), D(2026, 9, 14)) == 7
    assert calendar.working_days_left(D(2026, 9, 7), D(2026, 9, 3)) == 1


@pytest.mark.django_db
def test_one_query_per_call_outside_a_scope_and_one_per_scope(django_assert_num_queries):
    with django_assert_num_queries(1):
        calendar.add_working_days(D(2026, 1, 5), 200)
    with django_assert_num_queries(1), calendar_scope():
        for offset in range(50):
            calendar.working_days_left(D(2026, 12, 31), D(2026, 1, 1) + datetime.timedelta(days=offset))
            calendar.is_working_day(D(2026, 3, 1) + datetime.timedelta(days=offset))


@pytest.mark.django_db
def test_a_write_inside_a_scope_is_seen_at_once():
    with calendar_scope():
        assert calendar.is_working_day(D(2026, 9, 4)) is True
        ProvinceDay.objects.create(date=D(2026, 9, 4), kind=ProvinceDayKind.DAY_OFF, name="Nghỉ thêm")
        assert calendar.is_working_day(D(2026, 9, 4)) is False


def test_national_days_of_2026_list_holidays_and_the_swapped_saturday():
    rows = calendar.national_days(2026)
    assert [(row.date, row.is_working) for row in rows if row.is_working] == [(D(2026, 8, 22), True)]
    assert D(2026, 2, 17) in {row.date for row in rows if not row.is_working}
    assert len([row for row in rows if not row.is_working]) == 14
