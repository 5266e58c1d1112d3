"""The report's period and default year."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tdkt.reports.periods import Period
from tdkt.reports.work import services

D = datetime.date


def test_default_periods_and_years():
    assert services.period_of("half_year", 2026) == Period(D(2026, 1, 1), D(2026, 6, 30))
    assert services.period_of("year_end", 2026) == Period(D(2025, 12, 1), D(2026, 11, 30))
    # in December the year-end report is the statistical year just ended
    assert services.default_year("year_end", D(2026, 12, 3)) == 2026
    assert services.default_year("half_year", D(2026, 7, 2)) == 2026


def test_other_dates_are_checked():
    assert services.period_of("half_year", 2026, D(2026, 2, 1), None) == Period(D(2026, 2, 1), D(2026, 6, 30))
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        services.period_of("year_end", 2026, D(2026, 5, 1), D(2026, 4, 30))
    with pytest.raises(ValidationError, match="tối đa hai năm"):
        services.period_of("year_end", 2026, D(2020, 1, 1), D(2026, 4, 30))
