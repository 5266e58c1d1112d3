"""Parameters of the rules: national defaults, overridable per province with `dataclasses.replace`.

    from dataclasses import replace
    params = replace(DEFAULT_PARAMETERS, cstd_cs_quota_ratio=0.15, provincial_awards=frozenset({"CDUT"}))

Every number or switch a province may set, and every rule that shared/domain/law.md marks
unverified [U], lives here under a name; findings that rest on a [U] parameter say so in their
message in plain words ("theo quy định của tỉnh (chưa xác nhận): <the label of LABELS>"), never by
the parameter's name. `UNVERIFIED` lists those names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

from .codes import AwardCode, RatingLevel
from .regulations import Regulation

# Equivalent national posts for dedication awards, highest first (NĐ152 Đ10 maps provincial posts
# onto them: Chủ tịch UBND tỉnh ≈ thu_truong, Phó Chủ tịch ≈ pho_tong_cuc_truong,
# Giám đốc sở ≈ vu_truong, Phó Giám đốc sở ≈ pho_vu_truong).
DEDICATION_POSTS = (
    "bo_truong",
    "thu_truong",
    "tong_cuc_truong",
    "pho_tong_cuc_truong",
    "vu_truong",
    "pho_vu_truong",
)

# Minimum years in post for Huân chương Lao động, post-1975 track (NĐ152 Đ19.1.c, Đ20.1.b, Đ21.1.b) [V].
# The class a term earns is the highest whose minimum it reaches ("3–<5 y" in the decree's table is
# the minimum of that class up to the minimum of the next one). Bộ trưởng: any duration.
_DEDICATION_MIN_YEARS = {
    AwardCode.HCLD1: {"bo_truong": 0, "thu_truong": 5, "tong_cuc_truong": 8, "pho_tong_cuc_truong": 10,
                      "vu_truong": 15},
    AwardCode.HCLD2: {"thu_truong": 3, "tong_cuc_truong": 5, "pho_tong_cuc_truong": 8, "vu_truong": 10,
                      "pho_vu_truong": 15},
    AwardCode.HCLD3: {"tong_cuc_truong": 3, "pho_tong_cuc_truong": 5, "vu_truong": 6, "pho_vu_truong": 10},
}

# Council votes that NĐ152 Đ33.5 makes mandatory, share of all council members [V].
_NATIONAL_VOTE_THRESHOLDS = {
    AwardCode.CSTD_TQ: 0.90,
    AwardCode.TINH_ANH_HUNG: 0.90,
    AwardCode.AH_LLVT: 0.90,
    AwardCode.AH_LD: 0.90,
    AwardCode.CO_CP: 0.80,
}


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, eq=False)
class Parameters:
    """Rule parameters. Defaults are the national rules; [U] marks a rule law.md could not verify."""

    # --- Collective titles ----------------------------------------------------------------------
    # TTLĐTT: ≥70 % of members LĐTT, nobody disciplined at "cảnh cáo" or above (Luật Đ28.1) [Q/V].
    ttldtt_min_ldtt_ratio: float = 0.70
    # TTLĐXS: Luật Đ27's exact wording is [U]; defaults are Bắc Ninh QĐ 86/2025 Đ3.2 [V, provincial].
    ttldxs_required_rating: str = RatingLevel.HTXSNV
    ttldxs_min_completed_ratio: float = 1.0
    ttldxs_min_ldtt_ratio: float = 0.70
    ttldxs_min_cstd_cs_members: int = 1
    ttldxs_no_member_disciplined_warning: bool = True  # [U] discipline clause of Đ27

    # --- Consecutive-title chains (Luật Đ21, Đ22, Đ74) [Q] ---------------------------------------
    cstd_tinh_cstd_cs_years: int = 3  # Đ22.1.a: 3 consecutive CSTĐ cơ sở
    cstd_tq_cstd_tinh_times: int = 2  # Đ21.1.a: 2 consecutive CSTĐ tỉnh
    bk_tinh_cstd_cs_years: int = 2  # Đ74.1.d: 2 consecutive CSTĐ cơ sở
    bk_tinh_htxsnv_years: int = 2  # Đ74.1.d: or ≥2 consecutive years HTXSNV …
    bk_tinh_initiatives: int = 2  # … with 2 initiatives of grassroots scope
    # Collectives: 2 consecutive years HTXSNV or TTLĐXS (Bắc Ninh QĐ 86/2025 Đ3.3) [V, provincial].
    bk_tinh_collective_years: int = 2
    # Engine choice [U]: the council looks at points a–c of Đ74.1 only when the achievement-year
    # rating (if any) is at least this; None: always.
    bk_tinh_judgement_min_rating: str | None = RatingLevel.HTTNV

    # --- Bằng khen TTg and Huân chương Lao động hạng Ba, individuals --------------------------------
    bk_ttg_good_years: int = 5  # Luật Đ73.1.b [Q]
    bk_ttg_cstd_cs: int = 3  # Luật Đ73.1.b [Q]
    bk_ttg_other_points_to_council: bool = False  # [U] the other points of Đ73.1 (text not read)
    hcld3_good_years: int = 5  # Luật Đ44.1.e [Q]
    hcld3_min_htxsnv_years: int = 1  # [U] BNV answer, machine-translated; 0 disables
    hcld3_min_cstd_cs: int = 3  # [U] idem; 0 disables

    # --- CSTĐ cơ sở ------------------------------------------------------------------------------
    # No national cap since Luật 2022 (the 15 % of NĐ91/2017 is gone) [Q]; a province may set one.
    cstd_cs_quota_ratio: float | None = None
    # [U] Draft amending law (06/2026/QH16?): CSTĐ cơ sở needs HTXSNV *and* an initiative for
    # dossiers lodged from this date. None: not applied.
    cstd_cs_both_criteria_from: dt.date | None = None

    # --- Initiatives -----------------------------------------------------------------------------
    # Reusing an initiative from one title for another title is unsettled (TVPL: ask the council) [Q]:
    # None sends the case to the council, True allows, False forbids. Title ↔ form reuse is always
    # forbidden (CV 5007/BNV-TĐKT).
    initiative_reuse_across_titles: bool | None = None

    # --- Dedication (quá trình cống hiến) --------------------------------------------------------
    women_leaders_reduction: Fraction = Fraction(1, 3)  # NĐ152 Đ4.7 [V]
    dedication_min_years: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: _DEDICATION_MIN_YEARS)

    # --- Council votes and quotas ----------------------------------------------------------------
    vote_thresholds: Mapping[str, float] = field(default_factory=lambda: _NATIONAL_VOTE_THRESHOLDS)
    # Thresholds the provincial council rules set for the other awards (NĐ152 left them to the province).
    provincial_vote_thresholds: Mapping[str, float] = field(default_factory=dict)
    co_cp_quota_ratio: float = 0.20  # NĐ152 Đ7.1 [V]: ≤20 % of cluster/block leaders

    # --- Rule sets ---------------------------------------------------------------------------------
    # [U] NĐ98's own articles were not read: apply NĐ152's principles (Đ4), interval rule (Đ33.7) and
    # dedication tables to NĐ98 dossiers too. False: those checks go to the council under NĐ98.
    nd98_principles_as_nd152: bool = True
    # Last day a rule set applies, when a later act changes it (e.g. NĐ152's sunset of 01/03/2027
    # is extended): {"ND152_2025": date(2027, 12, 31)}.
    ruleset_end_overrides: Mapping[str, dt.date] = field(default_factory=dict)

    # --- Catalogue ---------------------------------------------------------------------------------
    # Codes of the province's own titles and forms (e.g. "Công dân ưu tú"): sent to the council.
    provincial_awards: frozenset[str] = frozenset()
    # The province's own regulation (regulations.REGULATIONS), cited beside the national article by the
    # findings on criteria the province details; None: "quy định của tỉnh (chưa cấu hình)".
    regulation: Regulation | None = None

    def __post_init__(self) -> None:
        # Read-only copies of the tables a caller passed in: the engine caches per Parameters object,
        # so a table changed afterwards must not change what an existing object means.
        for name in ("vote_thresholds", "provincial_vote_thresholds", "ruleset_end_overrides"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        object.__setattr__(self, "dedication_min_years",
                           _frozen({award: _frozen(posts) for award, posts in self.dedication_min_years.items()}))
        object.__setattr__(self, "provincial_awards", frozenset(self.provincial_awards))


DEFAULT_PARAMETERS = Parameters()

# Parameters that encode a rule law.md marks unverified [U] (named in the findings that use them).
UNVERIFIED = (
    "ttldxs_required_rating",
    "ttldxs_min_completed_ratio",
    "ttldxs_min_ldtt_ratio",
    "ttldxs_min_cstd_cs_members",
    "ttldxs_no_member_disciplined_warning",
    "bk_tinh_collective_years",
    "bk_tinh_judgement_min_rating",
    "bk_ttg_other_points_to_council",
    "hcld3_min_htxsnv_years",
    "hcld3_min_cstd_cs",
    "cstd_cs_both_criteria_from",
    "nd98_principles_as_nd152",
)

# What each [U] parameter means, for people: "{value}" is the parameter's value as words (rules.common).
LABELS = {
    "ttldxs_required_rating": "Tập thể lao động xuất sắc: yêu cầu xếp loại {value}",
    "ttldxs_min_completed_ratio": "Tập thể lao động xuất sắc: tỷ lệ thành viên hoàn thành nhiệm vụ từ {value}",
    "ttldxs_min_ldtt_ratio": "Tập thể lao động xuất sắc: tỷ lệ thành viên đạt Lao động tiên tiến từ {value}",
    "ttldxs_min_cstd_cs_members": "Tập thể lao động xuất sắc: ít nhất {value} thành viên đạt Chiến sĩ thi đua cơ sở",
    "ttldxs_no_member_disciplined_warning":
        "Tập thể lao động xuất sắc: không có thành viên bị kỷ luật từ cảnh cáo trở lên",
    "bk_tinh_collective_years": "Bằng khen của Chủ tịch UBND tỉnh cho tập thể: {value} năm liên tục",
    "bk_tinh_judgement_min_rating":
        "Bằng khen của Chủ tịch UBND tỉnh: chỉ xét các tiêu chuẩn khác khi xếp loại từ {value} trở lên",
    "bk_ttg_other_points_to_council": "Bằng khen của Thủ tướng Chính phủ: Hội đồng xét các điểm khác của khoản 1",
    "hcld3_min_htxsnv_years": "Huân chương Lao động hạng Ba: ít nhất {value} năm hoàn thành xuất sắc nhiệm vụ",
    "hcld3_min_cstd_cs": "Huân chương Lao động hạng Ba: ít nhất {value} lần đạt Chiến sĩ thi đua cơ sở",
    "cstd_cs_both_criteria_from": "Chiến sĩ thi đua cơ sở: cần cả hai tiêu chuẩn với hồ sơ nộp từ ngày {value}",
    "nd98_principles_as_nd152": "áp dụng các nguyên tắc của Nghị định 152/2025/NĐ-CP cho hồ sơ theo quy định trước",
}
