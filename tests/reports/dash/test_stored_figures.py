"""The dashboards' stored award figures (tdkt.reports.register.stored_figures): the database triggers move the
register's version on exactly the changes the figures count, and a dashboard viewed before a change shows the
change after it."""

import datetime

import pytest
from django.db import connection

from tdkt.awards.models import AwardRecord, AwardType
from tdkt.orgs.models import Unit
from tdkt.people.models import Household, Person
from tdkt.reports.dashboards import page
from tdkt.reports.migrations import __name__ as migrations_package
from tdkt.reports.models import StoredFigures
from tdkt.reports.register import register_version
from tests.factories import make_award, make_person, make_unit
from tests.reports.dash.small_world import YEAR, build

pytestmark = pytest.mark.django_db
WATCHED = __import__(f"{migrations_package}.0005_register_changes", fromlist=["WATCHED"]).WATCHED


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def test_every_watched_table_keeps_its_trigger_after_all_migrations():
    """A later migration that rebuilds one of these tables on SQLite would drop its trigger silently."""
    names = _triggers()
    for table, when in WATCHED:
        if connection.vendor == "postgresql":
            expected = {f"{table}_register_changed"}
        else:
            expected = {f"{table}_register_changed_{event}" for event in
                        (("insert", "update", "delete") if when is None else ("update",))}
        assert expected <= names, table


def _moves(change) -> bool:
    before = register_version()
    change()
    return register_version() != before


def test_the_version_moves_on_what_the_figures_count(world):
    person, unit = world.person_a, world.unit_a
    household = Household.objects.create(head_name="Hộ Lò Văn Páo", unit=unit)
    record = make_award(person=person, code="LDTT", year=2025, decision_date=datetime.date(2025, 3, 1))
    cases = {
        "a record added": lambda: make_award(person=person, code="GK", year=2025),
        "a record changed": lambda: AwardRecord.objects.filter(pk=record.pk).update(basis="adhoc"),
        "a record deleted": lambda: AwardRecord.objects.filter(pk=record.pk).delete(),
        "a person's gender": lambda: Person.objects.filter(pk=person.pk).update(gender="female"),
        "a person's ethnicity": lambda: Person.objects.filter(pk=person.pk).update(ethnicity="Tày"),
        "a person's group": lambda: Person.objects.filter(pk=person.pk).update(statistical_group="manager"),
        "a person's unit": lambda: Person.objects.filter(pk=person.pk).update(unit=world.unit_b),
        "a household's unit": lambda: Household.objects.filter(pk=household.pk).update(unit=world.unit_b),
        "a unit's area flag": lambda: Unit.objects.filter(pk=unit.pk).update(is_border=True),
        "an award type's level": lambda: AwardType.objects.filter(code="GK").update(level="province"),
    }
    assert {label: _moves(change) for label, change in cases.items()} == dict.fromkeys(cases, True)


def test_the_version_stays_on_what_the_figures_do_not_count(world):
    cases = {
        "a person's name": lambda: Person.objects.filter(pk=world.person_a.pk).update(full_name="Đỗ Thị Hoa"),
        "a new person": lambda: make_person("Vàng Thị Mai", unit=world.unit_a),
        "a unit's name": lambda: Unit.objects.filter(pk=world.unit_a.pk).update(name="Sở Thử nghiệm"),
        "a new unit": lambda: make_unit("Phòng mới", parent=world.unit_a),
        "an unchanged flag written again": lambda: Unit.objects.filter(pk=world.unit_a.pk).update(is_remote=False),
    }
    assert {label: _moves(change) for label, change in cases.items()} == dict.fromkeys(cases, False)


def _equity(dashboard) -> dict:
    return {row[0]: row[1:3] for row in next(s for s in dashboard.sections if s.key == "equity").rows}


WOMEN = "Khen thưởng cho nữ"


def test_a_dashboard_viewed_before_a_change_counts_it_after(world):
    build(world)
    assert _equity(page.build(YEAR))[WOMEN] == [1, 3]
    assert StoredFigures.objects.filter(key=f"dashboard:province:{YEAR}").exists()
    assert _equity(page.build(YEAR))[WOMEN] == [1, 3]  # read back stored
    Person.objects.filter(pk=world.person_b.pk).update(gender="female")
    assert _equity(page.build(YEAR))[WOMEN] == [2, 3]
    make_award(person=world.person_b, code="GK", year=2025, decision_date=datetime.date(2025, 5, 5))
    assert _equity(page.build(YEAR))[WOMEN] == [3, 4]


def test_a_unit_dashboard_follows_its_subtree(world):
    """A unit moved under the unit brings its awards (the tree is not in the register's version: the stored
    figures carry the set of units they counted)."""
    build(world)
    before = _equity(page.build(YEAR, world.unit_a))
    moved = make_unit("Xã Mới", code="XM1")
    make_award(person=make_person("Lò Thị Hoa", unit=moved, gender="female"), code="LDTT", year=2025,
               decision_date=datetime.date(2025, 2, 2))
    page.build(YEAR, world.unit_a)
    moved.parent = world.unit_a
    moved.save(update_fields=["parent"])
    after = _equity(page.build(YEAR, world.unit_a))
    assert after[WOMEN] == [before[WOMEN][0] + 1, before[WOMEN][1] + 1]
