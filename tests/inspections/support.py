"""Inspections built through the services, for the tests of the register."""

import datetime

from tdkt.inspections import services

START = datetime.date(2026, 5, 4)
END = datetime.date(2026, 5, 15)


def inspection_of(world, units=None, *, year=2026, starts_on=START, ends_on=END, team_users=None, **extra):
    return services.plan_inspection(
        by=world.users["specialist"], year=year, title="Kiểm tra công tác thi đua, khen thưởng năm 2026",
        starts_on=starts_on, ends_on=ends_on, units=units or [world.unit_a], leader=world.person_b,
        members=[world.person_a_child], team_users=team_users, **extra)


def record_of(world, unit=None, **options):
    inspection = inspection_of(world, **options)
    return inspection.records.get(unit=unit or world.unit_a)


def recommendation_of(world, *, due_on=datetime.date(2026, 6, 30), content="Kiện toàn Hội đồng Thi đua - Khen thưởng"):
    record = record_of(world)
    return services.add_recommendation(record, by=world.users["specialist"], content=content, due_on=due_on)
