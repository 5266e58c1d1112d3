"""Counts by unit for the reports, and the year-end work report's sentence on training."""

import datetime

from tdkt.reports.periods import Period
from tdkt.reports.work import figures as work_figures
from tdkt.training import figures, services
from tests.training.support import held_training, make_training

YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def test_counts_by_unit_count_held_classes_only(world):
    training = held_training(world)
    a, child = training.trainees.order_by("id")
    services.record_results(training, {a.pk: ("passed", None), child.pk: ("not_passed", None)},
                            by=world.users["clerk_a"])
    planned = make_training(world)  # planned: not counted
    services.enrol(planned, [world.person_a], by=world.users["clerk_a"])
    rows = figures.by_unit(*YEAR)
    assert [(r.name, r.classes, r.trainees, r.attended, r.passed) for r in rows] == [
        ("Bệnh viện Đa khoa tỉnh", 0, 1, 1, 0), ("Sở Y tế", 1, 1, 1, 1)]
    assert figures.totals(*YEAR) == figures.Totals(classes=1, trainees=2, attended=2, passed=1)
    assert figures.by_unit(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)) == []


def test_counts_take_two_queries_whatever_the_data(world, django_assert_num_queries):
    held_training(world)
    with django_assert_num_queries(2):
        figures.by_unit(*YEAR)
    held_training(world)
    with django_assert_num_queries(2):
        figures.by_unit(*YEAR, unit_ids={world.unit_a.pk})


def test_the_year_end_report_states_the_training_figures(world):
    held_training(world)
    result = work_figures.compute(Period(*YEAR))
    assert result.training == figures.Totals(classes=1, trainees=2, attended=2, passed=0)
    assert figures.sentence(result.training) == (
        "Trong kỳ đã tổ chức 01 lớp tập huấn, bồi dưỡng nghiệp vụ thi đua, khen thưởng với 2 lượt học viên được cử "
        "tham gia, trong đó 2 lượt có mặt, 0 lượt đạt yêu cầu.")
    assert work_figures.compute(Period(*YEAR), world.unit_b).training == figures.Totals(0, 0, 0, 0)
