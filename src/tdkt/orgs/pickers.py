"""The unit picker (tdkt.lib.pickers) of every form that names a unit: a province has some 2,000 units, eight
of them called "Phòng Kế hoạch - Tài chính", so each is labelled with its place in the tree ("Phòng Kế hoạch -
Tài chính — Sở Y tế"), searched by /orgs/choices/ (picker_views.unit_choices), matched by typed name without
JavaScript.

The search offers the live units the user may read; each form's own queryset (the units it accepts) is what
the field checks, so a unit offered but not accepted there is refused with the field's message."""

from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import get_scope
from tdkt.lib.pickers import MAX_RESULTS, MIN_QUERY, PickerField, PickerMultipleField
from tdkt.lib.vntext import fold, normalize
from tdkt.orgs.models import Unit

DASH = " — "
RELATED = "parent__parent"

TEXTS = {
    "not_in_scope": _("%(field)s: the chosen unit is not among the units you may choose here."),
    "none": _("%(field)s: no unit named “%(text)s” among the units you may choose here."),
    "several": _("%(field)s: %(n)d units are named “%(text)s”; choose from the list, or add the unit above it "
                 "as in “%(example)s”."),
    "too_many": _("%(field)s: at most %(n)d names can be typed at once."),
}


def unit_label(unit) -> str:
    """"Phòng Kế hoạch - Tài chính — Sở Y tế": the unit, then the unit above it, then the one above that when it
    is not the top of the tree (needs select_related("parent__parent"))."""
    chain = [unit.name]
    parent = unit.parent
    if parent is not None:
        chain.append(parent.name)
        if parent.parent is not None and parent.parent.parent_id is not None:
            chain.append(parent.parent.name)
    return DASH.join(chain)


def typed_parts(text: str) -> tuple[str, str]:
    """(unit name, name of the unit above or "") of a typed label: split at the first "—" (a hyphen inside a
    name, as in "Kế hoạch - Tài chính", is kept); the rest of the label, further up the tree, is not needed."""
    name, _dash, rest = text.partition(DASH.strip())
    parent = rest.partition(DASH.strip())[0]
    return normalize(name), normalize(parent)


def match_typed(queryset, text: str):
    """The units of `queryset` the typed text names: the unit's code, or its name and, when typed after " — ",
    the name of the unit above it (as the label shows them)."""
    name, parent = typed_parts(text)
    if not name:
        return queryset.none()
    named = Q(name__iexact=name)
    if parent:
        named &= Q(parent__name__iexact=parent)
    return queryset.filter(named | Q(code__iexact=text.strip())).order_by("name", "id")


def pick_units(user, query: str) -> tuple[list[Unit], bool]:
    """The live units the user may read whose name (with the unit above it) or code contains the typed text,
    accents folded; names starting with it first. Two queries whatever the number of units: the names, folded
    here (units have no folded column), then the rows shown."""
    folded = fold(query)
    if len(folded) < MIN_QUERY:
        return [], False
    scope = get_scope(user)
    rows = Unit.objects.filter(dissolved_on__isnull=True)
    if not scope.read_all:
        rows = rows.filter(pk__in=scope.readable_unit_ids)
    found = []
    for pk, name, code, parent_name in rows.values_list("pk", "name", "code", "parent__name"):
        own = fold(name)
        if folded in own or folded in fold(parent_name or "") or folded == fold(code):
            found.append((not own.startswith(folded), folded not in own, own, fold(parent_name or ""), pk))
    found.sort()
    shown = [row[-1] for row in found[:MAX_RESULTS]]
    loaded = Unit.objects.select_related(RELATED).in_bulk(shown) if shown else {}
    return [loaded[pk] for pk in shown if pk in loaded], len(found) > MAX_RESULTS


def own_unit_id(user) -> int | None:
    """The unit a form about the officer's own unit preselects: a unit officer's one home unit, else None (a
    province officer writing for any unit, or an officer of several units, chooses). No query of its own; a unit
    the form does not accept is not printed (the widget reads the chosen rows from the field's queryset)."""
    scope = get_scope(user)
    return next(iter(scope.home_unit_ids)) if len(scope.home_unit_ids) == 1 and not scope.write_all else None


class _UnitLabels:
    texts = TEXTS

    def _set_queryset(self, queryset):
        # The label reads two levels up: loaded with the rows, never one query per unit.
        super()._set_queryset(None if queryset is None else queryset.select_related(RELATED))

    queryset = property(PickerField._get_queryset, _set_queryset)

    def label_from_instance(self, obj):
        return unit_label(obj)


class UnitField(_UnitLabels, PickerField):
    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset, url=reverse_lazy("orgs:choices"), match=match_typed, **kwargs)


class UnitsField(_UnitLabels, PickerMultipleField):
    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset, url=reverse_lazy("orgs:choices"), match=match_typed, **kwargs)


class UnitFilterForm(forms.Form):
    """The `?unit=` filter of a list (GET): the picker posts the chosen pk, or the typed name as `unit_q`, which
    this form resolves within `units`; a pk is left to the list's own rule (tdkt.people.classify.chosen_unit)."""

    unit = UnitField(label=_("Unit"), required=False)

    def __init__(self, data=None, *, units, unit=None, **kwargs):
        # Its own ids ("filter_unit"): the page's form below may have a unit field of its own.
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(data, initial={"unit": unit.pk if unit else None}, **kwargs)
        self.fields["unit"].queryset = units

    def typed_unit(self):
        """The unit a name typed without JavaScript names, or None (nothing typed, or the form's error)."""
        if not (self.data.get("unit_q") or "").strip() or not self.is_valid():
            return None
        unit = self.cleaned_data["unit"]
        # Shown from now on as the chosen unit, the text box emptied, as the picker shows a unit picked.
        self.data = {"unit": str(unit.pk)}
        return unit
