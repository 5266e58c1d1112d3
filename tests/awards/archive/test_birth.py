"""The birth text a document gives (“12/03/1980”, “1980”) as the matching's birth data: a valid date or
year, else nothing — never an exception."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from tdkt.awards.archive.matching import parse_birth


def test_a_date_and_a_year_are_read():
    assert parse_birth("04/03/1985") == {"birth_date": "1985-03-04", "birth_year": 1985}
    assert parse_birth(" 1990 ") == {"birth_date": None, "birth_year": 1990}
    assert parse_birth("31/02/1990") == {"birth_date": None, "birth_year": None}
    assert parse_birth("") == {"birth_date": None, "birth_year": None}


@given(st.text(max_size=20))
def test_any_text_gives_a_valid_date_or_nothing(text):
    birth = parse_birth(text)
    assert set(birth) == {"birth_date", "birth_year"}
    if birth["birth_date"] is not None:
        assert datetime.date.fromisoformat(birth["birth_date"]).year == birth["birth_year"]
    assert birth["birth_year"] is None or 1000 <= birth["birth_year"] <= 9999


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_every_written_date_reads_back(day):
    assert parse_birth(day.strftime("%d/%m/%Y")) == {"birth_date": day.isoformat(), "birth_year": day.year}
