"""Criteria of titles and forms, one module per sub-domain, and the table that maps award codes to them.

Rules are functions `check_x(check: Check) -> None` that append findings; they never raise on odd
data (the history checks have already reported it)."""

from ..codes import AwardCode as A
from ..codes import Basis
from .collective import check_co_cp, check_co_tinh, check_ttldtt, check_ttldxs
from .dedication import check_dedication
from .forms import check_bk_tinh, check_bk_ttg, check_hcld3_merit
from .individual import check_cstd_cs, check_cstd_tinh, check_cstd_tq, check_ldtt

# Encoded criteria, by basis of the proposal then award code. Any other catalogue code goes to the
# council with "criteria_not_encoded".
RULES = {
    Basis.MERIT: {
        A.LDTT: check_ldtt,
        A.CSTT: check_ldtt,  # Luật Đ24.2: the same standard for the armed forces
        A.CSTD_CS: check_cstd_cs,
        A.CSTD_TINH: check_cstd_tinh,
        A.CSTD_TQ: check_cstd_tq,
        A.TTLDTT: check_ttldtt,
        A.DVTT: check_ttldtt,  # Luật Đ28: the armed forces' equivalent
        A.TTLDXS: check_ttldxs,
        A.DVQT: check_ttldxs,  # Luật Đ27: idem
        A.CO_TINH: check_co_tinh,
        A.CO_CP: check_co_cp,
        A.BK_TINH: check_bk_tinh,
        A.BK_TTG: check_bk_ttg,
        A.HCLD3: check_hcld3_merit,
    },
    Basis.DEDICATION: {
        A.HCLD1: check_dedication,
        A.HCLD2: check_dedication,
        A.HCLD3: check_dedication,
    },
}
