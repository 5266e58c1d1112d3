"""Reading the cells of a history file: Vietnamese dates and years, ratings, scopes, kinds of commendation.

Every function takes any cell value (text, number, date, None…) and either returns the value read or
raises CellError with the message to show; none raises anything else (tests/awards/test_import_parsing.py
checks that with hypothesis). Messages name the column as headed in the file.
"""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.awards.enums import AwardBasis, InitiativeScope, RatingLevel
from tdkt.awards.models import FIRST_YEAR
from tdkt.lib.vntext import fold

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug included)
_SERIAL_RANGE = (1, 2_958_465)  # 1900-01-01 .. 9999-12-31
_SPACES = re.compile(r"\s+")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_WORDED_DATE = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|,|/)\s*(\d{4})$")
_YEAR = re.compile(r"^(?:nam\s*)?(\d{4})(?:\.0+)?$")
_SCHOOL_YEAR = re.compile(r"^(?:nam hoc\s*)?(\d{4})\s*[-–/]\s*(\d{4})$")

RATINGS = {
    "htxsnv": RatingLevel.HTXSNV, "hoan thanh xuat sac nhiem vu": RatingLevel.HTXSNV,
    "httnv": RatingLevel.HTTNV, "hoan thanh tot nhiem vu": RatingLevel.HTTNV,
    "htnv": RatingLevel.HTNV, "hoan thanh nhiem vu": RatingLevel.HTNV,
    "khtnv": RatingLevel.KHTNV, "khong hoan thanh nhiem vu": RatingLevel.KHTNV,
}
SCOPES = {
    "co so": InitiativeScope.CO_SO, "cap co so": InitiativeScope.CO_SO, "co_so": InitiativeScope.CO_SO,
    "tinh": InitiativeScope.TINH, "cap tinh": InitiativeScope.TINH, "toan tinh": InitiativeScope.TINH,
    "toan quoc": InitiativeScope.TOAN_QUOC, "cap toan quoc": InitiativeScope.TOAN_QUOC,
    "toan_quoc": InitiativeScope.TOAN_QUOC, "quoc gia": InitiativeScope.TOAN_QUOC,
}
BASES = {
    "thuong xuyen": AwardBasis.MERIT, "cong trang": AwardBasis.MERIT, "cong trang va thanh tich": AwardBasis.MERIT,
    "theo cong trang": AwardBasis.MERIT, "merit": AwardBasis.MERIT,
    "chuyen de": AwardBasis.THEMATIC, "theo chuyen de": AwardBasis.THEMATIC, "theo dot": AwardBasis.THEMATIC,
    "thematic": AwardBasis.THEMATIC,
    "dot xuat": AwardBasis.ADHOC, "adhoc": AwardBasis.ADHOC,
    "cong hien": AwardBasis.DEDICATION, "qua trinh cong hien": AwardBasis.DEDICATION,
    "dedication": AwardBasis.DEDICATION,
    "nien han": AwardBasis.SENIORITY, "seniority": AwardBasis.SENIORITY,
    "doi ngoai": AwardBasis.FOREIGN, "foreign": AwardBasis.FOREIGN,
}


class CellError(ValueError):
    """A cell that cannot be read; the message is shown on the row as is."""


def cell_text(value) -> str:
    """The text of a cell as stored in ImportRow.raw: dates as dd/mm/yyyy, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y") if value.year >= 1000 else value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return _SPACES.sub(" ", str(value)).strip()


def _date(year: int, month: int, day: int):
    try:
        return datetime.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _two_digit_year(short: int, today: datetime.date) -> int:
    """"85" is 1985, "24" is 2024: the latest year ending so that is not in the future."""
    year = 2000 + short
    return year if year <= today.year else year - 100


def read_date(value, today: datetime.date | None = None) -> datetime.date | None:
    """A date written the Vietnamese way, or None for an empty cell.

    dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, "ngày 5 tháng 3 năm 2024", an Excel date
    cell, or an Excel serial number (a date cell formatted as a number).
    """
    today = today or timezone.localdate()
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    folded = fold(text).rstrip(".")
    found = None
    if match := _NUMERIC_DATE.match(folded):
        day, month, year = int(match[1]), int(match[2]), match[3]
        found = _date(_two_digit_year(int(year), today) if len(year) == 2 else int(year), month, day)
    elif match := _ISO_DATE.match(folded):
        found = _date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _WORDED_DATE.match(folded):
        found = _date(int(match[3]), int(match[2]), int(match[1]))
    elif re.fullmatch(r"\d{5}(?:\.0+)?", folded) and _SERIAL_RANGE[0] <= int(folded.split(".")[0]) <= _SERIAL_RANGE[1]:
        found = EXCEL_EPOCH + datetime.timedelta(days=int(folded.split(".")[0]))
    if found is None:
        raise CellError(text)
    return found


def read_year(value) -> tuple[int | None, str]:
    """(year, school year) from "2024", 2024, "Năm 2024" or a school year "2023-2024" (its end year)."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.year, ""
    text = cell_text(value)
    if not text:
        return None, ""
    folded = fold(text)
    if match := _YEAR.match(folded):
        return int(match[1]), ""
    if (match := _SCHOOL_YEAR.match(folded)) and int(match[2]) == int(match[1]) + 1:
        return int(match[2]), f"{match[1]}-{match[2]}"
    raise CellError(text)


def read_choice(value, choices: dict) -> str | None:
    text = cell_text(value)
    if not text:
        return None
    folded = fold(text).strip(" .")
    found = choices.get(folded) or choices.get(folded.replace(" ", ""))
    if found is None:
        raise CellError(text)
    return str(found)


# --- messages for a column ------------------------------------------------------------------------------


def check_date(column: str, value, *, today: datetime.date, errors: list) -> datetime.date | None:
    try:
        day = read_date(value, today)
    except CellError as exc:
        errors.append(_("Column “%(column)s”: “%(value)s” is not a date (day/month/year).") % {
            "column": column, "value": exc})
        return None
    if day is not None and day > today:
        errors.append(_("Column “%(column)s”: the date %(date)s is in the future.") % {
            "column": column, "date": day.strftime("%d/%m/%Y")})
        return None
    if day is not None and day.year < FIRST_YEAR:
        errors.append(_("Column “%(column)s”: the year must be %(first)s or later.") % {
            "column": column, "first": FIRST_YEAR})
        return None
    return day


def check_year(column: str, value, *, today: datetime.date, errors: list) -> tuple[int | None, str]:
    try:
        year, school_year = read_year(value)
    except CellError as exc:
        errors.append(_("Column “%(column)s”: “%(value)s” is not a year.") % {"column": column, "value": exc})
        return None, ""
    if year is not None and year > today.year:
        errors.append(_("Column “%(column)s”: the year %(year)s is in the future.") % {"column": column, "year": year})
        return None, ""
    if year is not None and year < FIRST_YEAR:
        errors.append(_("Column “%(column)s”: the year must be %(first)s or later.") % {
            "column": column, "first": FIRST_YEAR})
        return None, ""
    return year, school_year


def check_birth(column: str, value, *, today: datetime.date, errors: list) -> tuple[str | None, int | None]:
    """(ISO birth date, birth year) from a date or a year alone ("Năm sinh")."""
    text = cell_text(value)
    if not text:
        return None, None
    if re.fullmatch(r"\d{4}(?:\.0+)?", text):
        year, _school = check_year(column, text, today=today, errors=errors)
        return None, year
    day = check_date(column, value, today=today, errors=errors)
    return (day.isoformat(), day.year) if day else (None, None)
