"""Authors' shares: whole percents from 1 to 100 that add up to exactly 100."""

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tdkt.initiatives.shares import equal_shares, share_errors


@given(st.lists(st.integers(min_value=-5, max_value=120) | st.none(), max_size=8))
def test_shares_are_accepted_exactly_when_whole_percents_sum_to_100(shares):
    valid = bool(shares) and all(s is not None and 1 <= s <= 100 for s in shares) and sum(shares) == 100
    assert (share_errors(shares) == []) is valid


@given(st.integers(min_value=1, max_value=100))
def test_equal_shares_sum_to_100_and_differ_by_at_most_one(count):
    shares = equal_shares(count)
    assert len(shares) == count
    assert sum(shares) == 100
    assert max(shares) - min(shares) <= 1
    assert share_errors(shares) == []


def test_messages_name_the_author_and_the_total():
    with translation.override("vi"):
        _check_messages()


def _check_messages():
    assert share_errors([60, 30]) == ["Tỷ lệ đóng góp của các tác giả cộng lại là 90%; phải bằng 100%."]
    assert share_errors([0, 100]) == ["Tác giả thứ 1: tỷ lệ đóng góp phải là số nguyên từ 1 đến 100."]
    assert share_errors([]) == ["Cần ít nhất một tác giả."]
    assert equal_shares(3) == [34, 33, 33]

