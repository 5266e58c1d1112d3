"""Emulation titles of collectives: TTLĐTT/ĐVTT (Luật Đ28.1), TTLĐXS/ĐVQT (Đ27), Cờ thi đua tỉnh (Đ26)
and Cờ thi đua của Chính phủ (Đ25)."""

from __future__ import annotations

from .. import citations as cite
from .. import regulations as reg
from ..codes import AwardCode, FindingCode, RatingLevel
from ..names import percent, ratio_percent
from ..types import MemberStats
from .common import Check, meets_ratio, unverified
from .individual import rating_finding

F = FindingCode
A = AwardCode


def _members(check: Check, citation: str) -> MemberStats | None:
    """The members' figures, or None (with a finding) when missing; invalid ones were reported already."""
    members = check.candidate.members
    if members is None:
        check.add(F.MEMBERS_MISSING, False, f"Thiếu số liệu thành viên của tập thể năm {check.year} (tổng số, số "
                  "đạt Lao động tiên tiến, số hoàn thành nhiệm vụ, số đạt Chiến sĩ thi đua cơ sở, số bị kỷ luật từ "
                  "cảnh cáo trở lên).", citation)
        return None
    figures = (members.ldtt, members.completed_tasks, members.cstd_cs, members.disciplined_warning_or_above)
    if members.total <= 0 or any(value < 0 or value > members.total for value in figures):
        return None
    return members


def _ldtt_ratio(check: Check, members: MemberStats, ratio: float, citation: str, note: str = "") -> None:
    passed = meets_ratio(members.ldtt, members.total, ratio)
    check.add(F.MEMBERS_LDTT_RATIO, passed,
              f"Có {members.ldtt}/{members.total} thành viên ({percent(members.ldtt, members.total)}) đạt Lao động "
              f"tiên tiến; cần từ {ratio_percent(ratio)} trở lên.{note}", citation)


def _nobody_disciplined(check: Check, members: MemberStats, citation: str, note: str = "") -> None:
    count = members.disciplined_warning_or_above
    message = ("Không có thành viên bị kỷ luật từ cảnh cáo trở lên." if count == 0 else
               f"Có {count} thành viên bị kỷ luật từ cảnh cáo trở lên; không được có thành viên nào.")
    check.add(F.MEMBERS_DISCIPLINE, count == 0, message + note, citation)


def check_ttldtt(check: Check) -> None:
    """HTTNV; ≥70 % of members LĐTT; nobody disciplined at warning or above (Đ28.1). Exactly 70 % passes."""
    rating_finding(check, RatingLevel.HTTNV, cite.TTLDTT)
    members = _members(check, cite.TTLDTT)
    if members is None:
        return
    _ldtt_ratio(check, members, check.params.ttldtt_min_ldtt_ratio, cite.TTLDTT)
    _nobody_disciplined(check, members, cite.TTLDTT)


def check_ttldxs(check: Check) -> None:
    """HTXSNV; 100 % of members complete their tasks; ≥70 % LĐTT; at least one CSTĐ cơ sở.

    Luật Đ27's exact wording was not read [U]: every figure is a parameter (defaults read in one
    province's regulation, law.md), and each finding says it rests on the province's rule, by its label."""
    params = check.params
    citation = check.provincial(cite.TTLDXS, reg.TTLDXS)
    rating_finding(check, params.ttldxs_required_rating, citation,
                   unverified("ttldxs_required_rating", params.ttldxs_required_rating))
    members = _members(check, citation)
    if members is None:
        return
    ratio = params.ttldxs_min_completed_ratio
    check.add(F.MEMBERS_COMPLETED, meets_ratio(members.completed_tasks, members.total, ratio),
              f"Có {members.completed_tasks}/{members.total} thành viên "
              f"({percent(members.completed_tasks, members.total)}) hoàn thành nhiệm vụ; cần từ {ratio_percent(ratio)} "
              f"trở lên.{unverified('ttldxs_min_completed_ratio', ratio)}", citation)
    _ldtt_ratio(check, members, params.ttldxs_min_ldtt_ratio, citation,
                unverified("ttldxs_min_ldtt_ratio", params.ttldxs_min_ldtt_ratio))
    minimum = params.ttldxs_min_cstd_cs_members
    check.add(F.MEMBERS_CSTD_CS, members.cstd_cs >= minimum,
              f"Có {members.cstd_cs} thành viên đạt Chiến sĩ thi đua cơ sở; cần ít nhất {minimum}."
              f"{unverified('ttldxs_min_cstd_cs_members', minimum)}", citation)
    if params.ttldxs_no_member_disciplined_warning:
        _nobody_disciplined(check, members, citation, unverified("ttldxs_no_member_disciplined_warning", True))


def check_co_tinh(check: Check) -> None:
    """Cờ thi đua tỉnh: to the collective leading its provincial cluster or block (criteria the province sets)."""
    check.judge(F.JUDGEMENT_CLUSTER_LEADER,
                f"Hội đồng xem xét: tập thể được cụm, khối thi đua của tỉnh bình xét, suy tôn dẫn đầu năm {check.year}; "
                "hoàn thành vượt mức chỉ tiêu, nhiệm vụ; tiêu biểu xuất sắc trong tỉnh; nội bộ đoàn kết; tổ chức đảng, "
                "đoàn thể hoàn thành tốt nhiệm vụ; thực hành tiết kiệm, chống lãng phí, tham nhũng.",
                check.provincial(cite.CO_TINH, reg.CO_TINH))


def check_co_cp(check: Check) -> None:
    """Cờ thi đua của Chính phủ (Luật Đ25.1; NĐ152 Đ7): a cluster leader meeting the Cờ tỉnh standard."""
    check.judge(F.JUDGEMENT_CLUSTER_LEADER,
                f"Hội đồng xem xét: tập thể tiêu biểu xuất sắc trong số các tập thể dẫn đầu cụm, khối thi đua năm "
                f"{check.year} đạt tiêu chuẩn Cờ thi đua của tỉnh; hoàn thành vượt mức chỉ tiêu, nhiệm vụ; nội bộ đoàn "
                "kết; tổ chức đảng, đoàn thể trong sạch, vững mạnh; dẫn đầu thực hành tiết kiệm, chống lãng phí, tham "
                "nhũng.", cite.CO_CP)
    if check.ruleset.cluster_quota:
        ratio = check.params.co_cp_quota_ratio
        check.add(F.BATCH_QUOTA, True,
                  f"Số tập thể đề nghị Cờ thi đua của Chính phủ từ các cụm, khối của tỉnh không quá "
                  f"{ratio_percent(ratio)} tổng số tập thể dẫn đầu cụm, khối và đạt tiêu chuẩn Cờ thi đua của tỉnh: "
                  "kiểm tra trên cả danh sách đề nghị, không xét được từng tập thể.", check.cite("cluster_quota"))
