"""Creating and editing persons; every change is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.services import record_create, record_update, snapshot
from tdkt.people.groups import set_group
from tdkt.people.models import Person

PERSON_FIELDS = ("full_name", "gender", "birth_date", "birth_year", "ethnicity", "position", "unit",
                 "category", "national_id")


def _check_unit_writable(by, unit) -> None:
    if not get_scope(by).can_write_unit(unit.pk):
        raise ValidationError({"unit": _("You may not record people of “%(unit)s”.") % {"unit": unit}})
    if unit.dissolved_on is not None:
        raise ValidationError({"unit": _("“%(unit)s” has been dissolved; choose its successor.") % {"unit": unit}})


@transaction.atomic
def create_person(*, by, group: str | None = None, **fields) -> Person:
    """`group`: the statistical group the officer chose (confirmed through tdkt.people.groups); None: untouched."""
    person = Person(**fields)
    _check_unit_writable(by, person.unit)
    person.full_clean()
    person.save()
    record_create(by, person)
    if group:
        set_group(person, group, by=by)
    return person


@transaction.atomic
def update_person(person: Person, *, by, group: str | None = None, **changes) -> Person:
    locked = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(locked)
    for field, value in changes.items():
        setattr(locked, field, value)
    _check_unit_writable(by, locked.unit)
    locked.full_clean()
    locked.save()
    record_update(by, locked, before)
    if group is not None and group != locked.statistical_group:
        set_group(locked, group, by=by)
        locked.refresh_from_db(fields=["statistical_group", "group_confirmed_at", "group_confirmed_by"])
    return locked
