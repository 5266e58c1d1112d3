"""Collective emulation titles, table-driven, with the 70 % boundary of Luật Đ28.1.

members = (total, ldtt, completed_tasks, cstd_cs, disciplined_warning_or_above)
"""

import datetime as dt
from dataclasses import replace

import pytest

from tdkt.eligibility.params import DEFAULT_PARAMETERS

from .builders import check, codes, collective, finding, person

ELIGIBLE, INELIGIBLE, REVIEW = "eligible", "ineligible", "needs_review"
GOOD = {2025: "HTTNV"}
EXCELLENT = {2025: "HTXSNV"}


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(collective("TTLDTT", 2025, ratings=GOOD, members=(10, 7, 10, 0, 0)), ELIGIBLE, [],
                 id="Luat-D28-k1-exactly-70-percent-passes"),
    pytest.param(collective("TTLDTT", 2025, ratings=GOOD, members=(1000, 700, 1000, 0, 0)), ELIGIBLE, [],
                 id="Luat-D28-k1-700-of-1000-passes"),
    pytest.param(collective("TTLDTT", 2025, ratings=GOOD, members=(1000, 699, 1000, 0, 0)), INELIGIBLE,
                 ["members_ldtt_ratio"], id="Luat-D28-k1-69.9-percent-fails"),
    pytest.param(collective("TTLDTT", 2025, ratings=GOOD, members=(3, 2, 3, 0, 0)), INELIGIBLE, ["members_ldtt_ratio"],
                 id="Luat-D28-k1-two-of-three-is-66.6-percent"),
    pytest.param(collective("TTLDTT", 2025, ratings=GOOD, members=(10, 10, 10, 0, 1)), INELIGIBLE, ["members_discipline"],
                 id="Luat-D28-k1-a-member-disciplined-at-warning"),
    pytest.param(collective("TTLDTT", 2025, ratings={2025: "HTNV"}, members=(10, 8, 10, 0, 0)), INELIGIBLE, ["rating"],
                 id="Luat-D28-k1-collective-only-HTNV"),
    pytest.param(collective("TTLDTT", 2025, ratings=GOOD), INELIGIBLE, ["members_missing"], id="Luat-D28-k1-members-missing"),
    pytest.param(collective("TTLDTT", 2025, ratings=GOOD, members=(10, 11, 10, 0, 0)), INELIGIBLE, ["invalid_members"],
                 id="impossible-more-LDTT-than-members"),
    pytest.param(collective("DVTT", 2025, ratings=GOOD, members=(10, 7, 10, 0, 0)), ELIGIBLE, [],
                 id="Luat-D28-Don-vi-tien-tien-same-standard"),
])
def test_tap_the_lao_dong_tien_tien(candidate, verdict, failed):
    result = check(candidate)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed


def test_ttldtt_ratio_messages_show_the_figures():
    assert finding(check(collective("TTLDTT", 2025, ratings=GOOD, members=(10, 7, 10, 0, 0))),
                   "members_ldtt_ratio").message == "Có 7/10 thành viên (70%) đạt Lao động tiên tiến; cần từ 70% trở lên."
    below = finding(check(collective("TTLDTT", 2025, ratings=GOOD, members=(1000, 699, 1000, 0, 0))),
                    "members_ldtt_ratio")
    assert below.message == "Có 699/1000 thành viên (69,9%) đạt Lao động tiên tiến; cần từ 70% trở lên."
    assert below.citation == "Luật TĐKT 2022, Điều 28 khoản 1"


XS = (20, 14, 20, 1, 0)


@pytest.mark.parametrize(("candidate", "verdict", "failed"), [
    pytest.param(collective("TTLDXS", 2025, ratings=EXCELLENT, members=XS), ELIGIBLE, [],
                 id="Luat-D27-BacNinh-D3-k2-all-conditions"),
    pytest.param(collective("TTLDXS", 2025, ratings=GOOD, members=XS), INELIGIBLE, ["rating"], id="Luat-D27-needs-HTXSNV"),
    pytest.param(collective("TTLDXS", 2025, ratings=EXCELLENT, members=(20, 14, 19, 1, 0)), INELIGIBLE, ["members_completed"],
                 id="Luat-D27-one-member-not-completing-tasks"),
    pytest.param(collective("TTLDXS", 2025, ratings=EXCELLENT, members=(20, 13, 20, 1, 0)), INELIGIBLE, ["members_ldtt_ratio"],
                 id="Luat-D27-65-percent-LDTT"),
    pytest.param(collective("TTLDXS", 2025, ratings=EXCELLENT, members=(20, 14, 20, 0, 0)), INELIGIBLE, ["members_cstd_cs"],
                 id="Luat-D27-no-CSTDCS-member"),
    pytest.param(collective("TTLDXS", 2025, ratings=EXCELLENT, members=(20, 14, 20, 1, 1)), INELIGIBLE, ["members_discipline"],
                 id="Luat-D27-U-discipline-clause-parameter"),
    pytest.param(collective("DVQT", 2025, ratings=EXCELLENT, members=XS), ELIGIBLE, [], id="Luat-D27-Don-vi-quyet-thang"),
])
def test_tap_the_lao_dong_xuat_sac(candidate, verdict, failed):
    result = check(candidate)
    assert result.verdict == verdict
    assert codes(result, failed=True) == failed


def test_ttldxs_findings_say_they_rest_on_the_provinces_rule_in_words():
    result = check(collective("TTLDXS", 2025, ratings=EXCELLENT, members=XS))
    for code, label in [
        ("rating", "Tập thể lao động xuất sắc: yêu cầu xếp loại hoàn thành xuất sắc nhiệm vụ"),
        ("members_completed", "Tập thể lao động xuất sắc: tỷ lệ thành viên hoàn thành nhiệm vụ từ 100%"),
        ("members_ldtt_ratio", "Tập thể lao động xuất sắc: tỷ lệ thành viên đạt Lao động tiên tiến từ 70%"),
        ("members_cstd_cs", "Tập thể lao động xuất sắc: ít nhất 1 thành viên đạt Chiến sĩ thi đua cơ sở"),
        ("members_discipline", "Tập thể lao động xuất sắc: không có thành viên bị kỷ luật từ cảnh cáo trở lên"),
    ]:
        assert finding(result, code).message.endswith(f" (theo quy định của tỉnh (chưa xác nhận): {label})")
        assert finding(result, code).citation == "Luật TĐKT 2022, Điều 27; quy định của tỉnh (chưa cấu hình)"
    relaxed = replace(DEFAULT_PARAMETERS, ttldxs_no_member_disciplined_warning=False)
    assert check(collective("TTLDXS", 2025, ratings=EXCELLENT, members=(20, 14, 20, 1, 1)), params=relaxed).verdict == ELIGIBLE


def test_co_thi_dua_tinh_leaves_the_cluster_leadership_to_the_council():
    result = check(collective("CO_TINH", 2025, ratings=EXCELLENT))
    assert result.verdict == REVIEW
    clause = finding(result, "judgement_cluster_leader")
    assert clause.judgement and "dẫn đầu" in clause.message
    assert clause.citation == "Luật TĐKT 2022, Điều 26; quy định của tỉnh (chưa cấu hình)"


def test_co_thi_dua_chinh_phu_needs_review_notes_the_20_percent_cap_and_the_80_percent_vote():
    result = check(collective("CO_CP", 2025))
    assert result.verdict == REVIEW
    quota = finding(result, "batch_quota")
    assert quota.passed and "20%" in quota.message and quota.citation == "Nghị định 152/2025/NĐ-CP, Điều 7 khoản 1"
    vote = finding(result, "council_vote")
    assert "80%" in vote.message and vote.citation == "Nghị định 152/2025/NĐ-CP, Điều 33 khoản 5"


def test_co_cp_under_nd98_has_its_vote_but_not_the_nd152_quota():
    result = check(collective("CO_CP", 2025), dt.date(2025, 6, 30))
    assert "batch_quota" not in codes(result)
    assert finding(result, "council_vote").citation == "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"


@pytest.mark.parametrize("award", ["TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "XA_TIEU_BIEU", "THON_VH"])
def test_collective_titles_are_not_for_individuals(award):
    result = check(person(award, 2025, ratings=EXCELLENT, members=XS))
    assert result.verdict == INELIGIBLE
    assert codes(result, failed=True) == ["wrong_recipient_kind"]
    assert finding(result, "wrong_recipient_kind").citation == "Luật TĐKT 2022, Điều 19, Điều 20"
