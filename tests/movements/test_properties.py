"""Property tests of the count cells of the registration import."""

from hypothesis import given
from hypothesis import strategies as st

from tdkt.movements.registration_io import _count


@given(st.integers(min_value=0, max_value=10**6))
def test_whole_numbers_read_back(number):
    assert _count(str(number)) == number
    assert _count(f"{number}.0") == number


@given(st.integers(min_value=-(10**6), max_value=-1))
def test_negative_numbers_are_refused(number):
    assert _count(str(number)) is None


@given(st.text(alphabet="abcxyzđ-/ ", min_size=1).filter(lambda t: t.strip()))
def test_words_are_refused(text):
    assert _count(text) is None
