"""Cells of a history file: Vietnamese dates and years (table-driven), tolerant award names, and
properties: the cell readers and the row parser never crash, whatever the cells hold."""

import contextlib
import datetime
import re

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.awards.imports.models import ImportKind
from tdkt.awards.imports.parsing import CellError, check_birth, check_date, check_year, read_date, read_year
from tdkt.awards.imports.rows import RowContext, parse_row
from tdkt.awards.matching import AwardMatcher

d = datetime.date
TODAY = d(2026, 11, 21)

DATES = [
    ("05/03/2024", d(2024, 3, 5)),
    ("5/3/2024", d(2024, 3, 5)),
    ("5/3/24", d(2024, 3, 5)),
    ("05-03-2024", d(2024, 3, 5)),
    ("05.03.2024", d(2024, 3, 5)),
    ("5 / 3 / 2024", d(2024, 3, 5)),
    ("2024-03-05", d(2024, 3, 5)),
    ("2024-03-05 00:00:00", d(2024, 3, 5)),
    ("ngày 5 tháng 3 năm 2024", d(2024, 3, 5)),
    ("Ngày 05 tháng 03 năm 2024", d(2024, 3, 5)),
    ("5 tháng 3 năm 2024", d(2024, 3, 5)),
    ("ngay 5 thang 3 nam 2024", d(2024, 3, 5)),
    ("45356", d(2024, 3, 5)),  # an Excel date cell formatted as a number
    (45356, d(2024, 3, 5)),
    (45356.0, d(2024, 3, 5)),
    (datetime.datetime(2024, 3, 5, 0, 0), d(2024, 3, 5)),
    (d(2024, 3, 5), d(2024, 3, 5)),
    ("4/3/85", d(1985, 3, 4)),  # two-digit years: the latest that is not in the future
    ("1/1/26", d(2026, 1, 1)),
    ("1/1/27", d(1927, 1, 1)),
    ("29/02/2024", d(2024, 2, 29)),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("cell", "expected"), DATES, ids=[repr(c) for c, _e in DATES])
def test_vietnamese_dates_are_read(cell, expected):
    assert read_date(cell, TODAY) == expected


BAD_DATES = ["32/01/2024", "29/02/2023", "05/13/2024", "hôm qua", "5/3", "2024", "tháng 3/2024", "12345678"]


@pytest.mark.parametrize("cell", BAD_DATES)
def test_what_is_not_a_date_is_refused(cell):
    with pytest.raises(CellError, match=f"^{re.escape(cell)}$"):
        read_date(cell, TODAY)


YEARS = [("2024", (2024, "")), (2024, (2024, "")), (2024.0, (2024, "")), ("Năm 2024", (2024, "")),
         ("2023-2024", (2024, "2023-2024")), ("2023 – 2024", (2024, "2023-2024")), ("Năm học 2023-2024", (2024, "2023-2024")),
         (d(2024, 5, 1), (2024, "")), ("", (None, ""))]


@pytest.mark.parametrize(("cell", "expected"), YEARS, ids=[repr(c) for c, _e in YEARS])
def test_years_and_school_years_are_read(cell, expected):
    assert read_year(cell) == expected


@pytest.mark.parametrize("cell", ["24", "2023-2025", "hai không hai tư", "20244"])
def test_what_is_not_a_year_is_refused(cell):
    with pytest.raises(CellError, match=r"^(?:2023-2025|20244|24|hai không hai tư)$"):
        read_year(cell)


def test_messages_for_dates_and_years_in_vietnamese():
    errors = []
    with translation.override("vi"):
        check_date("Ngày quyết định", "32/13/2024", today=TODAY, errors=errors)
        check_date("Ngày quyết định", "01/01/2027", today=TODAY, errors=errors)
        check_year("Năm", "2027", today=TODAY, errors=errors)
        check_year("Năm", "1850", today=TODAY, errors=errors)
        check_year("Năm", "năm ngoái", today=TODAY, errors=errors)
        check_birth("Ngày sinh", "31/02/1985", today=TODAY, errors=errors)
    assert errors == [
        "Cột “Ngày quyết định”: “32/13/2024” không phải là ngày (ngày/tháng/năm).",
        "Cột “Ngày quyết định”: ngày 01/01/2027 ở tương lai.",
        "Cột “Năm”: năm 2027 ở tương lai.",
        "Cột “Năm”: năm phải từ 1900 trở về sau.",
        "Cột “Năm”: “năm ngoái” không phải là năm.",
        "Cột “Ngày sinh”: “31/02/1985” không phải là ngày (ngày/tháng/năm).",
    ]


def test_birth_is_a_date_or_a_year():
    assert check_birth("Ngày sinh", "04/03/1985", today=TODAY, errors=[]) == ("1985-03-04", 1985)
    assert check_birth("Năm sinh", "1985", today=TODAY, errors=[]) == (None, 1985)
    assert check_birth("Năm sinh", 1985, today=TODAY, errors=[]) == (None, 1985)


TOLERANT_NAMES = [
    ("Chiến sỹ thi đua cơ sở", "CSTD_CS"),
    ("CSTĐCS", "CSTD_CS"),
    ("chiến sĩ thi đua cấp cơ sở", "CSTD_CS"),
    ("CHIẾN SĨ THI ĐUA CƠ SỞ", "CSTD_CS"),
    ("Danh hiệu Chiến sĩ thi đua cơ sở", "CSTD_CS"),
    ("CSTĐ cơ sở", "CSTD_CS"),
    ("Lao động tiên tiến", "LDTT"),
    ("LĐTT", "LDTT"),
    ("lao dong tien tien", "LDTT"),
    ("Chiến sĩ thi đua cấp tỉnh", "CSTD_TINH"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Lào Cai", "BK_TINH"),
    ("Giấy khen của Giám đốc Sở Y tế", "GK"),
    ("Bằng khen của Thủ tướng Chính phủ", "BK_TTG"),
    ("Huân chương Lao động hạng Ba", "HCLD3"),
    ("Huân chương Lao động hạng III", "HCLD3"),
]


@pytest.mark.django_db
def test_award_names_are_matched_tolerantly():
    matcher = AwardMatcher()
    found = {text: getattr(matcher.match(text), "code", None) for text, _code in TOLERANT_NAMES}
    assert found == dict(TOLERANT_NAMES)


# --- properties: nothing crashes, whatever the cells hold ---------------------------------------------------

CELLS = st.one_of(
    st.none(), st.text(max_size=40), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(min_value=d(1, 1, 1)), st.datetimes(),
    st.from_regex(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}", fullmatch=True),
    st.from_regex(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}", fullmatch=True),
    st.from_regex(r"\d{4}\s*-\s*\d{4}", fullmatch=True),
)


@settings(deadline=None)
@given(CELLS)
def test_date_and_year_readers_never_crash(cell):
    for read in (lambda value: read_date(value, TODAY), read_year):
        with contextlib.suppress(CellError):
            read(cell)
    errors = []
    day = check_date("C", cell, today=TODAY, errors=errors)
    assert day is None or (d(1900, 1, 1) <= day <= TODAY)
    year, _school = check_year("C", cell, today=TODAY, errors=errors)
    assert year is None or 1900 <= year <= TODAY.year
    check_birth("C", cell, today=TODAY, errors=errors)
    assert all(isinstance(message, str) for message in errors)


class _Units:
    names = {1: "Sở Y tế"}
    dissolved = set()

    def find(self, column, text, errors):
        if text == "Sở Y tế":
            return 1
        errors.append(f"unit {text}")
        return None


class _Awards:
    def match(self, text):
        return None

    def suggest(self, text, limit=3):
        return []


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(list(ImportKind.values)), cells=st.lists(CELLS, max_size=12))
def test_the_row_parser_never_crashes(kind, cells):
    header = [f"H{i}" for i in range(9)]
    from tdkt.awards.imports.columns import fields_of

    mapping = {field.name: index for index, field in enumerate(fields_of(kind)) if index < len(header)}
    ctx = RowContext(kind=kind, mapping=mapping, header=header, default_unit_id=1, units=_Units(),
                     awards=_Awards(), today=TODAY)
    raw, parsed, errors = parse_row(ctx, 7, cells)
    assert isinstance(raw, dict) and isinstance(parsed, dict) and isinstance(errors, list)
    if not errors:
        assert parsed["name"] and parsed["unit_id"] == 1
