"""Reading dates and years written the Vietnamese way in spreadsheet cells (framework-free).

Every reader takes any cell value (text, number, date, None…) and returns the value read, or raises
CellError carrying the cell's text; none raises anything else.
"""

import datetime
import re

from tdkt.lib.hygiene import clean_text
from tdkt.lib.vntext import fold

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug included)
_SERIAL_RANGE = (1, 2_958_465)  # 1900-01-01 .. 9999-12-31
_SPACES = re.compile(r"\s+")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_WORDED_DATE = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|,|/)\s*(\d{4})$")
_YEAR = re.compile(r"^(?:nam\s*)?(\d{4})(?:\.0+)?$")
_SCHOOL_YEAR = re.compile(r"^(?:nam hoc\s*)?(\d{4})\s*[-–/]\s*(\d{4})$")


class CellError(ValueError):
    """A cell that cannot be read; the message is shown on the row as is."""


def cell_text(value) -> str:
    """The text of a cell as stored in ImportRow.raw: dates as dd/mm/yyyy, whole numbers without ".0"; no control
    or invisible characters (tdkt.lib.hygiene: every spreadsheet importer reads its cells through here)."""
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
    return _SPACES.sub(" ", clean_text(str(value))).strip()


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
    today = today or datetime.date.today()
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
