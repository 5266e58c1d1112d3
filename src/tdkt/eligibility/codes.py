"""Stable codes shared by the award catalogue (tdkt.awards), the engine and the JSON interchange.

Codes never change once published: integrations store them.
"""

from enum import StrEnum


class Recipient(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"
    HOUSEHOLD = "household"


class Basis(StrEnum):
    """Kind of commendation (law.md §3): what the award rewards."""

    MERIT = "merit"  # công trạng và thành tích
    THEMATIC = "thematic"  # theo đợt, chuyên đề
    ADHOC = "adhoc"  # đột xuất
    DEDICATION = "dedication"  # quá trình cống hiến
    SENIORITY = "seniority"  # niên hạn
    FOREIGN = "foreign"  # đối ngoại
    RESISTANCE = "resistance"  # kháng chiến (the seventh method of the statistical forms)


class RatingLevel(StrEnum):
    """Yearly rating of task completion (xếp loại)."""

    HTXSNV = "HTXSNV"  # hoàn thành xuất sắc nhiệm vụ
    HTTNV = "HTTNV"  # hoàn thành tốt nhiệm vụ
    HTNV = "HTNV"  # hoàn thành nhiệm vụ
    KHTNV = "KHTNV"  # không hoàn thành nhiệm vụ


RATING_RANK = {RatingLevel.HTXSNV: 3, RatingLevel.HTTNV: 2, RatingLevel.HTNV: 1, RatingLevel.KHTNV: 0}


class InitiativeScope(StrEnum):
    CO_SO = "CO_SO"
    TINH = "TINH"
    TOAN_QUOC = "TOAN_QUOC"


SCOPE_RANK = {InitiativeScope.CO_SO: 1, InitiativeScope.TINH: 2, InitiativeScope.TOAN_QUOC: 3}


class DisciplineLevel(StrEnum):
    KHIEN_TRACH = "khien_trach"  # reprimand
    CANH_CAO = "canh_cao"  # warning
    HA_BAC = "ha_bac"  # salary downgrade
    CACH_CHUC = "cach_chuc"  # dismissal from post
    BUOC_THOI_VIEC = "buoc_thoi_viec"  # forced resignation


DISCIPLINE_RANK = {level: rank for rank, level in enumerate(DisciplineLevel, start=1)}


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    NEEDS_REVIEW = "needs_review"  # only judgement clauses remain: for the council
    ON_HOLD = "on_hold"  # open case or running discipline


class AwardCode(StrEnum):
    """Emulation titles (danh hiệu) and commendation forms (hình thức) of the national catalogue."""

    # Titles, individuals (Luật Đ21–24)
    LDTT = "LDTT"  # Lao động tiên tiến
    CSTT = "CSTT"  # Chiến sĩ tiên tiến
    CSTD_CS = "CSTD_CS"  # Chiến sĩ thi đua cơ sở
    CSTD_TINH = "CSTD_TINH"  # Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh
    CSTD_TQ = "CSTD_TQ"  # Chiến sĩ thi đua toàn quốc
    # Titles, collectives (Luật Đ25–29)
    TTLDTT = "TTLDTT"  # Tập thể lao động tiên tiến
    DVTT = "DVTT"  # Đơn vị tiên tiến
    TTLDXS = "TTLDXS"  # Tập thể lao động xuất sắc
    DVQT = "DVQT"  # Đơn vị quyết thắng
    CO_TINH = "CO_TINH"  # Cờ thi đua của bộ, ban, ngành, tỉnh
    CO_CP = "CO_CP"  # Cờ thi đua của Chính phủ
    XA_TIEU_BIEU = "XA_TIEU_BIEU"  # Xã, phường, đặc khu tiêu biểu
    THON_VH = "THON_VH"  # Thôn, tổ dân phố văn hóa
    # Titles, households
    GDVH = "GDVH"  # Gia đình văn hóa
    # Forms: Bằng khen, Giấy khen, Kỷ niệm chương
    GK = "GK"  # Giấy khen
    BK_TINH = "BK_TINH"  # Bằng khen của Chủ tịch UBND tỉnh (bộ, ban, ngành, tỉnh)
    BK_TTG = "BK_TTG"  # Bằng khen của Thủ tướng Chính phủ
    KNC_TINH = "KNC_TINH"  # Kỷ niệm chương của tỉnh
    # Orders (Huân chương)
    HC_SAO_VANG = "HC_SAO_VANG"
    HC_HCM = "HC_HCM"
    HCDL1 = "HCDL1"  # Huân chương Độc lập hạng Nhất
    HCDL2 = "HCDL2"
    HCDL3 = "HCDL3"
    HCQC1 = "HCQC1"  # Huân chương Quân công
    HCQC2 = "HCQC2"
    HCQC3 = "HCQC3"
    HCLD1 = "HCLD1"  # Huân chương Lao động hạng Nhất
    HCLD2 = "HCLD2"
    HCLD3 = "HCLD3"
    HCBVTQ1 = "HCBVTQ1"  # Huân chương Bảo vệ Tổ quốc
    HCBVTQ2 = "HCBVTQ2"
    HCBVTQ3 = "HCBVTQ3"
    HCCC1 = "HCCC1"  # Huân chương Chiến công
    HCCC2 = "HCCC2"
    HCCC3 = "HCCC3"
    HC_DDKDT = "HC_DDKDT"  # Huân chương Đại đoàn kết dân tộc
    HC_DUNG_CAM = "HC_DUNG_CAM"  # Huân chương Dũng cảm
    HC_HUU_NGHI = "HC_HUU_NGHI"  # Huân chương Hữu nghị
    # Medals (Huy chương)
    HC_QKQT = "HC_QKQT"  # Huy chương Quân kỳ quyết thắng
    HC_VANTQ = "HC_VANTQ"  # Huy chương Vì an ninh Tổ quốc
    HC_CSVV = "HC_CSVV"  # Huy chương Chiến sĩ vẻ vang
    HC_HN = "HC_HN"  # Huy chương Hữu nghị
    HC_TNXP = "HC_TNXP"  # Huy chương Thanh niên xung phong vẻ vang
    # State honorary titles (danh hiệu vinh dự nhà nước)
    TINH_ANH_HUNG = "TINH_ANH_HUNG"  # Tỉnh / Thành phố Anh hùng
    BM_VNAH = "BM_VNAH"  # Bà mẹ Việt Nam anh hùng
    AH_LLVT = "AH_LLVT"  # Anh hùng Lực lượng vũ trang nhân dân
    AH_LD = "AH_LD"  # Anh hùng Lao động
    NGND = "NGND"  # Nhà giáo nhân dân
    NGUT = "NGUT"  # Nhà giáo ưu tú
    TTND = "TTND"  # Thầy thuốc nhân dân
    TTUT = "TTUT"  # Thầy thuốc ưu tú
    NSND = "NSND"  # Nghệ sĩ nhân dân
    NSUT = "NSUT"  # Nghệ sĩ ưu tú
    NNND = "NNND"  # Nghệ nhân nhân dân
    NNUT = "NNUT"  # Nghệ nhân ưu tú
    # Prizes
    GT_HCM = "GT_HCM"  # Giải thưởng Hồ Chí Minh
    GT_NN = "GT_NN"  # Giải thưởng Nhà nước


class FindingCode(StrEnum):
    """What a finding of the eligibility engine is about (docs/eligibility.md lists each with its citation).

    Integrations store these codes; add new ones, never rename. Which effect a failed finding has
    (hard failure, hold, council judgement) is given by the groups below.
    """

    # Input and history integrity: a failed one makes the candidate ineligible.
    UNKNOWN_AWARD = "unknown_award"
    WRONG_RECIPIENT_KIND = "wrong_recipient_kind"
    FUTURE_ACHIEVEMENT_YEAR = "future_achievement_year"
    FUTURE_RECORD = "future_record"
    INVALID_YEAR = "invalid_year"
    INVALID_VALUE = "invalid_value"
    INVALID_PERIOD = "invalid_period"
    DUPLICATE_RATING = "duplicate_rating"
    DUPLICATE_AWARD = "duplicate_award"
    DUPLICATE_INITIATIVE = "duplicate_initiative"
    OVERLAPPING_DISCIPLINE = "overlapping_discipline"
    INVALID_MEMBERS = "invalid_members"
    INTERNAL_ERROR = "internal_error"
    # Rule set (legal regime) that applied.
    RULESET = "ruleset"
    RULESET_NOT_ENCODED = "ruleset_not_encoded"
    # Principles (Luật Đ5, NĐ152 Đ4 and Đ33.7).
    OPEN_CASE = "open_case"
    DISCIPLINE_RUNNING = "discipline_running"
    DISCIPLINE_PERIOD = "discipline_period"
    ALREADY_AWARDED = "already_awarded"
    NONMERIT_EXCLUDED = "nonmerit_excluded"
    INTERVAL = "interval"
    INITIATIVE_USED = "initiative_used"
    INITIATIVE_REUSE = "initiative_reuse"
    PRINCIPLES_UNVERIFIED = "principles_unverified"
    # Criteria of titles and forms.
    RATING = "rating"
    CSTD_CS_BASIS = "cstd_cs_basis"
    CSTD_CS_CHAIN = "cstd_cs_chain"
    CSTD_TINH_CHAIN = "cstd_tinh_chain"
    INITIATIVE = "initiative"
    MEMBERS_MISSING = "members_missing"
    MEMBERS_LDTT_RATIO = "members_ldtt_ratio"
    MEMBERS_COMPLETED = "members_completed"
    MEMBERS_CSTD_CS = "members_cstd_cs"
    MEMBERS_DISCIPLINE = "members_discipline"
    BK_TINH_CRITERION_D = "bk_tinh_criterion_d"
    BK_TINH_COLLECTIVE = "bk_tinh_collective"
    PREREQUISITE_AWARD = "prerequisite_award"
    GOOD_YEARS = "good_years"
    CSTD_CS_COUNT = "cstd_cs_count"
    HTXSNV_YEARS = "htxsnv_years"
    DEDICATION_POST = "dedication_post"
    DEDICATION_YEARS = "dedication_years"
    DEDICATION_DISCIPLINE = "dedication_discipline"
    DEDICATION_REPEAT = "dedication_repeat"
    DEDICATION_CLASS = "dedication_class"
    # Clauses left to the council's judgement.
    JUDGEMENT_CLUSTER_LEADER = "judgement_cluster_leader"
    JUDGEMENT_ALTERNATIVES = "judgement_alternatives"
    CRITERIA_NOT_ENCODED = "criteria_not_encoded"
    PROVINCIAL_AWARD = "provincial_award"
    # Procedure notes for the council (always passed).
    COUNCIL_VOTE = "council_vote"
    BATCH_QUOTA = "batch_quota"


# A failed finding with one of these codes puts the candidate on hold (NĐ152 Đ4.4), not out.
HOLD_CODES = frozenset({FindingCode.OPEN_CASE, FindingCode.DISCIPLINE_RUNNING})
