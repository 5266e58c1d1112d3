"""Pickers: a choice field over a table too large to print as <option>s (the province's ~100,000 persons; its
units next), whose page carries only the rows already chosen, whatever the size of the table.

The search endpoint contract (what static/tdkt/picker.js calls, one endpoint per table):

    GET <url>?q=<typed text>[&<the widget's params>]
    200 {"results": [{"id": <pk>, "label": "<text shown>"}, …], "more": <bool>}

at most MAX_RESULTS rows, scoped to the signed-in user, in a fixed number of queries; a query of fewer than
MIN_QUERY characters (after folding) answers no rows. `results_json` builds the answer.

Without JavaScript the widget is a <select> of the chosen rows (a single field adds an empty choice to clear
it) and a text box: the user types the row's name (for a multiple field several, separated by ";"), which the
field resolves within its own queryset through the `match` function it was given: exactly one match is
chosen; none or several is an error naming the field and the count. A posted pk outside the queryset (another
unit's person, posted by hand) is refused the same way as a wrong name, without saying whose pk it was.
"""

from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

MAX_RESULTS = 20
MIN_QUERY = 2
SEPARATOR = ";"
MAX_TYPED = 50  # names typed in one multiple field: more is not a form, it is a list to import
SEARCH_SUFFIX = "_q"


class Typed(NamedTuple):
    """What the widget read when the user typed in its text box: the pks the <select> posted, and the text."""

    chosen: list
    text: str


def results_json(rows, label, more: bool) -> dict:
    return {"results": [{"id": row.pk, "label": label(row)} for row in rows], "more": more}


def _pks(values) -> list[int]:
    """The posted values that can be pks, in order, once each (a value like "abc" is left to the field)."""
    seen = []
    for value in values:
        if str(value).isdigit() and int(value) not in seen:
            seen.append(int(value))
    return seen


class PickerWidget(forms.Widget):
    """A <select> of the chosen rows plus a search box; picker.js turns them into a combobox."""

    texts = {
        "hint": gettext_lazy("Type a few letters of the name (no accents needed) and choose from the list."),
        "hint_multiple": gettext_lazy("Type a few letters of the name (no accents needed) and choose from the list; "
                                      "without the list, separate several names with “;”."),
        "chosen": gettext_lazy("Chosen"),
        "remove": gettext_lazy("Remove from the chosen"),
        "none": gettext_lazy("Nothing found."),
        "count": gettext_lazy("%(n)s results; use the arrow keys to choose."),
        "more": gettext_lazy("More results: type more of the name."),
    }

    def __init__(self, url, *, multiple=False, params=None, attrs=None):
        super().__init__(attrs)
        self.url = url
        self.multiple = multiple
        self.params = params or {}  # fixed query parameters sent with every search (e.g. unit=…)
        self.choices = ()  # set by the model choice field: its ModelChoiceIterator (queryset and labels)

    def value_from_datadict(self, data, files, name):
        chosen = data.getlist(name) if self.multiple and hasattr(data, "getlist") else data.get(name)
        text = (data.get(name + SEARCH_SUFFIX) or "").strip()
        if not text:
            return chosen
        return Typed(list(chosen or []) if self.multiple else ([chosen] if chosen else []), text)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + SEARCH_SUFFIX not in data

    def id_for_label(self, id_):
        return f"{id_}{SEARCH_SUFFIX}" if id_ else id_

    def _chosen_rows(self, values) -> list:
        """The chosen rows, read in one query from the field's own queryset (a pk outside it prints nothing)."""
        pks = _pks(values)
        if not pks or not hasattr(self.choices, "queryset"):
            return []
        found = self.choices.queryset.in_bulk(pks)
        label = self.choices.field.label_from_instance
        return [(pk, label(found[pk])) for pk in pks if pk in found]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        id_ = attrs.pop("id", None) or f"id_{name}"
        # No HTML `required`: the box is emptied once a row is chosen, and the browser would then refuse to
        # submit; the field checks it on the server.
        attrs.pop("required", None)
        if isinstance(value, Typed):
            values, text = value.chosen, value.text
        else:
            values = value if isinstance(value, list | tuple) else ([] if value in (None, "") else [value])
            text = ""
        rows = self._chosen_rows(values)
        options = format_html_join("", '<option value="{}" selected>{}</option>', rows)
        if not self.multiple:
            options = format_html('<option value="">—</option>{}', options)
        select_attrs = {"name": name, "id": id_, "class": "picker-chosen", "aria-label": self.texts["chosen"]}
        if self.multiple:
            select_attrs["multiple"] = True
        search_attrs = {**attrs, "type": "text", "name": name + SEARCH_SUFFIX, "id": f"{id_}{SEARCH_SUFFIX}",
                        "value": text, "class": "picker-search", "autocomplete": "off",
                        "aria-describedby": f"{id_}_hint"}
        box_attrs = {"class": "picker", "data-picker": str(self.url), "data-picker-params": urlencode(self.params, doseq=True),
                     "data-text-remove": self.texts["remove"], "data-text-none": self.texts["none"],
                     "data-text-count": self.texts["count"], "data-text-more": self.texts["more"]}
        if self.multiple:
            box_attrs["data-picker-multiple"] = True
        hint = self.texts["hint_multiple" if self.multiple else "hint"]
        return format_html('<div{}><select{}>{}</select> <input{}><small class="hint" id="{}_hint">{}</small></div>',
                           flatatt(box_attrs), flatatt(select_attrs), options, flatatt(search_attrs), id_, hint)


class _Picking:
    """What the single and the multiple picker fields share: the typed-text resolution and the messages."""

    default_texts = {
        "not_in_scope": gettext_lazy("%(field)s: the chosen item is not among those you may choose."),
        "none": gettext_lazy("%(field)s: nothing named “%(text)s” among those you may choose."),
        "several": gettext_lazy("%(field)s: %(n)d match “%(text)s”; choose from the list or type more precisely, "
                                "for example “%(example)s”."),
        "too_many": gettext_lazy("%(field)s: at most %(n)d names can be typed at once."),
    }
    texts: dict = {}

    def _setup(self, url, match, multiple, params):
        self.match = match
        self.widget = PickerWidget(url, multiple=multiple, params=params)
        # Django's queryset setter keeps widget.choices in step from now on (the form sets the queryset later).
        self.widget.choices = self.choices

    def _message(self, key, **params) -> str:
        return str({**self.default_texts, **self.texts}[key]) % {"field": self.label, **params}

    def prepare_value(self, value):
        return value if isinstance(value, Typed) else super().prepare_value(value)

    def has_changed(self, initial, data):
        return isinstance(data, Typed) or super().has_changed(initial, data)

    def resolve(self, text: str):
        """The one row of the queryset the typed text names, or a ValidationError naming the field."""
        matches = self.match(self.queryset, text)
        found = list(matches[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(self._message("none", text=text), code="typed_none")
        raise ValidationError(self._message("several", text=text, n=matches.count(),
                                            example=self.label_from_instance(found[0])), code="typed_several")

    def scoped(self, clean, value):
        """`clean(value)` with Django's "not one of the available choices" in our words."""
        try:
            return clean(value)
        except ValidationError as exc:
            if {error.code for error in exc.error_list} & {"invalid_choice", "invalid_pk_value", "invalid_list"}:
                raise ValidationError(self._message("not_in_scope"), code="not_in_scope") from None
            raise


class PickerField(_Picking, forms.ModelChoiceField):
    """One row of a large queryset (a team leader, an author)."""

    def __init__(self, queryset=None, *, url, match, params=None, **kwargs):
        super().__init__(queryset, **kwargs)
        self._setup(url, match, False, params)

    def clean(self, value):
        if not isinstance(value, Typed):
            return self.scoped(super().clean, value)
        row = self.resolve(value.text)
        self.validate(row)
        self.run_validators(row)
        return row


class PickerMultipleField(_Picking, forms.ModelMultipleChoiceField):
    """Several rows of a large queryset (team members, trainees); returns a queryset like its parent."""

    def __init__(self, queryset=None, *, url, match, params=None, **kwargs):
        super().__init__(queryset, **kwargs)
        self._setup(url, match, True, params)

    def clean(self, value):
        if not isinstance(value, Typed):
            return self.scoped(super().clean, value)
        names = [name.strip() for name in value.text.split(SEPARATOR) if name.strip()]
        if len(names) > MAX_TYPED:
            raise ValidationError(self._message("too_many", n=MAX_TYPED), code="too_many")
        chosen = list(self.scoped(super().clean, value.chosen)) if value.chosen else []
        errors, pks = [], [row.pk for row in chosen]
        for name in names:
            try:
                row = self.resolve(name)
            except ValidationError as exc:
                errors.extend(exc.error_list)
                continue
            if row.pk not in pks:
                pks.append(row.pk)
        if errors:
            raise ValidationError(errors)
        if self.required and not pks:
            raise ValidationError(self.error_messages["required"], code="required")
        rows = self.queryset.filter(pk__in=pks)
        self.run_validators(rows)
        return rows

