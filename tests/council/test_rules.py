"""Quorum and vote thresholds, table-driven, each row citing its rule (law.md §4.5, §2.3, §A.5)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.awards.models import AwardType
from tdkt.council.rules import Threshold, quorum, threshold_for

# (members, present, numerator, denominator, award presence %, considers awards) -> (required, reached)
QUORUM_CASES = [
    # NĐ152 Đ45 (central council) and Bắc Ninh QĐ 86/2025 Đ8: quorum 2/3 of members [V]
    ("2/3 of 21: 14 needed, 14 present", 21, 14, 2, 3, None, False, 14, True),
    ("2/3 of 21: 13 present is short", 21, 13, 2, 3, None, False, 14, False),
    ("2/3 of 20 rounds up to 14", 20, 13, 2, 3, None, False, 14, False),
    # Bắc Ninh Đ8: sessions considering awards need ≥ 80 % present [V] — a provincial parameter
    ("80% of 20 considering awards: 16 needed", 20, 15, 2, 3, 80, True, 16, False),
    ("80% of 20 considering awards: 16 present", 20, 16, 2, 3, 80, True, 16, True),
    ("80% of 21 rounds up to 17", 21, 16, 2, 3, 80, True, 17, False),
    ("80% not applied when the meeting does not consider awards", 20, 14, 2, 3, 80, False, 14, True),
    ("no award-session rule configured", 20, 14, 2, 3, None, True, 14, True),
    ("a lower award-session % does not lower the 2/3 quorum", 9, 6, 2, 3, 50, True, 6, True),
    ("a council without members never has a quorum", 0, 0, 2, 3, 80, True, 0, False),
]


@pytest.mark.parametrize(("label", "total", "present", "num", "den", "pct", "awards", "required", "reached"),
                         QUORUM_CASES, ids=[c[0] for c in QUORUM_CASES])
def test_quorum_table(label, total, present, num, den, pct, awards, required, reached):
    status = quorum(members_total=total, present=present, numerator=num, denominator=den,
                    award_presence_percent=pct, considers_awards=awards)
    assert (status.required, status.reached) == (required, reached)


def test_quorum_refusal_names_the_figures():
    status = quorum(members_total=20, present=15, numerator=2, denominator=3, award_presence_percent=80,
                    considers_awards=True)
    assert status.refusal() == ("Không đủ số thành viên dự họp: có mặt 15/20 thành viên, cần ít nhất 16 "
                                "(80% tổng số thành viên khi xét khen thưởng).")


# (award code, council default %, members, agree) -> (threshold %, passes)
THRESHOLD_CASES = [
    # NĐ152 Đ33.5 [V]: CSTĐ toàn quốc ≥ 90 % of ALL members (catalogue CSTD_TQ = 90)
    ("CSTĐTQ 18/20 = 90% passes", "CSTD_TQ", None, 20, 18, 90, True),
    ("CSTĐTQ 17/20 = 85% fails", "CSTD_TQ", None, 20, 17, 90, False),
    ("CSTĐTQ 19/21 = 90.48% passes", "CSTD_TQ", None, 21, 19, 90, True),
    ("CSTĐTQ 18/21 = 85.7% fails", "CSTD_TQ", None, 21, 18, 90, False),
    # NĐ152 Đ33.5 [V]: Anh hùng Lao động ≥ 90 %
    ("AHLĐ 18/20 passes", "AH_LD", None, 20, 18, 90, True),
    # NĐ152 Đ33.5 [V]: Cờ thi đua của Chính phủ ≥ 80 %
    ("Cờ CP 16/20 = 80% passes", "CO_CP", None, 20, 16, 80, True),
    ("Cờ CP 15/20 = 75% fails", "CO_CP", None, 20, 15, 80, False),
    # A catalogue threshold wins over the council default
    ("Cờ CP keeps 80% with a 90% council default", "CO_CP", 90, 20, 16, 80, True),
    # Other awards: the province's default (named parameter), e.g. 70 %
    ("CSTĐ tỉnh with a 70% council default: 14/20 passes", "CSTD_TINH", 70, 20, 14, 70, True),
    ("CSTĐ tỉnh with a 70% council default: 13/20 fails", "CSTD_TINH", 70, 20, 13, 70, False),
    # No default: more than half of ALL members (Bắc Ninh Đ8 majority rule)
    ("Bằng khen tỉnh, majority: 11/20 passes", "BK_TINH", None, 20, 11, None, True),
    ("Bằng khen tỉnh, majority: exactly half fails", "BK_TINH", None, 20, 10, None, False),
    ("majority of an odd council: 11/21 passes", "BK_TINH", None, 21, 11, None, True),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "code", "default", "total", "agree", "percent", "passes"), THRESHOLD_CASES,
                         ids=[c[0] for c in THRESHOLD_CASES])
def test_threshold_table(label, code, default, total, agree, percent, passes):
    threshold = threshold_for(AwardType.objects.get(code=code), default_percent=default)
    assert threshold.percent == percent
    assert threshold.passes(agree, total) is passes


# --- properties ---------------------------------------------------------------------------------------

members = st.integers(min_value=1, max_value=200)


@given(total=members, data=st.data(), percent=st.integers(min_value=50, max_value=100) | st.none())
def test_a_threshold_is_reached_exactly_from_its_minimum_share(total, data, percent):
    """Passing is monotonic in the agree count, and the first passing count is the exact share of ALL
    members: ≥ p % (agree × 100 ≥ p × total) or, without p, more than half."""
    threshold = Threshold(percent, "")
    agree = data.draw(st.integers(min_value=0, max_value=total))
    first = next(n for n in range(total + 2) if n > total or threshold.passes(n, total))
    assert threshold.passes(agree, total) is (agree >= first)
    if percent is None:
        assert first == total // 2 + 1
    else:
        assert first * 100 >= percent * total and (first - 1) * 100 < percent * total


@given(total=members, data=st.data(), pct=st.integers(min_value=1, max_value=100) | st.none(),
       awards=st.booleans())
def test_the_quorum_is_the_stricter_rule_and_never_more_than_all_members(total, data, pct, awards):
    present = data.draw(st.integers(min_value=0, max_value=total))
    status = quorum(members_total=total, present=present, numerator=2, denominator=3, award_presence_percent=pct,
                    considers_awards=awards)
    assert status.required <= total
    assert status.required * 3 >= total * 2
    if awards and pct:
        assert status.required * 100 >= total * pct
    assert status.reached is (present >= status.required)
