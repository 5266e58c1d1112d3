"""The Vietnamese working-day calendar: weekends, public holidays (Tết, 30/4–1/5, 2/9), bridge days."""

import datetime

import pytest

from tdkt.lib.workdays import add_working_days, holiday_name, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(("day", "working"), [
    (D(2026, 2, 13), True),    # Friday before Tết
    (D(2026, 2, 16), False),   # Giao thừa (Monday)
    (D(2026, 2, 17), False),   # Mùng một
    (D(2026, 2, 20), False),   # Mùng bốn (Friday)
    (D(2026, 2, 23), True),    # first working day after Tết
    (D(2026, 2, 21), False),   # Saturday
    (D(2026, 8, 22), True),    # Saturday worked in exchange for the bridge holiday of 31/8
    (D(2026, 8, 31), False),   # bridge holiday before National Day
    (D(2026, 9, 1), False),    # National Day (two days)
    (D(2026, 9, 2), False),
    (D(2026, 9, 3), True),
    (D(2026, 4, 27), False),   # Hùng Kings' day, moved from Sunday 26/4
    (D(2026, 4, 30), False), (D(2026, 5, 1), False),
    (D(2025, 4, 26), True),    # Saturday worked for the bridge holiday of 2/5/2025
])
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_ten_working_days_after_a_plan_issued_before_tet():
    """Thái Nguyên's plan (14/02/2026, a Saturday): units have 10 working days; Tết 16–20/02 does not count."""
    assert add_working_days(D(2026, 2, 14), 10) == D(2026, 3, 6)
    assert add_working_days(D(2026, 2, 12), 1) == D(2026, 2, 13)
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)


def test_national_day_and_the_bridge():
    assert add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)
    assert add_working_days(D(2026, 8, 21), 1) == D(2026, 8, 22)
    assert add_working_days(D(2026, 8, 28), 0) == D(2026, 8, 28)


def test_counting_between_and_names():
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 27)) == 5
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 6)) == 0
    assert holiday_name(D(2026, 9, 2)) == "Quốc khánh"
    assert holiday_name(D(2026, 9, 3)) is None


def test_negative_and_absurd_counts_are_refused():
    with pytest.raises(ValueError, match=r"^days must not be negative$"):
        add_working_days(D(2026, 1, 1), -1)
    with pytest.raises(ValueError, match=r"^days must not exceed 3660$"):
        add_working_days(D(2026, 1, 1), 100_000)


def test_framework_free():
    import subprocess
    import sys

    code = "import sys, tdkt.lib.workdays, tdkt.lib.nd30; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": "src"}, check=False).returncode == 0
