"""Rule sets by effective date: NĐ98 up to 30/06/2025, NĐ152 from 01/07/2025 (sunset 01/03/2027); a dossier
keeps the rule set of the day it was lodged (NĐ152 Đ60.3)."""

import datetime as dt
from dataclasses import replace

import pytest

from tdkt.eligibility.params import DEFAULT_PARAMETERS
from tdkt.eligibility.rulesets import RULESETS, select_ruleset

from .builders import check, codes, finding, person

CSTD_TINH = {"titles": {"CSTD_CS": [2022, 2023, 2024]}, "initiatives": [("SK1", 2023, "TINH")]}


@pytest.mark.parametrize(("decision", "lodged", "ruleset"), [
    pytest.param(dt.date(2025, 6, 30), None, "ND98_2023", id="decision-30-06-2025-NĐ98"),
    pytest.param(dt.date(2025, 7, 1), None, "ND152_2025", id="decision-01-07-2025-NĐ152"),
    pytest.param(dt.date(2025, 8, 15), dt.date(2025, 6, 20), "ND98_2023", id="ND152-D60-k3-lodged-before-keeps-NĐ98"),
    pytest.param(dt.date(2025, 8, 15), dt.date(2025, 7, 1), "ND152_2025", id="lodged-on-the-switch-day-NĐ152"),
    pytest.param(dt.date(2027, 2, 28), None, "ND152_2025", id="ND152-D60-k1-last-day-before-sunset"),
])
def test_the_rule_set_follows_the_lodging_or_decision_date(decision, lodged, ruleset):
    result = check(person("CSTD_TINH", 2024, lodged_on=lodged, **CSTD_TINH), decision)
    assert result.ruleset == ruleset
    assert "ruleset_not_encoded" not in codes(result)
    assert result.verdict == "eligible"


def test_the_ruleset_finding_says_which_date_chose_it():
    lodged = check(person("CSTD_TINH", 2024, lodged_on=dt.date(2025, 6, 20), **CSTD_TINH), dt.date(2025, 8, 15))
    assert finding(lodged, "ruleset").message == (
        "Áp dụng Nghị định 98/2023/NĐ-CP (hiệu lực 01/01/2024–30/06/2025) theo ngày nộp hồ sơ 20/06/2025.")
    assert finding(lodged, "ruleset").citation == "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 3"


def test_the_switch_changes_the_council_vote_of_cstd_tinh():
    """NĐ98 Đ30.7 required ≥90 % for CSTĐ tỉnh; NĐ152 Đ33.5 left it to the province."""
    before = check(person("CSTD_TINH", 2024, **CSTD_TINH), dt.date(2025, 6, 30))
    vote = finding(before, "council_vote")
    assert "90%" in vote.message and vote.citation == "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"
    after = check(person("CSTD_TINH", 2024, **CSTD_TINH), dt.date(2025, 7, 1))
    assert "council_vote" not in codes(after)
    provincial = replace(DEFAULT_PARAMETERS, provincial_vote_thresholds={"CSTD_TINH": 0.75})
    configured = finding(check(person("CSTD_TINH", 2024, **CSTD_TINH), dt.date(2025, 7, 1), provincial),
                         "council_vote")
    assert "75%" in configured.message and configured.citation == "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng tỉnh"


def test_nd98_principles_cite_nd98_and_flag_the_unverified_article():
    result = check(person("LDTT", 2025, ratings={2025: "HTTNV"}, open_cases=["khiếu nại"]), dt.date(2025, 6, 30))
    case = finding(result, "open_case")
    assert result.verdict == "on_hold"
    assert case.citation.startswith("Nghị định 98/2023/NĐ-CP (số điều chưa xác minh")
    assert case.message.endswith(" (áp dụng như Nghị định 152/2025/NĐ-CP, chưa xác nhận)")


def test_without_the_nd98_principles_parameter_the_council_checks_them():
    params = replace(DEFAULT_PARAMETERS, nd98_principles_as_nd152=False)
    result = check(person("LDTT", 2025, ratings={2025: "HTTNV"}, open_cases=["khiếu nại"]), dt.date(2025, 6, 30), params)
    assert result.verdict == "needs_review"
    assert codes(result, failed=True) == ["principles_unverified"]


@pytest.mark.parametrize(("on", "gap"), [
    pytest.param(dt.date(2023, 12, 31), "before", id="before-Luat-2022-in-force"),
    pytest.param(dt.date(2027, 3, 1), "after", id="ND152-D60-k1-sunset-01-03-2027"),
])
def test_dates_outside_every_rule_set_go_to_the_council(on, gap):
    result = check(person("LDTT", on.year, ratings={on.year: "HTTNV"}), on)
    assert result.verdict == "needs_review"
    assert codes(result, failed=True) == ["ruleset_not_encoded"]
    assert select_ruleset(on, DEFAULT_PARAMETERS).gap == gap


def test_an_extension_of_nd152_is_a_parameter():
    params = replace(DEFAULT_PARAMETERS, ruleset_end_overrides={"ND152_2025": dt.date(2027, 12, 31)})
    result = check(person("LDTT", 2027, ratings={2027: "HTTNV"}), dt.date(2027, 6, 1), params)
    assert result.verdict == "eligible" and result.ruleset == "ND152_2025"


def test_rule_sets_are_contiguous_and_carry_their_dates():
    for earlier, later in zip(RULESETS, RULESETS[1:], strict=False):
        assert earlier.effective_to + dt.timedelta(days=1) == later.effective_from
    assert RULESETS[-1].effective_to == dt.date(2027, 2, 28)
    assert {key for ruleset in RULESETS for key in ruleset.citations} == set(RULESETS[-1].citations)
