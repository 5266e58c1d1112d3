from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.lib.vntext import fold
from tdkt.people.models import Person

PAGE_SIZE = 50


def people_for_user(user):
    scope = get_scope(user)
    queryset = Person.objects.select_related("unit").filter(merged_into__isnull=True)  # merged duplicates hidden
    if not scope.read_all:
        queryset = queryset.filter(unit_id__in=scope.readable_unit_ids)
    return queryset


def search_people(user, query: str = "", unit_id: int | None = None):
    """Diacritic- and case-insensitive contains-match on the name: "nguyen van an" finds "Nguyễn Văn An"."""
    queryset = people_for_user(user)
    folded = fold(query)
    if folded:
        queryset = queryset.filter(name_folded__contains=folded)
    if unit_id:
        queryset = queryset.filter(unit_id=unit_id)
    return queryset.order_by("name_folded", "id")


def get_person_for_user(user, pk, *, write=False) -> Person:
    scope = get_scope(user)
    person = Person.objects.select_related("unit").filter(pk=pk).first()
    if person is None or not scope.can_read_unit(person.unit_id):
        raise Http404
    if write and not scope.can_write_unit(person.unit_id):
        raise Http404
    return person
