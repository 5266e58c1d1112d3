"""Vietnamese dates in cells (tdkt.lib.vndates), shared by the staff import and the history import."""

import datetime

import pytest

from tdkt.lib.vndates import CellError, read_date, read_year
from tdkt.people.imports import _parse_birth

TODAY = datetime.date(2026, 11, 21)
D = datetime.date


@pytest.mark.parametrize(("cell", "expected"), [
    ("04/03/1985", D(1985, 3, 4)), ("4/3/85", D(1985, 3, 4)), ("04-03-1985", D(1985, 3, 4)),
    ("04.03.1985", D(1985, 3, 4)), ("1985-03-04", D(1985, 3, 4)), ("ngày 4 tháng 3 năm 1985", D(1985, 3, 4)),
    (datetime.datetime(1985, 3, 4, 0, 0), D(1985, 3, 4)), (31110, D(1985, 3, 4)), ("", None), (None, None),
    ("5/3/24", D(2024, 3, 5)),  # two-digit years are the latest not in the future
])
def test_read_date(cell, expected):
    assert read_date(cell, TODAY) == expected


@pytest.mark.parametrize("cell", ["31/02/1990", "13/13/2020", "hôm qua", "1990"])
def test_read_date_refuses(cell):
    with pytest.raises(CellError, match=r"^(?:13/13/2020|1990|31/02/1990|hôm qua)$"):
        read_date(cell, TODAY)


@pytest.mark.parametrize(("cell", "expected"), [("2024", (2024, "")), ("Năm 2024", (2024, "")),
                                                ("2023-2024", (2024, "2023-2024")), (2024.0, (2024, ""))])
def test_read_year(cell, expected):
    assert read_year(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("ngày 4 tháng 3 năm 1985", (D(1985, 3, 4), 1985)), ("1985", (None, 1985)), ("", (None, None)),
    (datetime.datetime(1990, 5, 12), (D(1990, 5, 12), 1990)),
])
def test_staff_import_reads_birth_dates_and_years(cell, expected):
    assert _parse_birth(cell) == expected


@pytest.mark.parametrize("cell", ["31/02/1990", "2023-2024", "không rõ"])
def test_staff_import_refuses_other_birth_cells(cell):
    with pytest.raises(ValueError, match=r"^(?:2023-2024|31/02/1990|không rõ)$"):
        _parse_birth(cell)
