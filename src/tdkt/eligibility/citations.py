"""Citations of the Law on Emulation and Commendation and of the guidance the rules rest on.

Decree articles that differ between legal regimes (NĐ98 / NĐ152) live in the rule sets
(rulesets/); the criteria of titles and forms are the Law's and the same under both.
"""

from .codes import AwardCode as A

LUAT = "Luật TĐKT 2022"

PRINCIPLES = f"{LUAT}, Điều 5"  # one achievement, one award ("thành tích đến đâu khen thưởng đến đó")
KINDS = f"{LUAT}, Điều 8"
FORMS = f"{LUAT}, Điều 9"
TITLES_RECIPIENTS = f"{LUAT}, Điều 19, Điều 20"
INITIATIVE_DEFINITION = f"{LUAT}, Điều 3 khoản 4"

CSTD_TQ_CHAIN = f"{LUAT}, Điều 21 khoản 1 điểm a"
CSTD_TQ_INITIATIVE = f"{LUAT}, Điều 21 khoản 1 điểm b"
CSTD_TINH_CHAIN = f"{LUAT}, Điều 22 khoản 1 điểm a"
CSTD_TINH_INITIATIVE = f"{LUAT}, Điều 22 khoản 1 điểm b"
CSTD_CS_LDTT = f"{LUAT}, Điều 23 khoản 1"
CSTD_CS_BASIS = f"{LUAT}, Điều 23 khoản 2"
LDTT_RATING = f"{LUAT}, Điều 24 khoản 1 điểm a"
CSTT_RATING = f"{LUAT}, Điều 24 khoản 2"
CO_CP = f"{LUAT}, Điều 25 khoản 1"
CO_TINH = f"{LUAT}, Điều 26"
TTLDXS = f"{LUAT}, Điều 27"
TTLDTT = f"{LUAT}, Điều 28 khoản 1"
HCLD3_MERIT = f"{LUAT}, Điều 44 khoản 1 điểm e"
BK_TTG = f"{LUAT}, Điều 73 khoản 1 điểm b"
BK_TTG_OTHER = f"{LUAT}, Điều 73 khoản 1"
BK_TINH_D = f"{LUAT}, Điều 74 khoản 1 điểm d"
BK_TINH_ABC = f"{LUAT}, Điều 74 khoản 1 điểm a, b, c"

# National articles whose criteria the province details: rules cite them with Check.provincial(), which
# adds the province's own regulation (regulations.py) or "quy định của tỉnh (chưa cấu hình)".
BK_TINH_COLLECTIVE = f"{LUAT}, Điều 74"

# One initiative supports one award (title ↔ form), and the BNV reading of Đ74.1.d.
INITIATIVE_ONCE = "Công văn 5007/BNV-TĐKT ngày 05/09/2023, mục III.5.c; Công văn 3385/BTĐKT-P.II ngày 20/11/2023"
# Reuse between two titles is not settled (law.md §1.1): CV 5007 only forbids title ↔ form.
INITIATIVE_REUSE_TITLES = "Công văn 5007/BNV-TĐKT ngày 05/09/2023, mục III.5.c (chỉ quy định giữa danh hiệu và hình thức)"

# Where the detailed criteria of an award are set (for awards the engine leaves to the council).
CRITERIA_SOURCES = {
    A.CO_TINH: CO_TINH,
    A.CO_CP: CO_CP,
    A.XA_TIEU_BIEU: f"{LUAT}, Điều 29 khoản 1; Nghị định 152/2025/NĐ-CP, Điều 8; Nghị định 86/2023/NĐ-CP",
    A.THON_VH: f"{LUAT}, Điều 20; Nghị định 86/2023/NĐ-CP",
    A.GDVH: f"{LUAT}, Điều 20 khoản 2; Nghị định 86/2023/NĐ-CP",
    A.GK: f"{LUAT}, Điều 75",
    A.KNC_TINH: f"{LUAT}, Điều 71",
    A.BK_TINH: f"{LUAT}, Điều 74",
    A.BK_TTG: f"{LUAT}, Điều 73",
    A.HC_TNXP: f"{LUAT}, Điều 96",
    A.HC_CSVV: f"{LUAT}, Điều 57 khoản 1",
    A.GT_HCM: f"{LUAT}, Điều 66–70",
    A.GT_NN: f"{LUAT}, Điều 66–70",
}
ORDERS_CRITERIA = f"{LUAT}, Điều 34–53"
HONOURS_CRITERIA = f"{LUAT}, Điều 59"


def criteria_source(code: str) -> str:
    if code in CRITERIA_SOURCES:
        return CRITERIA_SOURCES[code]
    if code.startswith("HC"):
        return ORDERS_CRITERIA
    if code in {A.TINH_ANH_HUNG, A.BM_VNAH, A.AH_LLVT, A.AH_LD, A.NGND, A.NGUT, A.TTND, A.TTUT, A.NSND, A.NSUT,
                A.NNND, A.NNUT}:
        return HONOURS_CRITERIA
    return FORMS
