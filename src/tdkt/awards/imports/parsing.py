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
from tdkt.lib import vndates
from tdkt.lib.vndates import CellError, cell_text, read_year
from tdkt.lib.vntext import fold
from tdkt.people.enums import PersonGroup

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
    "khang chien": AwardBasis.RESISTANCE, "thanh tich khang chien": AwardBasis.RESISTANCE,
    "resistance": AwardBasis.RESISTANCE,
    "thanh tich thuong xuyen": AwardBasis.MERIT, "thanh tich dot xuat": AwardBasis.ADHOC,
    "thanh tich doi ngoai": AwardBasis.FOREIGN, "thanh tich chuyen de": AwardBasis.THEMATIC,
    "qua trinh cong hien lau dai": AwardBasis.DEDICATION,
}
_BASIS_PREFIX = re.compile(r"^(khen thuong|loai|hinh thuc)\s+")
_PUNCTUATION = re.compile(r"[^a-z0-9]+")


def read_date(value, today: datetime.date | None = None) -> datetime.date | None:
    """vndates.read_date, with "today" in the province's time zone (two-digit years are read against it)."""
    return vndates.read_date(value, today or timezone.localdate())


def read_basis(value) -> str | None:
    """The method of commendation (AwardBasis) from its label as written: "Thường xuyên", "Theo đợt",
    "Quá trình cống hiến", "Khen thưởng đột xuất", "KHANG CHIEN."… CellError with the text otherwise."""
    text = cell_text(value)
    if not text:
        return None
    folded = _PUNCTUATION.sub(" ", fold(text)).strip()
    while (shorter := _BASIS_PREFIX.sub("", folded)) != folded:
        folded = shorter
    found = BASES.get(folded)
    if found is None:
        raise CellError(text)
    return str(found)


def read_person_group(value) -> str | None:
    """The statistical person group (PersonGroup) from the labels units write in a column "Đối tượng": "Lãnh đạo
    cấp tỉnh", "LĐ cấp bộ, tỉnh", "Lãnh đạo cấp Sở", "Doanh nhân", "Cán bộ quản lý", "Quản lý từ phó trưởng phòng",
    "Trực tiếp lao động", "Công nhân, nông dân"…, case and diacritics ignored. CellError with the text when it is
    none of the five (or says "lãnh đạo" without the rank)."""
    text = cell_text(value)
    if not text:
        return None
    folded = " " + _PUNCTUATION.sub(" ", fold(text)).strip() + " "
    folded = folded.replace(" ld ", " lanh dao ").replace(" can bo ", " ")  # "cán bộ" is not the ministry ("bộ")
    words = set(folded.split())
    group = None
    if folded.strip().replace(" ", "_") in PersonGroup.values:  # the stored value, as an export writes it
        group = folded.strip().replace(" ", "_")
    elif " doanh nhan " in folded or " doanh nghiep " in folded:
        group = PersonGroup.BUSINESS
    elif any(f" {w} " in folded for w in ("truc tiep", "cong nhan", "nong dan", "ngu dan", "nguoi lao dong")):
        group = PersonGroup.DIRECT_WORKER
    elif " quan ly " in folded or " truong phong " in folded or " pho phong " in folded:
        group = PersonGroup.MANAGER
    elif " lanh dao " in folded and words & {"bo", "tinh", "trung", "nganh"}:
        group = PersonGroup.PROVINCE_LEADER
    elif " lanh dao " in folded and words & {"vu", "so", "cuc", "huyen"}:
        group = PersonGroup.DEPARTMENT_LEADER
    if group is None:
        raise CellError(text)
    return str(group)


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
