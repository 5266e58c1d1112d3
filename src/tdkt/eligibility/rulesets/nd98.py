"""Nghị định 98/2023/NĐ-CP: details the Law from its entry into force (01/01/2024) until NĐ152
replaced it (30/06/2025 was its last day); dossiers lodged before 01/07/2025 keep it (NĐ152 Đ60.3).

Only a few of its articles were read (law.md: Đ30.7 votes [Q], Đ32–34 [Q]). Where NĐ152 has a
principle whose NĐ98 article was not read, the citation says so and the rule applies only while
Parameters.nd98_principles_as_nd152 is on (the default).
"""

import datetime as dt
from types import MappingProxyType

from ..codes import AwardCode as A
from .base import Ruleset
from .nd152 import CITATIONS as ND152_CITATIONS

NAME = "Nghị định 98/2023/NĐ-CP"

_READ = {
    "transition": ND152_CITATIONS["transition"],
    "sunset": ND152_CITATIONS["transition"],
    "vote": f"{NAME}, Điều 30 khoản 7",
}

CITATIONS = MappingProxyType({
    key: _READ.get(key, f"{NAME} (số điều chưa xác minh; nội dung như {citation})")
    for key, citation in ND152_CITATIONS.items()
})

# NĐ98 Đ30.7 [Q]: ≥90 % of all council members for Anh hùng, CSTĐ toàn quốc, CSTĐ bộ/tỉnh;
# ≥80 % for CSTĐ cơ sở, Cờ bộ/tỉnh and Cờ Chính phủ.
VOTE_THRESHOLDS = MappingProxyType({
    A.TINH_ANH_HUNG: 0.90, A.AH_LLVT: 0.90, A.AH_LD: 0.90, A.CSTD_TQ: 0.90, A.CSTD_TINH: 0.90,
    A.CSTD_CS: 0.80, A.CO_TINH: 0.80, A.CO_CP: 0.80,
})

ND98 = Ruleset(
    key="ND98_2023",
    name=NAME,
    effective_from=dt.date(2024, 1, 1),  # the Law it details is in force from 01/01/2024
    effective_to=dt.date(2025, 6, 30),
    citations=CITATIONS,
    principles_verified=False,
    vote_thresholds=VOTE_THRESHOLDS,
    cluster_quota=False,
)
