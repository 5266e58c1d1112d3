"""Vietnamese names and number/date formats used in finding messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache

from .codes import AwardCode as A
from .codes import DisciplineLevel, InitiativeScope, RatingLevel

AWARD_NAMES = {
    A.LDTT: "Lao động tiên tiến",
    A.CSTT: "Chiến sĩ tiên tiến",
    A.CSTD_CS: "Chiến sĩ thi đua cơ sở",
    A.CSTD_TINH: "Chiến sĩ thi đua cấp tỉnh",
    A.CSTD_TQ: "Chiến sĩ thi đua toàn quốc",
    A.TTLDTT: "Tập thể lao động tiên tiến",
    A.DVTT: "Đơn vị tiên tiến",
    A.TTLDXS: "Tập thể lao động xuất sắc",
    A.DVQT: "Đơn vị quyết thắng",
    A.CO_TINH: "Cờ thi đua của UBND tỉnh",
    A.CO_CP: "Cờ thi đua của Chính phủ",
    A.XA_TIEU_BIEU: "Xã, phường, đặc khu tiêu biểu",
    A.THON_VH: "Thôn, tổ dân phố văn hóa",
    A.GDVH: "Gia đình văn hóa",
    A.GK: "Giấy khen",
    A.BK_TINH: "Bằng khen của Chủ tịch UBND tỉnh",
    A.BK_TTG: "Bằng khen của Thủ tướng Chính phủ",
    A.KNC_TINH: "Kỷ niệm chương của tỉnh",
    A.HC_SAO_VANG: "Huân chương Sao vàng",
    A.HC_HCM: "Huân chương Hồ Chí Minh",
    A.HCDL1: "Huân chương Độc lập hạng Nhất",
    A.HCDL2: "Huân chương Độc lập hạng Nhì",
    A.HCDL3: "Huân chương Độc lập hạng Ba",
    A.HCQC1: "Huân chương Quân công hạng Nhất",
    A.HCQC2: "Huân chương Quân công hạng Nhì",
    A.HCQC3: "Huân chương Quân công hạng Ba",
    A.HCLD1: "Huân chương Lao động hạng Nhất",
    A.HCLD2: "Huân chương Lao động hạng Nhì",
    A.HCLD3: "Huân chương Lao động hạng Ba",
    A.HCBVTQ1: "Huân chương Bảo vệ Tổ quốc hạng Nhất",
    A.HCBVTQ2: "Huân chương Bảo vệ Tổ quốc hạng Nhì",
    A.HCBVTQ3: "Huân chương Bảo vệ Tổ quốc hạng Ba",
    A.HCCC1: "Huân chương Chiến công hạng Nhất",
    A.HCCC2: "Huân chương Chiến công hạng Nhì",
    A.HCCC3: "Huân chương Chiến công hạng Ba",
    A.HC_DDKDT: "Huân chương Đại đoàn kết dân tộc",
    A.HC_DUNG_CAM: "Huân chương Dũng cảm",
    A.HC_HUU_NGHI: "Huân chương Hữu nghị",
    A.HC_QKQT: "Huy chương Quân kỳ quyết thắng",
    A.HC_VANTQ: "Huy chương Vì an ninh Tổ quốc",
    A.HC_CSVV: "Huy chương Chiến sĩ vẻ vang",
    A.HC_HN: "Huy chương Hữu nghị",
    A.HC_TNXP: "Huy chương Thanh niên xung phong vẻ vang",
    A.TINH_ANH_HUNG: "Tỉnh Anh hùng / Thành phố Anh hùng",
    A.BM_VNAH: "Bà mẹ Việt Nam anh hùng",
    A.AH_LLVT: "Anh hùng Lực lượng vũ trang nhân dân",
    A.AH_LD: "Anh hùng Lao động",
    A.NGND: "Nhà giáo nhân dân",
    A.NGUT: "Nhà giáo ưu tú",
    A.TTND: "Thầy thuốc nhân dân",
    A.TTUT: "Thầy thuốc ưu tú",
    A.NSND: "Nghệ sĩ nhân dân",
    A.NSUT: "Nghệ sĩ ưu tú",
    A.NNND: "Nghệ nhân nhân dân",
    A.NNUT: "Nghệ nhân ưu tú",
    A.GT_HCM: "Giải thưởng Hồ Chí Minh",
    A.GT_NN: "Giải thưởng Nhà nước",
}

RATING_NAMES = {
    RatingLevel.HTXSNV: "hoàn thành xuất sắc nhiệm vụ",
    RatingLevel.HTTNV: "hoàn thành tốt nhiệm vụ",
    RatingLevel.HTNV: "hoàn thành nhiệm vụ",
    RatingLevel.KHTNV: "không hoàn thành nhiệm vụ",
}

SCOPE_NAMES = {
    InitiativeScope.CO_SO: "cơ sở",
    InitiativeScope.TINH: "cấp tỉnh",
    InitiativeScope.TOAN_QUOC: "toàn quốc",
}

DISCIPLINE_NAMES = {
    DisciplineLevel.KHIEN_TRACH: "khiển trách",
    DisciplineLevel.CANH_CAO: "cảnh cáo",
    DisciplineLevel.HA_BAC: "hạ bậc lương",
    DisciplineLevel.CACH_CHUC: "cách chức",
    DisciplineLevel.BUOC_THOI_VIEC: "buộc thôi việc",
}

BASIS_NAMES = {
    "merit": "công trạng",
    "thematic": "theo đợt, chuyên đề",
    "adhoc": "đột xuất",
    "dedication": "quá trình cống hiến",
    "seniority": "niên hạn",
    "foreign": "đối ngoại",
    "resistance": "kháng chiến",
}

POST_NAMES = {
    "bo_truong": "Bộ trưởng và tương đương",
    "thu_truong": "Thứ trưởng và tương đương",
    "tong_cuc_truong": "Tổng cục trưởng và tương đương",
    "pho_tong_cuc_truong": "Phó Tổng cục trưởng và tương đương",
    "vu_truong": "Vụ trưởng và tương đương",
    "pho_vu_truong": "Phó Vụ trưởng và tương đương",
}

KIND_NAMES = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}


def quoted(value: object) -> str:
    """A value shown inside a message: "FOO" (double quotes, as Vietnamese texts quote)."""
    return f'"{value}"'


def award_name(code: str) -> str:
    name = AWARD_NAMES.get(code)
    return f"{name} ({code})" if name else f"mã {quoted(code)}"


def short_award(code: str) -> str:
    return AWARD_NAMES.get(code, code)


def rating_text(level: str) -> str:
    name = RATING_NAMES.get(level)
    return f"{level} ({name})" if name else repr(level)


def vn_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "nay"


def years_text(years: Iterable[int]) -> str:
    return ", ".join(str(year) for year in years)


def number(value: float | Fraction) -> str:
    """12.5 → "12,5"; 10.0 → "10" (Vietnamese decimal comma)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def percent(part: int, whole: int) -> str:
    """Share with one decimal, Vietnamese style: 699/1000 → "69,9%".

    Truncated, never rounded up, so a share just under a threshold never prints as the threshold."""
    if whole <= 0:
        return "—"
    units, tenth = divmod(part * 1000 // whole, 10)
    return f"{units},{tenth}%" if tenth else f"{units}%"


@lru_cache(maxsize=64)
def ratio_percent(ratio: float) -> str:
    return f"{number(ratio * 100)}%"
