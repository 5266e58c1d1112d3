from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NATIONAL_ID_LENGTH = 12

# Digits 1-3 of a citizen ID: the code of the province where the birth was registered (Thông tư 07/2016/TT-BCA,
# the 63 province codes 001-096 as they were before the 2025 mergers; IDs keep them for life). NOT verified
# against the text in shared/domain/law.md (it does not quote the annex): a named parameter, cross-checked by
# tests/security/test_input_hygiene.py against the pre-2025 province codes of the vietnam-provinces package.
CITIZEN_ID_PROVINCE_CODES = frozenset({
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
    "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
    "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
    "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
    "094", "095", "096",
})
# Digit 4: century of birth and gender (even: male, odd: female). 0/1: 1900-1999, 2/3: 2000-2099; the digits
# for 2100 onwards and 1800-1899 (4-9) cannot belong to anyone the system records.
_CENTURIES = {"0": 1900, "1": 1900, "2": 2000, "3": 2000}


def validate_national_id(value: str) -> None:
    """A citizen ID (CCCD / số định danh cá nhân): 12 digits, a real birth-province code, a possible century."""
    if not value.isascii() or not value.isdigit():
        raise ValidationError(_("The citizen ID may contain digits only."), code="national_id_digits")
    if len(value) != NATIONAL_ID_LENGTH:
        raise ValidationError(
            _("The citizen ID must have exactly 12 digits (this one has %(count)d)."),
            code="national_id_length",
            params={"count": len(value)},
        )
    if value[:3] not in CITIZEN_ID_PROVINCE_CODES:
        raise ValidationError(
            _("The citizen ID begins with %(code)s, which is no province code (its first 3 digits are the code "
              "of the province where the birth was registered)."),
            code="national_id_province", params={"code": value[:3]},
        )
    if value[3] not in _CENTURIES:
        raise ValidationError(
            _("The 4th digit of the citizen ID (century of birth and gender) must be 0, 1, 2 or 3, not %(digit)s."),
            code="national_id_century", params={"digit": value[3]},
        )


def national_id_birth_year(value: str) -> int | None:
    """The year of birth a valid citizen ID states (digit 4: century, digits 5-6: year), or None."""
    if len(value or "") != NATIONAL_ID_LENGTH or not value.isdigit() or value[3] not in _CENTURIES:
        return None
    return _CENTURIES[value[3]] + int(value[4:6])


def validate_national_id_matches_birth(value: str | None, birth_year: int | None) -> None:
    """When both are known, the year the citizen ID states is the year of birth."""
    stated = national_id_birth_year(value or "")
    if stated is not None and birth_year and stated != birth_year:
        raise ValidationError(
            _("The citizen ID states the year of birth %(stated)d (digits 4 to 6), but the year of birth is "
              "%(year)d."),
            code="national_id_birth_year", params={"stated": stated, "year": birth_year},
        )


def mask_national_id(value: str) -> str:
    """Show only the last 3 digits: '********1234' style, same length as the ID."""
    if not value:
        return ""
    return "•" * (len(value) - 3) + value[-3:]
