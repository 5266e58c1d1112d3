"""The person picker (tdkt.lib.pickers) of every form that names a person of the registry: labelled so that
namesakes are told apart, searched by /people/choices/ (views.person_choices), matched by typed name without
JavaScript."""

import re

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.lib.pickers import PickerField, PickerMultipleField
from tdkt.lib.vntext import fold, normalize

# "Nguyễn Văn An (1980) — Sở Nội vụ", the label itself, typed or pasted: name, then an optional year of birth in
# brackets, then an optional unit after a dash set off by spaces (a hyphen inside a name is kept).
TYPED = re.compile(r"^(?P<name>[^()]*?)\s*(?:\((?P<year>\d{4})\))?\s*(?:\s[—–-]\s*(?P<unit>.+))?$")

TEXTS = {
    "not_in_scope": _("%(field)s: the chosen person is not among the persons you may choose."),
    "none": _("%(field)s: nobody named “%(text)s” among the persons you may choose."),
    "several": _("%(field)s: %(n)d persons are named “%(text)s”; choose from the list, or add the year of birth "
                 "and the unit as in “%(example)s”."),
    "too_many": _("%(field)s: at most %(n)d names can be typed at once."),
}


def person_label(person) -> str:
    """"Nguyễn Văn An (1980) — Sở Nội vụ" (needs the unit loaded: select_related("unit"))."""
    year = person.birth_year or (person.birth_date.year if person.birth_date else None)
    name = f"{person.full_name} ({year})" if year else person.full_name
    return f"{name} — {person.unit.name}"


def match_typed(queryset, text: str):
    """The persons of `queryset` the typed text names: the same folded name, and the year and the unit when
    typed (the unit's name as written, accents included: it is what the label shows)."""
    parts = TYPED.match(text.strip())
    name = parts["name"] if parts else text
    queryset = queryset.filter(name_folded=fold(name))
    if parts and parts["year"]:
        queryset = queryset.filter(birth_year=int(parts["year"]))
    if parts and parts["unit"]:
        queryset = queryset.filter(unit__name__iexact=normalize(parts["unit"]))
    return queryset.order_by("name_folded", "id")


class PersonField(PickerField):
    texts = TEXTS

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset, url=reverse_lazy("people:choices"), match=match_typed, **kwargs)

    def label_from_instance(self, obj):
        return person_label(obj)


class PersonsField(PickerMultipleField):
    texts = TEXTS

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset, url=reverse_lazy("people:choices"), match=match_typed, **kwargs)

    def label_from_instance(self, obj):
        return person_label(obj)
