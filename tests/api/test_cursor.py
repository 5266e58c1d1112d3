"""The cursor codec: what it writes it reads back exactly; anything else is a ValueError (a 400 for the
client), never another exception and never a position it did not write."""

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.api.paging import decode_cursor, encode_cursor

moments = st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 1, 1),
                       timezones=st.sampled_from([datetime.UTC, datetime.timezone(datetime.timedelta(hours=7))]))
pks = st.integers(min_value=1, max_value=2**63 - 1)


@given(moments, pks)
def test_round_trip(moment, pk):
    cursor = encode_cursor(moment, pk)
    assert decode_cursor(cursor) == (moment, pk)
    assert cursor.isascii() and "=" not in cursor and "/" not in cursor and "+" not in cursor


@given(st.text(max_size=80))
def test_anything_else_is_a_value_error_or_a_cursor_we_wrote(text):
    try:
        moment, pk = decode_cursor(text)
    except ValueError:
        return
    assert encode_cursor(moment, pk) == text


@given(moments, pks, st.integers(min_value=0), st.characters(codec="ascii"))
def test_a_changed_character_is_refused_or_reencodes_identically(moment, pk, where, replacement):
    cursor = encode_cursor(moment, pk)
    where %= len(cursor)
    changed = cursor[:where] + replacement + cursor[where + 1:]
    try:
        decoded = decode_cursor(changed)
    except ValueError:
        return
    assert encode_cursor(*decoded) == changed


@pytest.mark.parametrize("text", ["", "W10", "WzEsIjIwMjYtMDEtMDEiLDFd", "WzIsIjIwMjYtMDEtMDFUMDA6MDA6MDArMDA6MDAiLDFd",
                                  "WzEsIjIwMjYtMDEtMDFUMDA6MDA6MDArMDA6MDAiLDBd"])
def test_known_bad_cursors(text):
    # empty; []; a naive date; version 2; id 0
    with pytest.raises(ValueError, match=f"^{re.escape(text)}$"):
        decode_cursor(text)
