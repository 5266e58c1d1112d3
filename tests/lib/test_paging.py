import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.lib.paging import cheap_page


@pytest.mark.parametrize(("rows", "param", "expected_items", "number", "has_next"), [
    (0, None, [], 1, False),
    (5, "1", [0, 1, 2, 3, 4], 1, False),
    (6, "1", [0, 1, 2, 3, 4], 1, True),
    (6, "2", [5], 2, False),
    (6, "abc", [0, 1, 2, 3, 4], 1, True),
    (6, "-3", [0, 1, 2, 3, 4], 1, True),
])
def test_cheap_page(rows, param, expected_items, number, has_next):
    page = cheap_page(list(range(rows)), param, 5)
    assert (page.items, page.number, page.has_next) == (expected_items, number, has_next)


@given(st.integers(0, 300), st.integers(1, 20), st.integers(1, 40))
def test_pages_cover_every_row_exactly_once(rows, per_page, pages):
    data = list(range(rows))
    seen = []
    for number in range(1, pages + 1):
        page = cheap_page(data, str(number), per_page)
        seen.extend(page.items)
        if not page.has_next:
            break
    assert seen == data[: per_page * pages]
