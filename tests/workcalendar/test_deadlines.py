"""Step limits read from the StepLimit table and the province calendar; the template filter; calls;
the overdue summary per specialist."""

import datetime

import pytest
from django.template import Context, Template

from tdkt.accounts.enums import Role
from tdkt.dossiers.calls import is_late, open_calls_for
from tdkt.dossiers.deadlines import step_due_date, step_limit
from tdkt.dossiers.models import DossierCall
from tdkt.dossiers.overdue import overdue_by_specialist
from tdkt.workcalendar.cache import calendar_scope
from tdkt.workcalendar.enums import ProvinceDayKind
from tdkt.workcalendar.models import ProvinceDay, StepLimit
from tests.factories import make_user
from tests.workcalendar.support import make_dossier

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(("state", "start", "due"), [
    ("submitted", D(2026, 2, 12), D(2026, 2, 24)),  # 3 wd across Tết 2026: 13/02, 23/02, 24/02
    ("received", D(2026, 4, 29), D(2026, 5, 5)),  # 2 wd after 30/4–1/5/2026
    ("consultation", D(2026, 8, 27), D(2026, 9, 15)),  # 10 wd, NĐ152 Đ34.6: 28/08, 03–04/09, 07–11/09, 14–15/09
    ("public_posting", D(2027, 2, 1), D(2027, 2, 22)),  # 10 wd, NĐ152 Đ44.2: 02–03/02, 11–12/02, 15–19/02, 22/02
    ("ready_for_council", D(2026, 3, 2), None),  # no limit
    ("draft", D(2026, 3, 2), None),
])
def test_step_due_date_uses_the_seeded_limits_and_the_national_calendar(state, start, due):
    assert step_due_date(state, start) == due


def test_step_due_date_follows_an_edited_limit_and_the_province_days():
    StepLimit.objects.filter(step="received").update(working_days=1)
    ProvinceDay.objects.create(date=D(2026, 9, 4), kind=ProvinceDayKind.DAY_OFF, name="Nghỉ thêm")
    assert step_limit("received") == 1
    assert step_due_date("received", D(2026, 9, 3)) == D(2026, 9, 7)


def test_a_deleted_limit_means_no_limit():
    StepLimit.objects.filter(step="in_appraisal").delete()
    assert step_limit("in_appraisal") is None
    assert step_due_date("in_appraisal", D(2026, 3, 2)) is None


def test_limits_and_calendar_are_read_once_in_a_scope(django_assert_num_queries):
    with django_assert_num_queries(2), calendar_scope():
        for offset in range(30):
            step_due_date("in_appraisal", D(2026, 1, 5) + datetime.timedelta(days=offset))


# --- the template filter ------------------------------------------------------------------------------


def _render(due, today):
    return Template("{% load workdays %}{{ due|working_days_left:today }}").render(
        Context({"due": due, "today": today}))


@pytest.mark.parametrize(("due", "today", "html"), [
    (D(2026, 3, 6), D(2026, 3, 2), '<span class="due due-ok" data-working-days="4">còn 4 ngày làm việc</span>'),
    (D(2026, 3, 4), D(2026, 3, 2), '<span class="due due-soon" data-working-days="2">còn 2 ngày làm việc</span>'),
    (D(2026, 2, 23), D(2026, 2, 13), '<span class="due due-soon" data-working-days="1">còn 1 ngày làm việc</span>'),
    (D(2026, 3, 2), D(2026, 3, 2), '<span class="due due-today" data-working-days="0">đến hạn hôm nay</span>'),
    (D(2026, 8, 28), D(2026, 9, 4), '<span class="due overdue" data-working-days="-2">quá hạn 2 ngày làm việc</span>'),
    (None, D(2026, 3, 2), ""),
])
def test_working_days_left_filter(due, today, html):
    assert _render(due, today) == html


def test_filter_without_argument_uses_today():
    from django.utils import timezone

    today = timezone.localdate()
    assert _render(today, None) == '<span class="due due-today" data-working-days="0">đến hạn hôm nay</span>'


def test_filter_over_many_rows_reads_the_calendar_once(django_assert_num_queries):
    template = Template("{% load workdays %}{% for due in dues %}{{ due|working_days_left:today }}{% endfor %}")
    dues = [D(2026, 1, 5) + datetime.timedelta(days=offset) for offset in range(100)]
    with django_assert_num_queries(1), calendar_scope():
        html = template.render(Context({"dues": dues, "today": D(2026, 3, 2)}))
    assert html.count('class="due ') == 100


# --- calls --------------------------------------------------------------------------------------------


def test_is_late_the_cut_off_day_is_still_on_time():
    call = DossierCall(name="Tổng kết năm 2026", year=2026, kind="year_end", cut_off=D(2026, 12, 10))
    assert is_late(call, D(2026, 12, 9)) is False
    assert is_late(call, D(2026, 12, 10)) is False
    assert is_late(call, D(2026, 12, 11)) is True


def test_open_calls_for_a_clerk_show_days_left_and_whether_the_unit_sent(world, django_assert_num_queries):
    year_end = DossierCall.objects.create(name="Tổng kết năm 2026", year=2026, kind="year_end",
                                          cut_off=D(2026, 12, 10))
    school = DossierCall.objects.create(name="Năm học 2025-2026", year=2026, kind="school_year",
                                        cut_off=D(2026, 7, 10))
    DossierCall.objects.create(name="Đã đóng", year=2025, kind="year_end", cut_off=D(2025, 12, 10), is_open=False)
    make_dossier(world.unit_a, state="submitted", call=year_end)
    make_dossier(world.unit_a, state="draft", call=school)  # a draft is not sent
    make_dossier(world.unit_b, state="withdrawn", call=school)
    clerk = world.users["clerk_a"]
    from tdkt.accounts.scope import get_scope

    get_scope(clerk)  # the scope is per request; computed before counting
    with django_assert_num_queries(3):
        calls = open_calls_for(clerk, D(2026, 12, 7))
    assert [(call.name, call.working_days_left, call.is_past, call.has_sent) for call in calls] == [
        # 13/07–07/12/2026: 106 weekdays − 31/08, 01/09, 02/09, 24/11 + Saturday 22/08 = 103 overdue
        ("Năm học 2025-2026", -103, True, False), ("Tổng kết năm 2026", 3, False, True)]
    calls_b = open_calls_for(world.users["clerk_b"], D(2026, 12, 7))
    assert [call.has_sent for call in calls_b] == [False, False]
    assert [call.has_sent for call in open_calls_for(world.users["specialist"], D(2026, 12, 7))] == [None, None]


# --- overdue per specialist ---------------------------------------------------------------------------


def test_overdue_by_specialist_counts_overdue_and_due_soon(world, django_assert_num_queries):
    today = D(2026, 3, 4)  # Wednesday; due soon = up to Friday 06/03 (2 working days)
    specialist = world.users["specialist"]
    other = make_user("chuyenvien2", role=Role.PROVINCE_SPECIALIST, unit=world.home_affairs, full_name="Lê Thị Hoa")
    make_dossier(world.unit_a, state="in_appraisal", due=D(2026, 3, 3), assignee=specialist)  # overdue
    make_dossier(world.unit_a, state="consultation", due=D(2026, 2, 20), assignee=specialist)  # overdue
    make_dossier(world.unit_b, state="in_appraisal", due=D(2026, 3, 4), assignee=specialist)  # due today: soon
    make_dossier(world.unit_b, state="in_appraisal", due=D(2026, 3, 6), assignee=other)  # soon
    make_dossier(world.unit_b, state="in_appraisal", due=D(2026, 3, 9), assignee=other)  # later: not counted
    make_dossier(world.unit_b, state="submitted", due=D(2026, 3, 2))  # unassigned, overdue
    make_dossier(world.unit_b, state="returned", due=D(2026, 3, 2), assignee=other)  # the unit's step: not counted
    make_dossier(world.unit_b, state="decided", due=D(2026, 3, 2), assignee=other)  # closed: not counted
    with django_assert_num_queries(3):
        rows = overdue_by_specialist(today)
    assert [(str(row.specialist) if row.specialist else None, row.overdue, row.due_soon) for row in rows] == [
        ("chuyenvien", 2, 1), ("Lê Thị Hoa", 0, 1), (None, 1, 0)]


def test_overdue_page_lists_rows_and_dossiers(world):
    from django.urls import reverse

    from tests.conftest import client_for

    make_dossier(world.unit_a, state="in_appraisal", due=D(2020, 3, 3), assignee=world.users["specialist"],
                 title="Hồ sơ Sở Y tế quá hạn")
    body = client_for(world, "specialist").get(reverse("dossier_calls:overdue")).content.decode()
    assert f'data-specialist="{world.users["specialist"].pk}"' in body
    assert "Hồ sơ Sở Y tế quá hạn" in body
    assert 'class="due overdue"' in body
