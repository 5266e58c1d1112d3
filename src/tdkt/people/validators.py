from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NATIONAL_ID_LENGTH = 12


def validate_national_id(value: str) -> None:
    """A citizen ID (CCCD / số định danh cá nhân) is exactly 12 digits."""
    if not value.isascii() or not value.isdigit():
        raise ValidationError(_("The citizen ID may contain digits only."), code="national_id_digits")
    if len(value) != NATIONAL_ID_LENGTH:
        raise ValidationError(
            _("The citizen ID must have exactly 12 digits (this one has %(count)d)."),
            code="national_id_length",
            params={"count": len(value)},
        )


def mask_national_id(value: str) -> str:
    """Show only the last 3 digits: '********1234' style, same length as the ID."""
    if not value:
        return ""
    return "•" * (len(value) - 3) + value[-3:]
