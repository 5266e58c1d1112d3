"""Form helpers: the dd/mm/yyyy date widget, and putting a domain ValidationError onto a form, so each message
lands on the field it names."""

from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "class": "date"}, **kwargs)


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
