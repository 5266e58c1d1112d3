"""The province's own regulation on emulation and commendation, and how findings cite it.

Several criteria are detailed by each province (Luật TĐKT 2022 leaves them to the Chairman of the
provincial People's Committee): a finding resting on one cites the national article it details and the
province's configured regulation — number, date, article — or says that none is configured. No
province's text is ever cited for another province: `REGULATIONS` is keyed by province and
`Parameters.regulation` carries only the deployment's own (None in the `check_eligibility` CLI).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

NOT_CONFIGURED = "quy định của tỉnh (chưa cấu hình)"
# Tail of a message resting on a parameter the province sets and nobody has confirmed yet.
PROVINCIAL_RULE = "theo quy định của tỉnh (chưa xác nhận)"

# Keys of the provincial articles the rules cite (a province maps each to its article).
TTLDXS = "ttldxs"
BK_TINH_COLLECTIVE = "bk_tinh_collective"
CO_TINH = "co_tinh"
PROVINCIAL_AWARDS = "provincial_awards"
KEYS = (TTLDXS, BK_TINH_COLLECTIVE, CO_TINH, PROVINCIAL_AWARDS)


@dataclass(frozen=True)
class Regulation:
    """`number` e.g. "Quyết định 18/2026/QĐ-UBND"; `articles` maps a key of KEYS to "Điều 3 khoản 2".
    `verified` False: the articles were not checked against the signed text (said in every citation)."""

    number: str
    issuer: str
    date: dt.date | None = None
    articles: Mapping[str, str] = field(default_factory=dict)
    verified: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "articles", MappingProxyType(dict(self.articles)))

    @property
    def title(self) -> str:
        dated = f" ngày {self.date.day}/{self.date.month}/{self.date.year}" if self.date else ""
        return f"{self.number}{dated} của {self.issuer}"

    def cite(self, key: str) -> str:
        article = self.articles.get(key)
        if article is None:
            return f"{self.title} (chưa xác định điều, khoản)"
        return f"{self.title}, {article}" + ("" if self.verified else " (chưa xác minh)")


def provincial_citation(national: str, regulation: Regulation | None, key: str) -> str:
    """The national article followed by the province's own regulation, or by "not configured"."""
    return f"{national}; {regulation.cite(key) if regulation else NOT_CONFIGURED}"


# Regulations known for a province, keyed by its short name (settings.PROVINCE_NAME).
REGULATIONS = {
    # Named by the province's 2026 plan (Kế hoạch thi đua, khen thưởng năm 2026); its article numbers
    # have not been read, so no article is configured and every citation says so.
    "Lào Cai": Regulation("Quyết định 18/2026/QĐ-UBND", "Ủy ban nhân dân tỉnh Lào Cai", dt.date(2026, 3, 30)),
    # Read by law.md (the source of the TTLĐXS and collective Bằng khen defaults) [V].
    "Bắc Ninh": Regulation("Quyết định 86/2025/QĐ-UBND", "Ủy ban nhân dân tỉnh Bắc Ninh", None,
                           {TTLDXS: "Điều 3 khoản 2", BK_TINH_COLLECTIVE: "Điều 3 khoản 3", CO_TINH: "Điều 3 khoản 1"},
                           verified=True),
}


def regulation_of(province: str) -> Regulation | None:
    return REGULATIONS.get(province)
