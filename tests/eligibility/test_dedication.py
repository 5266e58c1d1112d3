"""Huân chương Lao động for the process of dedication: years in post (NĐ152 Đ19–21, Đ9, Đ4.7)."""

import datetime as dt
from dataclasses import replace

import pytest

from tdkt.eligibility.params import DEFAULT_PARAMETERS
from tdkt.eligibility.types import AwardEntry

from .builders import check, codes, finding, leader

ELIGIBLE, INELIGIBLE, REVIEW = "eligible", "ineligible", "needs_review"


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(leader("HCLD3", [("vu_truong", 7)]), ELIGIBLE, [], id="ND152-D21-k1-b-Vu-truong-6-to-10-years"),
    pytest.param(leader("HCLD3", [("vu_truong", 6)]), ELIGIBLE, [], id="ND152-D21-k1-b-exactly-6-years"),
    pytest.param(leader("HCLD3", [("vu_truong", 5.9)]), INELIGIBLE, ["dedication_years"], id="ND152-D21-k1-b-5.9-years"),
    pytest.param(leader("HCLD2", [("vu_truong", 12.5)]), ELIGIBLE, [], id="ND152-D20-k1-b-Vu-truong-10-to-15-years"),
    pytest.param(leader("HCLD1", [("thu_truong", 5)]), ELIGIBLE, [], id="ND152-D19-k1-c-Thu-truong-5-years"),
    pytest.param(leader("HCLD1", [("bo_truong", 0.5)]), ELIGIBLE, [], id="ND152-D19-k1-c-Bo-truong-any-duration"),
    pytest.param(leader("HCLD1", [("pho_vu_truong", 20)]), INELIGIBLE, ["dedication_years"],
                 id="ND152-D19-k1-c-no-hang-Nhat-for-Pho-Vu-truong"),
    pytest.param(leader("HCLD3", [("vu_truong", 12)]), REVIEW, ["dedication_class"],
                 id="Luat-D5-time-earns-a-higher-class-council-decides"),
    pytest.param(leader("HCLD3", [("vu_truong", 4)], gender="F"), ELIGIBLE, [],
                 id="ND152-D4-k7-woman-leader-one-third-less-4-of-6"),
    pytest.param(leader("HCLD3", [("vu_truong", 3.9)], gender="F"), INELIGIBLE, ["dedication_years"],
                 id="ND152-D4-k7-woman-leader-3.9-years"),
    pytest.param(leader("HCLD3", [("vu_truong", 4)], gender="F", higher_retirement_age=True), INELIGIBLE, ["dedication_years"],
                 id="ND152-D4-k7-higher-retirement-age-no-reduction"),
    pytest.param(leader("HCLD3", [("thu_truong", 2), ("vu_truong", 5)]), ELIGIBLE, [],
                 id="ND152-D9-k2-b-short-tenure-added-to-the-lower-post"),
    pytest.param(leader("HCLD3", [("chu_tich_xa", 10)]), INELIGIBLE, ["dedication_post"], id="ND152-D10-unknown-post"),
    pytest.param(leader("HCLD3", [], basis="dedication"), INELIGIBLE, ["dedication_post"], id="ND152-D9-no-leadership-years"),
])
def test_huan_chuong_lao_dong_dedication(candidate, verdict, failed):
    result = check(candidate)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed


def test_dedication_messages():
    result = check(leader("HCLD3", [("vu_truong", 4)], gender="F"))
    years = finding(result, "dedication_years")
    assert years.message == ("Giữ chức vụ Vụ trưởng và tương đương 4 năm; Huân chương Lao động hạng Ba cần từ 4 năm "
                             "(nữ lãnh đạo, quản lý: giảm 1/3 thời gian).")
    assert years.citation == "Nghị định 152/2025/NĐ-CP, Điều 21 khoản 1 điểm b; Nghị định 152/2025/NĐ-CP, Điều 4 khoản 7"
    carried = finding(check(leader("HCLD3", [("thu_truong", 2), ("vu_truong", 5)])), "dedication_years")
    assert "gồm 2 năm ở chức vụ cao hơn chưa đủ thời gian" in carried.message


@pytest.mark.parametrize(("discipline", "terms", "verdict"), [
    pytest.param([("canh_cao", "2018-03-01", "2019-02-28")], [("vu_truong", 8, dt.date(2016, 1, 1), dt.date(2024, 1, 1))],
                 INELIGIBLE, id="ND152-D9-k3-disciplined-during-the-term"),
    pytest.param([("canh_cao", "2010-03-01", "2011-02-28")], [("vu_truong", 8, dt.date(2016, 1, 1), dt.date(2024, 1, 1))],
                 ELIGIBLE, id="ND152-D9-k3-discipline-before-the-term-does-not-count"),
    pytest.param([("canh_cao", "2010-03-01", "2011-02-28")], [("vu_truong", 8)], REVIEW,
                 id="ND152-D9-k3-undated-term-council-compares-dates"),
])
def test_dedication_and_discipline(discipline, terms, verdict):
    result = check(leader("HCLD3", terms, discipline=discipline))
    assert result.verdict == verdict
    assert finding(result, "dedication_discipline").citation == "Nghị định 152/2025/NĐ-CP, Điều 9 khoản 3"


def test_a_second_dedication_award_goes_to_the_council():
    result = check(leader("HCLD3", [("vu_truong", 7)], awards=[AwardEntry("HCLD3", 2015, "dedication")]))
    assert result.verdict == REVIEW
    assert finding(result, "dedication_repeat").citation == "Nghị định 152/2025/NĐ-CP, Điều 9 khoản 2 điểm a"


def test_dedication_is_for_individuals_only():
    result = check(leader("HCLD3", [("vu_truong", 7)], kind="collective"))
    assert result.verdict == INELIGIBLE and codes(result, failed=True) == ["wrong_recipient_kind"]


def test_explicit_merit_basis_uses_the_merit_criteria_even_with_leadership_years():
    result = check(leader("HCLD3", [("vu_truong", 7)], basis="merit"))
    assert "prerequisite_award" in codes(result, failed=True)


def test_other_dedication_orders_are_left_to_the_council():
    result = check(leader("HCDL3", [("thu_truong", 9)]))
    assert result.verdict == REVIEW and codes(result, failed=True) == ["criteria_not_encoded"]


def test_under_nd98_without_the_principles_parameter_the_table_goes_to_the_council():
    params = replace(DEFAULT_PARAMETERS, nd98_principles_as_nd152=False)
    result = check(leader("HCLD3", [("vu_truong", 7)]), dt.date(2025, 3, 1), params)
    assert result.verdict == REVIEW
    assert set(codes(result, failed=True)) == {"principles_unverified", "criteria_not_encoded"}
