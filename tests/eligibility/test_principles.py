"""Cross-cutting rules: NĐ152 Đ4 (freeze, discipline, thematic awards), Luật Đ5 (one achievement, one
award), the achievement year, and impossible histories reported as findings, never exceptions."""

import datetime as dt

import pytest

from tdkt.eligibility.types import AwardEntry, Candidate, InitiativeEntry, RatingEntry

from .builders import DECISION, check, codes, d, finding, person

ELIGIBLE, INELIGIBLE, REVIEW, HOLD = "eligible", "ineligible", "needs_review", "on_hold"
LDTT_OK = {2025: "HTTNV"}


def test_open_case_puts_an_otherwise_eligible_candidate_on_hold():
    result = check(person("LDTT", 2025, ratings=LDTT_OK, open_cases=["Đơn tố cáo ngày 02/11/2025 đang xác minh"]))
    assert result.verdict == HOLD
    case = finding(result, "open_case")
    assert not case.passed and case.holds and not case.blocks
    assert "Đơn tố cáo ngày 02/11/2025 đang xác minh" in case.message
    assert case.citation == "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4"


def test_discipline_running_on_the_decision_date_puts_on_hold():
    result = check(person("LDTT", 2025, ratings=LDTT_OK, discipline=[("khien_trach", "2025-11-01", "2026-04-30")]))
    assert result.verdict == HOLD
    assert codes(result, failed=True) == ["discipline_running"]


def test_discipline_without_an_end_date_is_running():
    result = check(person("LDTT", 2025, ratings=LDTT_OK, discipline=[("canh_cao", "2025-11-01", None)]))
    assert result.verdict == HOLD


def test_a_hard_failure_outranks_the_hold():
    result = check(person("LDTT", 2025, ratings={2025: "HTNV"}, open_cases=["thanh tra"]))
    assert result.verdict == INELIGIBLE


@pytest.mark.parametrize(("end", "verdict"), [
    pytest.param("2024-12-31", ELIGIBLE, id="ND152-D4-k4-discipline-ending-31-12-the-year-before-does-not-block"),
    pytest.param("2025-01-01", INELIGIBLE, id="ND152-D4-k4-discipline-ending-01-01-of-the-year-blocks"),
    pytest.param("2025-06-30", INELIGIBLE, id="ND152-D4-k4-discipline-ending-mid-year-blocks"),
])
def test_achievements_count_from_the_end_of_the_discipline(end, verdict):
    result = check(person("LDTT", 2025, ratings=LDTT_OK, discipline=[("khien_trach", "2024-07-01", end)]))
    assert result.verdict == verdict
    period = finding(result, "discipline_period")
    assert period.passed == (verdict == ELIGIBLE)
    assert period.citation == "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4"


def test_discipline_period_message():
    result = check(person("LDTT", 2025, ratings=LDTT_OK, discipline=[("khien_trach", "2024-07-01", "2025-01-01")]))
    assert finding(result, "discipline_period").message == (
        "Kỷ luật khiển trách (01/07/2024–01/01/2025) đã chấp hành xong; thành tích được tính từ năm 2026, không tính "
        "năm 2025.")


def test_a_served_discipline_cuts_a_chain():
    result = check(person("CSTD_TINH", 2025, titles={"CSTD_CS": [2023, 2024, 2025]}, initiatives=[("S", 2024, "TINH")],
                          discipline=[("khien_trach", "2023-01-01", "2023-06-30")]))
    assert result.verdict == INELIGIBLE
    assert finding(result, "cstd_cs_chain").message == (
        "Có 2/3 năm liên tục đạt Chiến sĩ thi đua cơ sở (2024, 2025); năm 2023 không được tính: chỉ tính từ năm 2024 "
        "(kỷ luật khiển trách kết thúc 30/06/2023).")


def test_a_thematic_cstd_in_the_chain_breaks_it():
    """NĐ152 Đ4.3: results of thematic (and ad-hoc) awards do not ground merit awards."""
    result = check(person("CSTD_TINH", 2025, titles={"CSTD_CS": [2023, 2025]}, initiatives=[("S", 2024, "TINH")],
                          awards=[AwardEntry("CSTD_CS", 2024, "thematic")]))
    assert result.verdict == INELIGIBLE
    excluded = finding(result, "nonmerit_excluded")
    assert excluded.passed and excluded.citation == "Nghị định 152/2025/NĐ-CP, Điều 4 khoản 3"
    assert "Chiến sĩ thi đua cơ sở năm 2024" in excluded.message
    assert finding(result, "cstd_cs_chain").message == "Có 1/3 năm liên tục đạt Chiến sĩ thi đua cơ sở (2025); thiếu năm 2024."


def test_the_same_chain_with_a_merit_award_passes():
    result = check(person("CSTD_TINH", 2025, titles={"CSTD_CS": [2023, 2024, 2025]}, initiatives=[("S", 2024, "TINH")]))
    assert result.verdict == ELIGIBLE


@pytest.mark.parametrize(("candidate", "failed"), [
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK, titles={"LDTT": [2025]}), ["already_awarded"],
                 id="Luat-D5-same-title-same-year"),
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK, titles={"CSTT": [2025]}), ["already_awarded"],
                 id="Luat-D5-equivalent-title-same-year"),
    pytest.param(person("BK_TINH", 2025, titles={"CSTD_CS": [2024, 2025]},
                        awards=[AwardEntry("BK_TINH", 2025, "merit", d("2024-01-01"), d("2025-12-31"))]),
                 ["already_awarded"], id="Luat-D5-period-covering-the-year"),
])
def test_no_second_award_for_the_same_achievement(candidate, failed):
    result = check(candidate)
    assert result.verdict == INELIGIBLE
    assert codes(result, failed=True) == failed


def test_a_thematic_award_is_a_different_achievement():
    result = check(person("BK_TINH", 2025, titles={"CSTD_CS": [2024, 2025]},
                          awards=[AwardEntry("BK_TINH", 2025, "thematic")]))
    assert result.verdict == ELIGIBLE


def test_achievement_year_after_the_decision_year():
    result = check(person("LDTT", 2026, ratings={2025: "HTTNV"}))
    assert result.verdict == INELIGIBLE
    assert "future_achievement_year" in codes(result, failed=True)


@pytest.mark.parametrize(("candidate", "code"), [
    pytest.param(Candidate("x", "individual", "LDTT", 2025,
                           ratings=(RatingEntry(2025, "HTTNV"), RatingEntry(2025, "HTXSNV"))),
                 "duplicate_rating", id="two-ratings-for-one-year"),
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK, discipline=[("khien_trach", "2023-01-01", "2023-12-31"),
                                                                    ("canh_cao", "2023-06-01", "2024-05-31")]),
                 "overlapping_discipline", id="overlapping-discipline-periods"),
    pytest.param(person("CSTD_CS", 2025, ratings=LDTT_OK, initiatives=[("SK1", 2025, "CO_SO"), ("SK1", 2024, "TINH")]),
                 "duplicate_initiative", id="an-initiative-claimed-twice"),
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK, titles={"CSTD_CS": [2027]}), "future_record",
                 id="award-year-in-the-future"),
    pytest.param(person("LDTT", 2025, ratings={2025: "HTTNV", 2026: "HTTNV"}), "future_record",
                 id="rating-in-the-future"),
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK, initiatives=[("SK", 2026, "CO_SO")]), "future_record",
                 id="initiative-in-the-future"),
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK, discipline=[("khien_trach", "2026-01-05", "2026-06-30")]),
                 "future_record", id="discipline-starting-after-the-decision"),
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK, discipline=[("khien_trach", "2024-06-30", "2024-01-01")]),
                 "invalid_period", id="discipline-ending-before-it-starts"),
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK,
                        awards=[AwardEntry("LDTT", 2020, "merit", d("2020-12-31"), d("2020-01-01"))]),
                 "invalid_period", id="award-period-backwards"),
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK, titles={"LDTT": [2020, 2020]}), "duplicate_award",
                 id="the-same-merit-award-twice-for-a-year"),
    pytest.param(person("LDTT", 2025, ratings=LDTT_OK, lodged_on=dt.date(2026, 1, 2)), "invalid_period",
                 id="lodged-after-the-decision"),
    pytest.param(person("LDTT", 2025, ratings=(LDTT_OK | {1066: "HTTNV"})), "invalid_year", id="year-1066"),
])
def test_impossible_histories_are_findings_not_exceptions(candidate, code):
    result = check(candidate)
    assert result.verdict == INELIGIBLE
    assert code in codes(result, failed=True)
    assert finding(result, code).message


def test_impossible_history_messages_are_precise():
    result = check(Candidate("x", "individual", "LDTT", 2025,
                             ratings=(RatingEntry(2025, "HTTNV"), RatingEntry(2025, "HTXSNV"))))
    assert finding(result, "duplicate_rating").message == (
        "Có 2 xếp loại cho cùng năm 2025 (HTTNV, HTXSNV); mỗi năm chỉ có một kết quả xếp loại.")
    twice = check(person("CSTD_CS", 2025, ratings=LDTT_OK, initiatives=[("SK1", 2025, "CO_SO"), ("SK1", 2024, "TINH")]))
    assert finding(twice, "duplicate_initiative").message == (
        'Sáng kiến "SK1" được khai 2 lần (năm 2024, 2025); mỗi sáng kiến chỉ được tính một lần.')


def test_unknown_values_in_directly_built_histories_are_findings():
    candidate = Candidate("x", "individual", "CSTD_CS", 2025, ratings=(RatingEntry(2025, "GIOI"),),
                          initiatives=(InitiativeEntry("S", 2025, "HUYEN"),))
    result = check(candidate)
    assert result.verdict == INELIGIBLE
    assert codes(result, failed=True).count("invalid_value") == 2


def test_maternity_leave_years_count_like_any_rated_year():
    """NĐ152 Đ4.5: the unit rates the year including the leave; the engine reads the rating as given and
    never asks for months worked (docs/eligibility.md)."""
    assert check(person("LDTT", 2025, ratings=LDTT_OK, gender="F"), DECISION).verdict == ELIGIBLE
