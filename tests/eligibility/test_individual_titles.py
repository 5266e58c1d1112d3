"""Individual emulation titles, table-driven: each case names the article it exercises in its id."""

import datetime as dt
from dataclasses import replace

import pytest

from tdkt.eligibility.params import DEFAULT_PARAMETERS

from .builders import check, codes, finding, person

ELIGIBLE, INELIGIBLE, REVIEW = "eligible", "ineligible", "needs_review"


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(person("LDTT", 2025, ratings={2025: "HTTNV"}), ELIGIBLE, [], id="Luat-D24-k1-a-HTTNV-passes"),
    pytest.param(person("LDTT", 2025, ratings={2025: "HTXSNV"}), ELIGIBLE, [], id="Luat-D24-k1-a-HTXSNV-passes"),
    pytest.param(person("LDTT", 2025, ratings={2025: "HTNV"}), INELIGIBLE, ["rating"], id="Luat-D24-k1-a-HTNV-fails"),
    pytest.param(person("LDTT", 2025, ratings={2025: "KHTNV"}), INELIGIBLE, ["rating"], id="Luat-D24-k1-a-KHTNV-fails"),
    pytest.param(person("LDTT", 2025, ratings={2024: "HTXSNV"}), INELIGIBLE, ["rating"], id="Luat-D24-k1-a-no-rating-in-year"),
    pytest.param(person("CSTT", 2025, ratings={2025: "HTTNV"}), ELIGIBLE, [], id="Luat-D24-k2-CSTT-same-standard"),
    pytest.param(person("CSTT", 2025, ratings={2025: "HTNV"}), INELIGIBLE, ["rating"], id="Luat-D24-k2-CSTT-HTNV-fails"),
])
def test_lao_dong_tien_tien(candidate, verdict, failed):
    result = check(candidate)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed


def test_ldtt_messages_give_the_year_and_rating():
    passed = finding(check(person("LDTT", 2025, ratings={2025: "HTTNV"})), "rating")
    assert passed.message == ("Xếp loại năm 2025: HTTNV (hoàn thành tốt nhiệm vụ); đạt mức hoàn thành tốt nhiệm vụ "
                              "trở lên.")
    assert passed.citation == "Luật TĐKT 2022, Điều 24 khoản 1 điểm a"
    missing = finding(check(person("LDTT", 2025)), "rating")
    assert missing.message == "Chưa có xếp loại năm 2025; cần hoàn thành tốt nhiệm vụ trở lên."
    assert finding(check(person("CSTT", 2025, ratings={2025: "HTTNV"})), "rating").citation == \
        "Luật TĐKT 2022, Điều 24 khoản 2"


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(person("CSTD_CS", 2025, ratings={2025: "HTXSNV"}), ELIGIBLE, [], id="Luat-D23-k2-HTXSNV-alone-suffices"),
    pytest.param(person("CSTD_CS", 2025, ratings={2025: "HTTNV"}, initiatives=[("SK1", 2025, "CO_SO")]), ELIGIBLE, [],
                 id="Luat-D23-k2-initiative-alone-suffices"),
    pytest.param(person("CSTD_CS", 2025, ratings={2025: "HTTNV"}), INELIGIBLE, ["cstd_cs_basis"],
                 id="Luat-D23-k2-neither-HTXSNV-nor-initiative"),
    pytest.param(person("CSTD_CS", 2025, ratings={2025: "HTTNV"}, initiatives=[("SK1", 2024, "CO_SO")]), INELIGIBLE,
                 ["cstd_cs_basis"], id="Luat-D23-k2-initiative-of-another-year"),
    pytest.param(person("CSTD_CS", 2025, ratings={2025: "HTNV"}, initiatives=[("SK1", 2025, "TINH")]), INELIGIBLE, ["rating"],
                 id="Luat-D23-k1-below-LDTT-standard"),
    pytest.param(person("CSTD_CS", 2025, ratings={2025: "HTTNV"}, initiatives=[("SK1", 2025, "CO_SO", "GK")]), INELIGIBLE,
                 ["cstd_cs_basis"], id="CV5007-initiative-used-for-a-form-cannot-support-a-title"),
    pytest.param(person("CSTD_CS", 2025, ratings={2025: "HTTNV"}, initiatives=[("SK1", 2025, "CO_SO", "CSTD_CS", 2025)]),
                 ELIGIBLE, [], id="CV5007-initiative-recorded-for-this-very-award-counts"),
])
def test_chien_si_thi_dua_co_so(candidate, verdict, failed):
    result = check(candidate)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed


def test_cstd_cs_lists_the_initiative_it_could_not_use():
    result = check(person("CSTD_CS", 2025, ratings={2025: "HTTNV"}, initiatives=[("SK1", 2025, "CO_SO", "GK")]))
    used = finding(result, "initiative_used")
    assert used.passed
    assert "SK1 đã dùng cho Giấy khen" in used.message
    assert used.citation == ("Luật TĐKT 2022, Điều 5; Công văn 5007/BNV-TĐKT ngày 05/09/2023, mục III.5.c; "
                             "Công văn 3385/BTĐKT-P.II ngày 20/11/2023")
    assert finding(result, "cstd_cs_basis").message == (
        "Cần hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được cơ sở công nhận: không hoàn thành xuất sắc nhiệm vụ "
        "năm 2025; không có sáng kiến chưa sử dụng được công nhận năm 2025.")


@pytest.mark.parametrize(("ratings", "initiatives", "verdict"), [
    pytest.param({2025: "HTXSNV"}, [], INELIGIBLE, id="draft-amendment-U-HTXSNV-alone-no-longer-enough"),
    pytest.param({2025: "HTTNV"}, [("SK1", 2025, "CO_SO")], INELIGIBLE, id="draft-amendment-U-initiative-alone-not-enough"),
    pytest.param({2025: "HTXSNV"}, [("SK1", 2025, "CO_SO")], ELIGIBLE, id="draft-amendment-U-both-pass"),
])
def test_cstd_cs_under_the_unverified_amendment_parameter(ratings, initiatives, verdict):
    params = replace(DEFAULT_PARAMETERS, cstd_cs_both_criteria_from=dt.date(2025, 10, 1))
    result = check(person("CSTD_CS", 2025, ratings=ratings, initiatives=initiatives), params=params)
    assert result.verdict == verdict
    assert ("(theo quy định của tỉnh (chưa xác nhận): Chiến sĩ thi đua cơ sở: cần cả hai tiêu chuẩn với hồ sơ "
            "nộp từ ngày 01/10/2025)") in finding(result, "cstd_cs_basis").message
    lodged_before = person("CSTD_CS", 2025, ratings={2025: "HTXSNV"}, lodged_on=dt.date(2025, 9, 30))
    assert check(lodged_before, params=params).verdict == ELIGIBLE  # a dossier keeps the rule of the day it was lodged


def test_cstd_cs_quota_is_a_provincial_note_not_a_national_cap():
    plain = check(person("CSTD_CS", 2025, ratings={2025: "HTXSNV"}))
    assert "batch_quota" not in codes(plain)  # no national cap since Luật 2022 (the NĐ91 15 % is gone)
    capped = check(person("CSTD_CS", 2025, ratings={2025: "HTXSNV"}),
                   params=replace(DEFAULT_PARAMETERS, cstd_cs_quota_ratio=0.15))
    quota = finding(capped, "batch_quota")
    assert quota.passed and "15%" in quota.message and capped.verdict == ELIGIBLE


CHAIN = {"CSTD_CS": [2023, 2024, 2025]}


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2024, "TINH")]), ELIGIBLE, [],
                 id="Luat-D22-k1-a-b-three-CSTDCS-and-provincial-initiative"),
    pytest.param(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2025, "TOAN_QUOC")]), ELIGIBLE, [],
                 id="Luat-D22-k1-b-nationwide-scope-is-wider-so-passes"),
    pytest.param(person("CSTD_TINH", 2025, titles={"CSTD_CS": [2024, 2025]}, initiatives=[("SK1", 2024, "TINH")]), INELIGIBLE,
                 ["cstd_cs_chain"], id="Luat-D22-k1-a-two-of-three"),
    pytest.param(person("CSTD_TINH", 2025, titles={"CSTD_CS": [2022, 2023, 2024]},
                        initiatives=[("SK1", 2024, "TINH")]), INELIGIBLE, ["cstd_cs_chain"],
                 id="Luat-D22-k1-a-chain-must-end-in-the-achievement-year"),
    pytest.param(person("CSTD_TINH", 2025, titles={"CSTD_CS": [2022, 2023, 2025]},
                        initiatives=[("SK1", 2024, "TINH")]), INELIGIBLE, ["cstd_cs_chain"],
                 id="Luat-D22-k1-a-gap-breaks-the-chain"),
    pytest.param(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2024, "CO_SO")]), INELIGIBLE, ["initiative"],
                 id="Luat-D22-k1-b-grassroots-scope-too-narrow"),
    pytest.param(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2021, "TINH")]), INELIGIBLE, ["initiative"],
                 id="Luat-D22-k1-b-initiative-before-the-chain"),
    pytest.param(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2024, "TINH", "BK_TINH")]), INELIGIBLE,
                 ["initiative"], id="CV5007-initiative-used-for-Bang-khen-cannot-support-a-title"),
    pytest.param(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2024, "TINH", "CSTD_CS")]), REVIEW,
                 ["initiative_reuse"], id="law-md-initiative-reuse-between-titles-unsettled-to-council"),
])
def test_chien_si_thi_dua_tinh(candidate, verdict, failed):
    result = check(candidate)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed


def test_cstd_tinh_chain_message_names_the_missing_year():
    result = check(person("CSTD_TINH", 2025, titles={"CSTD_CS": [2024, 2025]}, initiatives=[("SK1", 2024, "TINH")]))
    chain = finding(result, "cstd_cs_chain")
    assert chain.message == "Có 2/3 năm liên tục đạt Chiến sĩ thi đua cơ sở (2024, 2025); thiếu năm 2023."
    assert chain.citation == "Luật TĐKT 2022, Điều 22 khoản 1 điểm a"


@pytest.mark.parametrize(("reuse", "verdict"), [(True, ELIGIBLE), (False, INELIGIBLE), (None, REVIEW)])
def test_initiative_reuse_between_titles_follows_the_parameter(reuse, verdict):
    params = replace(DEFAULT_PARAMETERS, initiative_reuse_across_titles=reuse)
    result = check(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2024, "TINH", "CSTD_CS")]),
                   params=params)
    assert result.verdict == verdict


def test_cstd_tinh_counts_only_after_the_previous_cstd_tinh():
    """NĐ152 Đ33.7: the next proposal counts from the achievement period of the previous decision."""
    result = check(person("CSTD_TINH", 2025, titles={"CSTD_CS": [2021, 2022, 2023, 2024, 2025], "CSTD_TINH": [2023]},
                          initiatives=[("SK1", 2025, "TINH")]))
    assert result.verdict == INELIGIBLE
    assert finding(result, "interval").message.endswith("(2021–2023): tính từ năm 2024.")
    assert "năm 2023 không được tính: chỉ tính từ năm 2024" in finding(result, "cstd_cs_chain").message
    assert finding(result, "interval").citation == "Nghị định 152/2025/NĐ-CP, Điều 33 khoản 7"


TWO_TINH = {"CSTD_TINH": [2022, 2025]}


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(person("CSTD_TQ", 2025, titles=TWO_TINH, initiatives=[("SK1", 2024, "TOAN_QUOC")]), ELIGIBLE, [],
                 id="Luat-D21-k1-a-b-two-consecutive-CSTD-tinh-and-nationwide-initiative"),
    pytest.param(person("CSTD_TQ", 2025, titles={"CSTD_TINH": [2025]}, initiatives=[("SK1", 2024, "TOAN_QUOC")]), INELIGIBLE,
                 ["cstd_tinh_chain"], id="Luat-D21-k1-a-only-one-CSTD-tinh"),
    pytest.param(person("CSTD_TQ", 2025, titles={"CSTD_TINH": [2021, 2025]}, initiatives=[("SK1", 2024, "TOAN_QUOC")]),
                 INELIGIBLE, ["cstd_tinh_chain"], id="Luat-D21-k1-a-periods-not-consecutive"),
    pytest.param(person("CSTD_TQ", 2025, titles={"CSTD_TINH": [2021, 2024]}, initiatives=[("SK1", 2024, "TOAN_QUOC")]),
                 INELIGIBLE, ["cstd_tinh_chain"], id="Luat-D21-k1-a-later-one-must-end-in-the-year"),
    pytest.param(person("CSTD_TQ", 2025, titles=TWO_TINH, initiatives=[("SK1", 2024, "TINH")]), INELIGIBLE, ["initiative"],
                 id="Luat-D21-k1-b-provincial-scope-too-narrow"),
])
def test_chien_si_thi_dua_toan_quoc(candidate, verdict, failed):
    result = check(candidate)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed


def test_cstd_tq_uses_stated_achievement_periods_and_needs_the_council_vote():
    from tdkt.eligibility.types import AwardEntry

    from .builders import d

    periods = [AwardEntry("CSTD_TINH", 2021, "merit", d("2019-01-01"), d("2021-12-31")),
               AwardEntry("CSTD_TINH", 2025, "merit", d("2022-01-01"), d("2025-12-31"))]
    result = check(person("CSTD_TQ", 2025, awards=periods, initiatives=[("SK1", 2023, "TOAN_QUOC")]))
    assert result.verdict == ELIGIBLE
    assert finding(result, "cstd_tinh_chain").message == \
        "Có 2/2 lần liên tục đạt Chiến sĩ thi đua cấp tỉnh (2019–2021, 2022–2025)."
    vote = finding(result, "council_vote")
    assert "90%" in vote.message and vote.citation == "Nghị định 152/2025/NĐ-CP, Điều 33 khoản 5"
