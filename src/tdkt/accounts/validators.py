from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """Strong passwords: at least one letter, one digit and one other character."""

    def validate(self, password, user=None):
        has_letter = any(ch.isalpha() for ch in password)
        has_digit = any(ch.isdigit() for ch in password)
        has_other = any(not ch.isalnum() for ch in password)
        if not (has_letter and has_digit and has_other):
            raise ValidationError(
                _("The password must contain letters, digits and at least one special character."),
                code="password_character_classes",
            )

    def get_help_text(self):
        return _("Your password must contain letters, digits and at least one special character.")
