"""Nghị định 152/2025/NĐ-CP: in force 01/07/2025, sunset 01/03/2027 (Đ60.1) [V, read end to end]."""

import datetime as dt
from types import MappingProxyType

from .base import Ruleset

NAME = "Nghị định 152/2025/NĐ-CP"


def _cite(article: str) -> str:
    return f"{NAME}, {article}"


# Keys used by the rules; every rule set defines all of them.
CITATIONS = MappingProxyType({
    "transition": _cite("Điều 60 khoản 3"),  # dossiers lodged before 01/07/2025 stay under NĐ98
    "sunset": _cite("Điều 60 khoản 1"),
    "nonmerit": _cite("Điều 4 khoản 3"),  # ad-hoc and thematic results never ground merit awards
    "freeze": _cite("Điều 4 khoản 4"),
    "discipline_period": _cite("Điều 4 khoản 4"),  # second paragraph: count from the end of discipline
    "maternity": _cite("Điều 4 khoản 5"),
    "women_leaders": _cite("Điều 4 khoản 7"),
    "interval": _cite("Điều 33 khoản 7"),
    "vote": _cite("Điều 33 khoản 5"),
    "cluster_quota": _cite("Điều 7 khoản 1"),
    "dedication_HCLD1": _cite("Điều 19 khoản 1 điểm c"),
    "dedication_HCLD2": _cite("Điều 20 khoản 1 điểm b"),
    "dedication_HCLD3": _cite("Điều 21 khoản 1 điểm b"),
    "dedication_timing": _cite("Điều 9 khoản 2 điểm a"),
    "dedication_short_tenure": _cite("Điều 9 khoản 2 điểm b"),
    "dedication_discipline": _cite("Điều 9 khoản 3"),
    "dedication_posts": _cite("Điều 10"),
})

ND152 = Ruleset(
    key="ND152_2025",
    name=NAME,
    effective_from=dt.date(2025, 7, 1),
    effective_to=dt.date(2027, 2, 28),  # "hết hiệu lực từ ngày 01/3/2027"
    citations=CITATIONS,
    principles_verified=True,
    vote_thresholds=None,  # Đ33.5's national thresholds are Parameters.vote_thresholds; the rest provincial
    cluster_quota=True,
)
