"""Commendation forms with encoded criteria: Bằng khen tỉnh (Luật Đ74), Bằng khen Thủ tướng (Đ73.1.b),
Huân chương Lao động hạng Ba for merit (Đ44.1.e)."""

from dataclasses import replace

import pytest

from tdkt.eligibility.params import DEFAULT_PARAMETERS
from tdkt.eligibility.types import AwardEntry

from .builders import check, codes, collective, finding, person

ELIGIBLE, INELIGIBLE, REVIEW = "eligible", "ineligible", "needs_review"
X2 = {2024: "HTXSNV", 2025: "HTXSNV"}


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(person("BK_TINH", 2025, ratings={2025: "HTTNV"}, titles={"CSTD_CS": [2024, 2025]}), ELIGIBLE, [],
                 id="Luat-D74-k1-d-two-consecutive-CSTDCS"),
    pytest.param(person("BK_TINH", 2025, ratings=X2, initiatives=[("A", 2024, "CO_SO"), ("B", 2025, "CO_SO")]), ELIGIBLE, [],
                 id="Luat-D74-k1-d-two-years-HTXSNV-with-two-initiatives"),
    pytest.param(person("BK_TINH", 2025, ratings=X2,
                        initiatives=[("A", 2024, "CO_SO", "CSTD_CS"), ("B", 2025, "CO_SO", "CSTD_CS")]), REVIEW,
                 ["bk_tinh_criterion_d", "judgement_alternatives"],
                 id="Luat-D74-k1-d-BNV-initiatives-behind-CSTDCS-do-not-count-again"),
    pytest.param(person("BK_TINH", 2025, ratings=X2, initiatives=[("A", 2024, "CO_SO")]), REVIEW,
                 ["bk_tinh_criterion_d", "judgement_alternatives"], id="Luat-D74-k1-d-only-one-initiative"),
    pytest.param(person("BK_TINH", 2025, ratings={2025: "HTTNV"}, titles={"CSTD_CS": [2023, 2025]}), REVIEW,
                 ["bk_tinh_criterion_d", "judgement_alternatives"], id="Luat-D74-k1-a-c-left-when-d-fails"),
    pytest.param(person("BK_TINH", 2025, ratings={2025: "HTNV"}, titles={"CSTD_CS": [2025]}), INELIGIBLE,
                 ["bk_tinh_criterion_d"], id="Luat-D74-k1-a-c-not-considered-below-HTTNV-parameter-U"),
    pytest.param(person("BK_TINH", 2025), REVIEW, ["bk_tinh_criterion_d", "judgement_alternatives"],
                 id="Luat-D74-k1-a-c-no-rating-at-all-goes-to-council"),
])
def test_bang_khen_tinh_individual(candidate, verdict, failed):
    result = check(candidate)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed
    if verdict == REVIEW:
        assert all(f.judgement for f in result.findings if not f.passed)


def test_bk_tinh_explains_why_initiatives_did_not_count():
    result = check(person("BK_TINH", 2025, ratings=X2,
                          initiatives=[("A", 2024, "CO_SO", "CSTD_CS"), ("B", 2025, "CO_SO", "CSTD_CS")]))
    assert "A đã dùng cho Chiến sĩ thi đua cơ sở" in finding(result, "initiative_used").message
    d = finding(result, "bk_tinh_criterion_d")
    assert d.citation == "Luật TĐKT 2022, Điều 74 khoản 1 điểm d"
    assert "Có 2/2 năm liên tục hoàn thành xuất sắc nhiệm vụ (2024, 2025)" in d.message
    assert finding(result, "judgement_alternatives").citation == "Luật TĐKT 2022, Điều 74 khoản 1 điểm a, b, c"


def test_bk_tinh_judgement_floor_is_a_parameter():
    candidate = person("BK_TINH", 2025, ratings={2025: "HTNV"})
    assert ("theo quy định của tỉnh (chưa xác nhận): Bằng khen của Chủ tịch UBND tỉnh: chỉ xét các tiêu chuẩn khác khi xếp loại từ "
            "hoàn thành tốt nhiệm vụ trở lên)") in finding(check(candidate), "bk_tinh_criterion_d").message
    assert check(candidate, params=replace(DEFAULT_PARAMETERS, bk_tinh_judgement_min_rating=None)).verdict == REVIEW


def test_bk_tinh_chain_counts_after_the_previous_bang_khen():
    result = check(person("BK_TINH", 2025, titles={"CSTD_CS": [2023, 2024, 2025], "BK_TINH": [2024]}))
    assert result.verdict == REVIEW  # d fails (only 2025 counts), a–c remain
    assert finding(result, "interval").passed
    assert "năm 2024 không được tính" in finding(result, "bk_tinh_criterion_d").message


@pytest.mark.parametrize(("candidate", "verdict"), [
    pytest.param(collective("BK_TINH", 2025, ratings={2024: "HTXSNV"}, titles={"TTLDXS": [2025]}), ELIGIBLE,
                 id="BacNinh-D3-k3-HTXSNV-then-TTLDXS"),
    pytest.param(collective("BK_TINH", 2025, ratings=X2), ELIGIBLE, id="BacNinh-D3-k3-two-years-HTXSNV"),
    pytest.param(collective("BK_TINH", 2025, ratings={2025: "HTXSNV"}), REVIEW, id="BacNinh-D3-k3-one-year-to-council"),
    pytest.param(person("BK_TINH", 2025, kind="household"), REVIEW, id="Luat-D74-household-contributions-to-council"),
])
def test_bang_khen_tinh_collective_and_household(candidate, verdict):
    assert check(candidate).verdict == verdict


def test_bk_tinh_collective_names_its_provincial_parameter():
    message = finding(check(collective("BK_TINH", 2025, ratings=X2)), "bk_tinh_collective").message
    assert message.endswith(" (theo quy định của tỉnh (chưa xác nhận): Bằng khen của Chủ tịch UBND tỉnh cho tập thể: "
                            "2 năm liên tục)")


TTG = {"BK_TINH": [2019], "CSTD_CS": [2021, 2023, 2025]}


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(person("BK_TTG", 2025, good_since=2020, titles=TTG), ELIGIBLE, [],
                 id="Luat-D73-k1-b-BK-tinh-then-6-good-years-with-3-CSTDCS"),
    pytest.param(person("BK_TTG", 2025, good_since=2021, titles={"BK_TINH": [2020], "CSTD_CS": [2021, 2023, 2025]}), ELIGIBLE,
                 [], id="Luat-D73-k1-b-exactly-5-years"),
    pytest.param(person("BK_TTG", 2025, good_since=2022, titles={"BK_TINH": [2021], "CSTD_CS": [2022, 2023, 2025]}), INELIGIBLE,
                 ["good_years"], id="Luat-D73-k1-b-only-4-years-since-BK-tinh"),
    pytest.param(person("BK_TTG", 2025, good_since=2020, titles=TTG, ratings={2022: "HTNV"}), INELIGIBLE, ["good_years"],
                 id="ND152-D33-k7-every-year-since-the-last-award-HTTNV"),
    pytest.param(person("BK_TTG", 2025, good_since=2020, titles={"BK_TINH": [2019], "CSTD_CS": [2021, 2025]}), INELIGIBLE,
                 ["cstd_cs_count"], id="Luat-D73-k1-b-only-2-CSTDCS"),
    pytest.param(person("BK_TTG", 2025, good_since=2020, titles={"CSTD_CS": [2021, 2023, 2025]}), INELIGIBLE,
                 ["prerequisite_award"], id="Luat-D73-k1-b-no-BK-tinh"),
    pytest.param(person("BK_TTG", 2025, good_since=2020, titles={"CSTD_CS": [2021, 2023, 2025]},
                        awards=[AwardEntry("BK_TINH", 2019, "thematic")]), INELIGIBLE, ["prerequisite_award"],
                 id="ND152-D4-k3-thematic-BK-tinh-is-no-ground"),
    pytest.param(person("BK_TTG", 2025, good_since=2020, titles={"CSTD_CS": [2021, 2023, 2025]},
                        awards=[AwardEntry("BK_TINH", 2019, "adhoc")]), INELIGIBLE, ["prerequisite_award"],
                 id="ND152-D4-k3-adhoc-BK-tinh-is-no-ground"),
    pytest.param(person("BK_TTG", 2025, good_since=2020, titles={**TTG, "BK_TTG": [2021]}), INELIGIBLE, ["good_years"],
                 id="ND152-D33-k7-counts-after-the-previous-BK-TTG"),
])
def test_bang_khen_thu_tuong(candidate, verdict, failed):
    result = check(candidate)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed


def test_bk_ttg_messages():
    result = check(person("BK_TTG", 2025, good_since=2020, titles=TTG, ratings={2022: "HTNV"}))
    assert finding(result, "good_years").message == (
        "Từ năm 2020 đến năm 2025, mọi năm phải hoàn thành tốt nhiệm vụ trở lên; năm 2022: HTNV (hoàn thành nhiệm vụ).")
    ok = check(person("BK_TTG", 2025, good_since=2020, titles=TTG))
    assert finding(ok, "good_years").message == ("Có 6 năm liên tục hoàn thành tốt nhiệm vụ trở lên (2020–2025); cần ít "
                                                 "nhất 5 năm.")
    assert finding(ok, "cstd_cs_count").message == ("Có 3 lần đạt Chiến sĩ thi đua cơ sở trong các năm 2020–2025 "
                                                    "(2021, 2023, 2025); cần ít nhất 3.")
    assert finding(ok, "prerequisite_award").citation == "Luật TĐKT 2022, Điều 73 khoản 1 điểm b"


def test_bk_ttg_other_points_go_to_the_council_only_by_parameter():
    candidate = person("BK_TTG", 2025, good_since=2022, titles={"BK_TINH": [2021]})
    assert check(candidate).verdict == INELIGIBLE
    lenient = check(candidate, params=replace(DEFAULT_PARAMETERS, bk_ttg_other_points_to_council=True))
    assert lenient.verdict == REVIEW
    assert ("(theo quy định của tỉnh (chưa xác nhận): Bằng khen của Thủ tướng Chính phủ: Hội đồng xét các điểm khác của "
            "khoản 1)") in finding(lenient, "judgement_alternatives").message


def test_bk_ttg_for_a_collective_is_left_to_the_council():
    result = check(collective("BK_TTG", 2025))
    assert result.verdict == REVIEW
    assert finding(result, "criteria_not_encoded").message.startswith(
        "Tiêu chí do tỉnh/Bộ quy định chi tiết; Hội đồng xem xét")


HC = {"BK_TTG": [2019], "CSTD_CS": [2021, 2023, 2025]}


@pytest.mark.parametrize(("candidate", "params", "verdict", "failed"), [
    pytest.param(person("HCLD3", 2025, good_since=2020, titles=HC, ratings={2023: "HTXSNV"}), DEFAULT_PARAMETERS, ELIGIBLE,
                 [], id="Luat-D44-k1-e-BK-TTG-then-5-good-years-with-U-extras"),
    pytest.param(person("HCLD3", 2025, good_since=2020, titles=HC), DEFAULT_PARAMETERS, INELIGIBLE, ["htxsnv_years"],
                 id="Luat-D44-k1-e-U-no-HTXSNV-year"),
    pytest.param(person("HCLD3", 2025, good_since=2020, titles=HC),
                 replace(DEFAULT_PARAMETERS, hcld3_min_htxsnv_years=0), ELIGIBLE, [], id="Luat-D44-k1-e-U-extra-switched-off"),
    pytest.param(person("HCLD3", 2025, good_since=2020, titles={"BK_TTG": [2019], "CSTD_CS": [2021]},
                        ratings={2023: "HTXSNV"}), DEFAULT_PARAMETERS, INELIGIBLE, ["cstd_cs_count"],
                 id="Luat-D44-k1-e-U-only-one-CSTDCS"),
    pytest.param(person("HCLD3", 2025, good_since=2020, titles={"BK_TINH": [2019], "CSTD_CS": [2021, 2023, 2025]},
                        ratings={2023: "HTXSNV"}), DEFAULT_PARAMETERS, INELIGIBLE, ["prerequisite_award"],
                 id="Luat-D44-k1-e-needs-BK-TTG-not-BK-tinh"),
])
def test_huan_chuong_lao_dong_hang_ba_merit(candidate, params, verdict, failed):
    result = check(candidate, params=params)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed


def test_hcld3_unverified_extras_say_so():
    result = check(person("HCLD3", 2025, good_since=2020, titles=HC, ratings={2023: "HTXSNV"}))
    assert finding(result, "htxsnv_years").message.endswith(
        " (theo quy định của tỉnh (chưa xác nhận): Huân chương Lao động hạng Ba: ít nhất 1 năm hoàn thành xuất sắc "
        "nhiệm vụ)")
    assert finding(result, "cstd_cs_count").message.endswith(
        " (theo quy định của tỉnh (chưa xác nhận): Huân chương Lao động hạng Ba: ít nhất 3 lần đạt Chiến sĩ thi đua "
        "cơ sở)")
    assert finding(result, "htxsnv_years").citation == "Luật TĐKT 2022, Điều 44 khoản 1 điểm e"
