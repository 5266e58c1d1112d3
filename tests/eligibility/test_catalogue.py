"""Every catalogue code, for every recipient kind: a verdict, never a crash; unknown and provincial codes."""

from dataclasses import replace

import pytest

from tdkt.eligibility.catalogue import recipients
from tdkt.eligibility.codes import AwardCode, FindingCode, Recipient
from tdkt.eligibility.params import DEFAULT_PARAMETERS
from tdkt.eligibility.rules import RULES

from .builders import check, codes, finding, person

ENCODED = set(RULES["merit"])


@pytest.mark.parametrize("kind", list(Recipient))
@pytest.mark.parametrize("award", list(AwardCode))
def test_every_catalogue_code_gets_a_verdict(award, kind):
    result = check(person(award, 2025, kind=kind, ratings={2024: "HTXSNV", 2025: "HTXSNV"},
                          members=(10, 8, 10, 1, 0)))
    if kind not in recipients(award):
        assert codes(result, failed=True) == ["wrong_recipient_kind"]
    elif award not in ENCODED:
        assert result.verdict == "needs_review"
        assert finding(result, "criteria_not_encoded").message.startswith(
            "Tiêu chí do tỉnh/Bộ quy định chi tiết; Hội đồng xem xét")


@pytest.mark.parametrize(("award", "kind"), [
    ("GDVH", "household"), ("THON_VH", "collective"), ("XA_TIEU_BIEU", "collective"), ("GK", "individual"),
    ("KNC_TINH", "individual"), ("HC_TNXP", "individual"), ("NGUT", "individual"),
])
def test_awards_with_provincial_or_unread_criteria_go_to_the_council(award, kind):
    result = check(person(award, 2025, kind=kind))
    assert result.verdict == "needs_review"
    assert codes(result, failed=True) == ["criteria_not_encoded"]


def test_an_unknown_code_is_reported_for_the_candidate():
    result = check(person("CSTD_XA", 2025))
    assert result.verdict == "ineligible"
    assert finding(result, "unknown_award").message == (
        'Mã khen thưởng "CSTD_XA" không có trong danh mục danh hiệu thi đua, hình thức khen thưởng của Nhà nước và '
        "của tỉnh.")


def test_a_provincial_code_goes_to_the_council_with_the_cross_cutting_rules():
    params = replace(DEFAULT_PARAMETERS, provincial_awards=frozenset({"CONG_DAN_UU_TU"}))
    result = check(person("CONG_DAN_UU_TU", 2025), params=params)
    assert result.verdict == "needs_review" and codes(result, failed=True) == ["provincial_award"]
    held = check(person("CONG_DAN_UU_TU", 2025, open_cases=["khiếu nại"]), params=params)
    assert held.verdict == "on_hold"


def test_an_unknown_recipient_kind():
    result = check(person("LDTT", 2025, kind="company"))
    assert codes(result, failed=True) == ["wrong_recipient_kind"]


def test_finding_codes_are_unique_snake_case():
    values = [code.value for code in FindingCode]
    assert len(values) == len(set(values))
    assert all(value == value.lower() and " " not in value for value in values)
