"""Form helpers: the dd/mm/yyyy date widget, putting a domain ValidationError onto a form, so each message
lands on the field it names, and the input hygiene of every text and date field (install_input_hygiene)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tdkt.lib.hygiene import clean_text


class DateInput(forms.DateInput):
    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "class": "date"}, **kwargs)


class TableRowForm(forms.Form):
    """A form drawn as one row of a table, under column headings instead of labels: each input is named for
    assistive technology by its field's label and what names the row ("Tỷ lệ đóng góp (%) — dòng 2"), so a
    screen reader never hears a bare "edit text". `row_label` names the row (a checklist item); by default the
    row's number is read from the formset prefix ("authors-1" -> row 2)."""

    def __init__(self, *args, row_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if row_label is None:
            number = (self.prefix or "").rpartition("-")[2]
            row_label = _("row %(n)d") % {"n": int(number) + 1} if number.isdigit() else ""
        for field in self.fields.values():
            name = f"{field.label} — {row_label}" if row_label else str(field.label)
            field.widget.attrs["aria-label"] = name


class PlainSelect(forms.Select):
    """A <select> of flat choices written in Python. Django renders each option through two templates: for the
    few hundred nominees of a dossier that cost more than the rest of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join("", "<option value=\"{}\"{}>{}</option>", (
            ("" if option is None else option, mark_safe(" selected") if str(option) in chosen else "", label)
            for option, label in self.choices))
        return format_html("<select{}>{}</select>", flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})),
                           options)


def apply_validation_error(form, exc: ValidationError, field_map: dict | None = None) -> None:
    field_map = field_map or {}
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for field, errors in exc.message_dict.items():
        target = field_map.get(field, field)
        if target not in form.fields:
            target = None
        for message in errors:
            form.add_error(target, message)


EARLIEST_YEAR = 1900  # no date the system records (births, decisions, awards) is older


def earliest_date_error(label) -> ValidationError:
    """The message for a date before 1900, naming the field."""
    return ValidationError(
        _("%(field)s: the date must be in %(year)d or later.") % {"field": capfirst(label or _("Date")),
                                                                   "year": EARLIEST_YEAR},
        code="date_before_1900",
    )


def _clean_char_to_python(original):
    def to_python(self, value):
        value = original(self, value)
        # strip=False marks text kept exactly as typed (passwords): never altered.
        if not self.strip or not isinstance(value, str) or value in self.empty_values:
            return value
        cleaned = clean_text(value, multiline=isinstance(self.widget, forms.Textarea))
        return cleaned.strip()

    to_python.hygiene = True
    return to_python


def _dated_to_python(original):
    def to_python(self, value):
        value = original(self, value)
        if value is not None and value.year < EARLIEST_YEAR:
            raise earliest_date_error(self.label)
        return value

    to_python.hygiene = True
    return to_python


def install_input_hygiene() -> None:
    """Every text and date form field of the project, in one place (called once from CoreConfig.ready):

    - text fields (forms.CharField and its subclasses; model CharField and TextField map to them) lose control,
      bidirectional-override and other invisible characters and are put in NFC (tdkt.lib.hygiene); a Textarea
      keeps its line breaks and tabs;
    - date fields refuse a date before 1900 with a message naming the field, instead of letting a database
      constraint fail later with an HTTP 500.

    Why a patch of the two base classes rather than a project base form: the ~80 forms, Django's own
    (password change, admin) and those a future change adds are all covered, with no form to forget.
    """
    if not getattr(forms.CharField.to_python, "hygiene", False):
        forms.CharField.to_python = _clean_char_to_python(forms.CharField.to_python)
    if not getattr(forms.DateField.to_python, "hygiene", False):
        forms.DateField.to_python = _dated_to_python(forms.DateField.to_python)
