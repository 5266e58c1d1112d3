"""Findings officers can read: no parameter name, no English code, a citation on every finding, the
province's own regulation (and no other province's), and one initiative for one award (Luật Đ5;
CV 5007/BNV-TĐKT §III.5.c)."""

import datetime as dt
import io
import json
import re
from dataclasses import replace

import pytest

from tdkt.eligibility.cli import main
from tdkt.eligibility.codes import AwardCode, Recipient
from tdkt.eligibility.params import DEFAULT_PARAMETERS, UNVERIFIED
from tdkt.eligibility.regulations import REGULATIONS

from .builders import check, codes, collective, finding, person

ELIGIBLE, INELIGIBLE, REVIEW = "eligible", "ineligible", "needs_review"
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b\s*=?")
ENGLISH_CODES = re.compile(r"\b(eligible|ineligible|needs_review|on_hold|members|initiative\w*)\b")
NOT_CONFIGURED = "quy định của tỉnh (chưa cấu hình)"
LAO_CAI = replace(DEFAULT_PARAMETERS, regulation=REGULATIONS["Lào Cai"])
BAC_NINH = replace(DEFAULT_PARAMETERS, regulation=REGULATIONS["Bắc Ninh"])
# Every [U] parameter switched on, so every message that rests on one is produced.
ALL_ON = replace(DEFAULT_PARAMETERS, bk_ttg_other_points_to_council=True, cstd_cs_both_criteria_from=dt.date(2025, 1, 1),
                 cstd_cs_quota_ratio=0.15, provincial_awards=frozenset({"CDUT"}),
                 provincial_vote_thresholds={"CSTD_TINH": 0.75})
XS = (20, 14, 19, 0, 1)  # members: total, LĐTT, completing tasks, CSTĐ cơ sở, disciplined


def every_candidate():
    """Each award for each kind of recipient, with a history that reaches most rules."""
    history = {"ratings": {2023: "HTXSNV", 2024: "HTXSNV", 2025: "HTNV"}, "titles": {"CSTD_CS": [2024]},
               "initiatives": [("SK1", 2024, "CO_SO", "CSTD_CS", 2024), ("SK2", 2025, "TINH", "GK")]}
    for code in [*AwardCode, "CDUT"]:
        yield person(code, 2025, **history)
        yield collective(code, 2025, ratings=history["ratings"], members=XS)
        yield collective(code, 2025, ratings=history["ratings"])
        yield person(code, 2025, kind=Recipient.HOUSEHOLD)


@pytest.mark.parametrize("params", [DEFAULT_PARAMETERS, ALL_ON, LAO_CAI], ids=["national", "all-on", "lao-cai"])
def test_no_finding_names_a_parameter_or_an_english_code_and_every_one_has_a_citation(params):
    for candidate in every_candidate():
        for item in check(candidate, params=params).findings:
            assert not IDENTIFIER.search(item.message), (candidate.award, item.message)
            assert not ENGLISH_CODES.search(item.message), (candidate.award, item.message)
            assert "tham số" not in item.message, item.message
            assert item.citation.strip(), (candidate.award, item.code)
            assert "Bắc Ninh" not in item.message + item.citation, item


def test_every_unverified_parameter_has_a_label():
    from tdkt.eligibility.params import LABELS
    assert set(LABELS) == set(UNVERIFIED)


@pytest.mark.parametrize(("params", "citation"), [
    pytest.param(DEFAULT_PARAMETERS, f"Luật TĐKT 2022, Điều 27; {NOT_CONFIGURED}", id="none-configured"),
    pytest.param(LAO_CAI, "Luật TĐKT 2022, Điều 27; Quyết định 18/2026/QĐ-UBND ngày 30/3/2026 của Ủy ban nhân dân "
                 "tỉnh Lào Cai (chưa xác định điều, khoản)", id="Lao-Cai-QD18-2026-articles-unverified"),
    pytest.param(BAC_NINH, "Luật TĐKT 2022, Điều 27; Quyết định 86/2025/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Ninh, "
                 "Điều 3 khoản 2", id="Bac-Ninh-QD86-2025-D3-k2"),
])
def test_ttldxs_cites_the_provinces_own_regulation(params, citation):
    result = check(collective("TTLDXS", 2025, ratings={2025: "HTXSNV"}, members=XS), params=params)
    assert [item.citation for item in result.findings if item.code.startswith("members_")] == [citation] * 4


@pytest.mark.parametrize(("params", "tail"), [
    pytest.param(DEFAULT_PARAMETERS, NOT_CONFIGURED, id="none-configured"),
    pytest.param(LAO_CAI, "Quyết định 18/2026/QĐ-UBND ngày 30/3/2026 của Ủy ban nhân dân tỉnh Lào Cai (chưa xác định "
                 "điều, khoản)", id="Lao-Cai"),
    pytest.param(BAC_NINH, "Quyết định 86/2025/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Ninh, Điều 3 khoản 1", id="Bac-Ninh"),
])
def test_co_thi_dua_tinh_cites_the_provinces_own_regulation(params, tail):
    clause = finding(check(collective("CO_TINH", 2025, ratings={2025: "HTXSNV"}), params=params),
                     "judgement_cluster_leader")
    assert clause.citation == f"Luật TĐKT 2022, Điều 26; {tail}"


HTXSNV_2Y = {2024: "HTXSNV", 2025: "HTXSNV"}
CHAIN = {"CSTD_CS": [2023, 2024, 2025]}


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(person("BK_TINH", 2025, ratings=HTXSNV_2Y, initiatives=[("SK1", 2024, "CO_SO"), ("SK2", 2025, "CO_SO")]),
                 ELIGIBLE, [], id="Luat-D74-k1-d-two-unused-initiatives"),
    pytest.param(person("BK_TINH", 2025, ratings=HTXSNV_2Y,
                        initiatives=[("SK1", 2024, "CO_SO", "BK_TINH", 2023), ("SK2", 2025, "CO_SO")]),
                 REVIEW, ["bk_tinh_criterion_d", "judgement_alternatives"],
                 id="Luat-D5-CV5007-III5c-used-for-an-earlier-award-of-the-same-code-is-spent"),
    pytest.param(person("BK_TINH", 2025, ratings=HTXSNV_2Y,
                        initiatives=[("SK1", 2024, "CO_SO", "BK_TINH", 2025), ("SK2", 2025, "CO_SO")]),
                 ELIGIBLE, [], id="CV5007-III5c-recorded-for-this-very-award-still-grounds-it"),
    pytest.param(person("CSTD_CS", 2025, ratings={2025: "HTTNV"}, initiatives=[("SK1", 2025, "CO_SO", "CSTD_CS")]),
                 INELIGIBLE, ["cstd_cs_basis"], id="Luat-D5-same-code-year-unknown-is-an-earlier-award"),
    pytest.param(person("CSTD_CS", 2025, ratings={2025: "HTTNV"}, initiatives=[("SK1", 2025, "CO_SO", "CSTD_CS", 2024)]),
                 INELIGIBLE, ["cstd_cs_basis"], id="Luat-D5-CV5007-last-years-CSTD-CS-does-not-lend-its-initiative"),
    pytest.param(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2024, "TINH", "CSTD_TINH", 2022)]),
                 INELIGIBLE, ["initiative"], id="Luat-D22-k1-b-CV5007-earlier-CSTD-tinh-initiative-spent"),
    pytest.param(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2024, "TINH", "CSTD_CS", 2024)]),
                 REVIEW, ["initiative_reuse"], id="law-md-1-1-reuse-between-different-titles-to-the-council"),
    pytest.param(person("CSTD_TINH", 2025, titles=CHAIN, initiatives=[("SK1", 2024, "TINH", "BK_TINH", 2024)]),
                 INELIGIBLE, ["initiative"], id="CV5007-III5c-title-and-form-never-share"),
])
def test_one_initiative_grounds_one_award(candidate, verdict, failed):
    result = check(candidate)
    assert (result.verdict, codes(result, failed=True)) == (verdict, failed)


def test_the_spent_initiative_finding_says_earlier_award_and_cites_the_principle():
    result = check(person("BK_TINH", 2025, ratings=HTXSNV_2Y,
                          initiatives=[("SK1", 2024, "CO_SO", "BK_TINH", 2023), ("SK2", 2025, "CO_SO")]))
    used = finding(result, "initiative_used")
    assert used.message == ("Không tính sáng kiến đã làm căn cứ cho một lần khen trước: SK1 đã dùng cho Bằng khen của "
                            "Chủ tịch UBND tỉnh năm 2023 (mỗi sáng kiến chỉ làm căn cứ cho một lần khen).")
    assert used.citation == ("Luật TĐKT 2022, Điều 5; Công văn 5007/BNV-TĐKT ngày 05/09/2023, mục III.5.c; "
                             "Công văn 3385/BTĐKT-P.II ngày 20/11/2023")


def test_the_cli_keeps_its_keys_and_codes_and_cites_every_finding(tmp_path):
    batch = {"decision_date": "2025-12-15", "candidates": [
        {"id": "T1", "kind": "collective", "award": "TTLDXS", "year": 2025,
         "ratings": [{"year": 2025, "level": "HTXSNV"}],
         "members": {"total": 20, "ldtt": 14, "completed_tasks": 19, "cstd_cs": 0, "disciplined_warning_or_above": 1}},
        {"id": "T2", "kind": "individual", "award": "CSTD_CS", "year": 2025,
         "ratings": [{"year": 2025, "level": "HTTNV"}],
         "initiatives": [{"id": "SK1", "year": 2025, "scope": "CO_SO", "used_for": "CSTD_CS", "used_for_year": 2024}]},
    ]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(batch), encoding="utf-8")
    out = io.StringIO()
    assert main([str(path)], out, io.StringIO()) == 0
    results = json.loads(out.getvalue())["results"]
    assert [(r["id"], r["verdict"]) for r in results] == [("T1", INELIGIBLE), ("T2", INELIGIBLE)]
    for result in results:
        for item in result["findings"]:
            assert set(item) == {"code", "passed", "message", "citation"}
            assert item["citation"].strip()
            assert not IDENTIFIER.search(item["message"]), item["message"]
    provincial = [f["citation"] for f in results[0]["findings"] if f["code"].startswith("members_")]
    assert provincial == [f"Luật TĐKT 2022, Điều 27; {NOT_CONFIGURED}"] * 4
