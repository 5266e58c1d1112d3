"""What the engine knows of the national catalogue: the codes, and who may receive each award.

The full catalogue (levels, deciders, coefficients) is data in tdkt.awards; the engine only needs
the recipient kinds to refuse a clear mismatch (a household proposed for "Chiến sĩ thi đua cơ sở").
"""

from .codes import AwardCode as A
from .codes import Recipient

INDIVIDUAL, COLLECTIVE, HOUSEHOLD = Recipient.INDIVIDUAL, Recipient.COLLECTIVE, Recipient.HOUSEHOLD
KINDS = frozenset(Recipient)
AWARD_CODES = frozenset(A)

_INDIVIDUAL = frozenset({INDIVIDUAL})
_COLLECTIVE = frozenset({COLLECTIVE})
_PERSON_OR_COLLECTIVE = frozenset({INDIVIDUAL, COLLECTIVE})
_ANY = frozenset({INDIVIDUAL, COLLECTIVE, HOUSEHOLD})

# Titles follow Luật Đ19–20; forms: Bằng khen and Giấy khen have household amounts (NĐ152 Đ54),
# orders a collective amount (Đ51), medals and commemorative medals individual amounts only.
RECIPIENTS: dict[str, frozenset[str]] = {
    A.LDTT: _INDIVIDUAL, A.CSTT: _INDIVIDUAL, A.CSTD_CS: _INDIVIDUAL, A.CSTD_TINH: _INDIVIDUAL,
    A.CSTD_TQ: _INDIVIDUAL,
    A.TTLDTT: _COLLECTIVE, A.DVTT: _COLLECTIVE, A.TTLDXS: _COLLECTIVE, A.DVQT: _COLLECTIVE, A.CO_TINH: _COLLECTIVE,
    A.CO_CP: _COLLECTIVE, A.XA_TIEU_BIEU: _COLLECTIVE, A.THON_VH: _COLLECTIVE, A.TINH_ANH_HUNG: _COLLECTIVE,
    A.GDVH: frozenset({HOUSEHOLD}),
    A.GK: _ANY, A.BK_TINH: _ANY, A.BK_TTG: _ANY,
    A.KNC_TINH: _INDIVIDUAL,
    A.HC_QKQT: _INDIVIDUAL, A.HC_VANTQ: _INDIVIDUAL, A.HC_CSVV: _INDIVIDUAL, A.HC_HN: _INDIVIDUAL,
    A.HC_TNXP: _INDIVIDUAL,
    A.BM_VNAH: _INDIVIDUAL, A.NGND: _INDIVIDUAL, A.NGUT: _INDIVIDUAL, A.TTND: _INDIVIDUAL, A.TTUT: _INDIVIDUAL,
    A.NSND: _INDIVIDUAL, A.NSUT: _INDIVIDUAL, A.NNND: _INDIVIDUAL, A.NNUT: _INDIVIDUAL,
}


def recipients(code: str) -> frozenset[str]:
    """Kinds that may receive `code`; orders, hero titles and prizes: individuals and collectives."""
    return RECIPIENTS.get(code, _PERSON_OR_COLLECTIVE)


# Titles that are one and the same for the "one achievement, one award" rule (Luật Đ24.2, Đ27, Đ28).
_SAME = ((A.LDTT, A.CSTT), (A.TTLDTT, A.DVTT), (A.TTLDXS, A.DVQT))
EQUIVALENT: dict[str, tuple[str, ...]] = {code: group for group in _SAME for code in group}


def equivalents(code: str) -> tuple[str, ...]:
    return EQUIVALENT.get(code, (code,))
