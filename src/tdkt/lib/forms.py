"""Putting a domain ValidationError onto a form, so each message lands on the field it names."""

from django.core.exceptions import ValidationError


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
