"""The number of classes a plan task plans, read from its text."""

from hypothesis import given
from hypothesis import strategies as st

from tdkt.training.planned import planned_classes


def test_the_seed_task_plans_six_classes():
    assert planned_classes("Tổ chức các lớp tập huấn về TĐKT theo kế hoạch năm 2026 (06 lớp).") == 6


def test_a_text_without_a_count_plans_none():
    assert planned_classes("Tổ chức lớp bồi dưỡng nghiệp vụ công tác TĐKT") is None
    assert planned_classes("") is None
    assert planned_classes(None) is None


def test_a_year_before_the_word_is_not_a_count():
    assert planned_classes("Kế hoạch năm 2026 lớp bồi dưỡng") is None


def test_two_different_counts_are_ambiguous():
    assert planned_classes("02 lớp cho cấp tỉnh, 04 lớp cho cấp xã") is None
    assert planned_classes("03 lớp tập huấn (03 lớp)") == 3


@given(n=st.integers(min_value=1, max_value=999), padded=st.booleans(), prefix=st.text(max_size=30),
       upper=st.booleans())
def test_any_written_count_is_read(n, padded, prefix, upper):
    word = "LỚP" if upper else "lớp"
    text = f"{prefix.replace('p', '')} tổ chức ({n:02d} {word})" if padded else f"Mở {n} {word} tập huấn"
    if any(ch.isdigit() for ch in prefix):
        text = f"Mở {n} {word} tập huấn"
    assert planned_classes(text) == n


@given(st.text(max_size=80))
def test_never_fails_and_never_gives_zero(text):
    result = planned_classes(text)
    assert result is None or 1 <= result <= 999
