"""Likely duplicate persons and their merge.

Duplicates: persons of the user's scope with the same folded name and the same year of birth (one
grouped query, one query for their rows); groups whose members all have different full dates of
birth are left out (different people).

Merge: every row that points at the duplicate moves to the kept person — found through
Person._meta.related_objects, so models added later are covered without changing this code. The
duplicate's row stays, marked `merged_into`, and disappears from lists and searches. Nothing is
deleted: a record the kept person already has identically (same rating, same award, same decision)
stays with the merged row; a contradiction (two different ratings for one year) refuses the merge.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.people.events import merge_requested, person_merged
from tdkt.people.models import Person
from tdkt.people.queries import people_for_user

MAX_GROUPS = 200
FILLABLE = ("gender", "birth_date", "birth_year", "ethnicity", "position", "national_id")
_BOOKKEEPING = {"created_at", "created_by"}


def duplicate_groups(user, limit: int = MAX_GROUPS) -> list[list[Person]]:
    """Groups (2+ persons each) of likely duplicates in the user's scope, in name order."""
    persons = people_for_user(user)
    keys = list(persons.filter(birth_year__isnull=False).order_by().values_list("name_folded", "birth_year")
                .annotate(n=Count("id")).filter(n__gt=1).order_by("name_folded", "birth_year")[:limit])
    if not keys:
        return []
    wanted = {(name, year) for name, year, _n in keys}
    members = defaultdict(list)
    for person in persons.filter(name_folded__in={k[0] for k in wanted}, birth_year__in={k[1] for k in wanted}) \
            .order_by("name_folded", "birth_year", "id"):
        if (person.name_folded, person.birth_year) in wanted:
            members[(person.name_folded, person.birth_year)].append(person)
    groups = []
    for name, year, _n in keys:
        group = members[(name, year)]
        dates = [person.birth_date for person in group if person.birth_date]
        if len(group) > 1 and not (len(dates) == len(group) and len(set(dates)) == len(dates)):
            groups.append(group)
    return groups


def merge_candidates(user, person: Person):
    """Persons the given one may be merged with: same folded name and year of birth, in the user's scope."""
    return people_for_user(user).filter(name_folded=person.name_folded, birth_year=person.birth_year) \
        .exclude(pk=person.pk).order_by("id")


def _content(obj, skip: str) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields
            if not f.primary_key and f.name != skip and f.name not in _BOOKKEEPING}


def _unique_groups(model, field_name: str):
    """(other fields, condition) of every uniqueness rule of `model` that includes `field_name`."""
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field_name in (constraint.fields or ()):
            yield [f for f in constraint.fields if f != field_name], constraint.condition
    for together in model._meta.unique_together:
        if field_name in together:
            yield [f for f in together if f != field_name], None
    if model._meta.get_field(field_name).unique:
        yield [], None


def _clashes(model, field_name: str, duplicate: Person, kept: Person) -> tuple[set[int], list[str]]:
    """(ids of the duplicate's rows identical to one of the kept person's, descriptions of contradictions)."""
    identical, conflicts = set(), []
    manager = model._base_manager
    for others, condition in _unique_groups(model, field_name):
        others = [model._meta.get_field(name).attname for name in others]
        rows = manager.filter(condition) if condition is not None else manager.all()
        mine = {tuple(getattr(o, f) for f in others): o for o in rows.filter(**{field_name: duplicate})}
        if not mine:
            continue
        theirs = {tuple(getattr(o, f) for f in others): o for o in rows.filter(**{field_name: kept})}
        for key in mine.keys() & theirs.keys():
            if _content(mine[key], field_name) == _content(theirs[key], field_name):
                identical.add(mine[key].pk)
            else:
                conflicts.append(f"{model._meta.verbose_name}: {mine[key]}")
    return identical, conflicts


def _relations():
    for relation in Person._meta.related_objects:
        if relation.many_to_many or relation.one_to_many or relation.one_to_one:
            yield relation


def _touched(model) -> dict:
    """`updated_at` moved to now for a model that keeps one (auto_now): a bulk update() skips auto_now, and the
    API's incremental sync finds changed rows by it (docs/api.md)."""
    field = next((f for f in model._meta.concrete_fields if f.name == "updated_at"), None)
    return {"updated_at": timezone.now()} if field is not None and getattr(field, "auto_now", False) else {}


def _move_many_to_many(relation, duplicate: Person, kept: Person) -> tuple[int, int]:
    """Move the duplicate's links to the kept person; a link the kept person has already is dropped
    (the linked row itself, e.g. the initiative, stays). Returns (moved, already shared)."""
    through = relation.through
    person_column = relation.field.m2m_reverse_field_name()
    other_column = relation.field.m2m_field_name()
    kept_others = set(through.objects.filter(**{person_column: kept}).values_list(f"{other_column}_id", flat=True))
    shared = through.objects.filter(**{person_column: duplicate, f"{other_column}_id__in": kept_others})
    shared_count = shared.delete()[0]
    moved = through.objects.filter(**{person_column: duplicate}).update(**{person_column: kept})
    return moved, shared_count


@transaction.atomic
def merge_persons(duplicate: Person, kept: Person, *, by) -> dict:
    """Move everything recorded for `duplicate` to `kept` and mark `duplicate` as merged into it.
    Returns the counts written to the audit row (action "merge")."""
    if duplicate.pk == kept.pk:
        raise ValidationError(_("A person cannot be merged into themselves."))
    locked = {p.pk: p for p in Person.objects.select_for_update().select_related("unit").filter(
        pk__in=[duplicate.pk, kept.pk])}
    duplicate, kept = locked[duplicate.pk], locked[kept.pk]
    scope = get_scope(by)
    for person in (duplicate, kept):
        if not scope.can_write_unit(person.unit_id):
            raise ValidationError(_("You may not merge persons of “%(unit)s”.") % {"unit": person.unit})
        if person.merged_into_id:
            raise ValidationError(_("“%(name)s” has already been merged into another person.") % {"name": person})
    if duplicate.national_id and kept.national_id and duplicate.national_id != kept.national_id:
        raise ValidationError(_("The two persons have different citizen IDs: they are not the same person."))
    merge_requested.send(sender=Person, duplicate=duplicate, kept=kept, by=by)
    left, conflicts = {}, []
    for relation in _relations():
        if not relation.many_to_many:
            identical, found = _clashes(relation.related_model, relation.field.name, duplicate, kept)
            left[relation] = identical
            conflicts += found
    if conflicts:
        raise ValidationError(_("Both persons have records that contradict each other (%(conflicts)s); correct them "
                                "before merging.") % {"conflicts": "; ".join(conflicts)})
    moved, kept_identical = {}, {}
    for relation in _relations():
        label = relation.related_model._meta.label_lower
        if relation.many_to_many:
            count, shared = _move_many_to_many(relation, duplicate, kept)
            if shared:
                kept_identical[label] = shared
        else:
            rows = relation.related_model._base_manager.filter(**{relation.field.name: duplicate})
            count = rows.exclude(pk__in=left[relation]).update(**{relation.field.name: kept},
                                                               **_touched(relation.related_model))
            if left[relation]:
                kept_identical[label] = len(left[relation])
        if count:
            moved[label] = count
    filled = {}
    for field in FILLABLE:
        if getattr(kept, field) in (None, "") and getattr(duplicate, field) not in (None, ""):
            filled[field] = getattr(duplicate, field)
    if filled.get("national_id"):
        Person.objects.filter(pk=duplicate.pk).update(national_id=None)  # unique: free it before moving it
    for field, value in filled.items():
        setattr(kept, field, value)
    if filled:
        kept.save(update_fields=set(filled) | ({"birth_year"} if "birth_date" in filled else set()))
    Person.objects.filter(pk=duplicate.pk).update(merged_into=kept, **_touched(Person))
    person_merged.send(sender=Person, duplicate=duplicate, kept=kept, by=by)
    changes = {"merged": {"id": duplicate.pk, "name": duplicate.full_name}, "moved": moved,
               "left_identical": kept_identical,
               "filled": {f: ("***" if f == "national_id" else str(v)) for f, v in filled.items()}}
    record(by, AuditAction.MERGE, kept, changes=changes)
    return changes
