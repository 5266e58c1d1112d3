"""Property tests of the working-day due dates (NĐ152 Đ34.6, Đ44.2): whatever the day a request is sent
or a notice published, the due date is a working day exactly N working days later (province calendar,
here without declared days: the national one)."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.dossiers.consultations.models import ConsultationPolicy
from tdkt.dossiers.consultations.services import default_due_on
from tdkt.lib.workdays import is_working_day, working_days_between


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2027, 12, 31)),
       days=st.integers(min_value=1, max_value=30))
def test_due_date_is_a_working_day_n_working_days_later(db, start, days):
    ConsultationPolicy.objects.filter(pk=1).update(answer_working_days=days)
    due = default_due_on(start)
    assert due > start
    assert is_working_day(due)
    assert working_days_between(start, due) == days
