"""Who issues a report (báo cáo) drafted from the data, and how it is signed: the province's People's
Committee (its chairman's issuing authority) for the province's reports, else the unit — its own issuing
authority when it decides awards, or its name under its parent's. The work reports (tdkt.reports.work) and a
movement's review report (tdkt.movements.review_report) use it, each adding its own recipients."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from tdkt.lib import nd30
from tdkt.orgs.enums import AuthorityKind
from tdkt.orgs.models import IssuingAuthority


@dataclass(frozen=True)
class ReportIssuer:
    name: str
    parent: str | None
    place: str
    symbol: str  # the report's symbol in box 3 ("BC-UBND", "BC-SGDĐT", "BC")
    signature: tuple[str, ...]  # the lines above the signer ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")

    def heading(self, title: str, day) -> nd30.Heading:
        """The Decree-30 header block of a report with this issuer, numbered by the clerk (box 3 left blank)."""
        return nd30.Heading(issuer=self.name, parent=self.parent, place=self.place, date=day, number=None,
                            symbol=self.symbol, doc_type="BÁO CÁO", title=title)


def _report_symbol(decision_symbol: str) -> str:
    return decision_symbol.replace("QĐ-", "BC-", 1) if decision_symbol.startswith("QĐ-") else "BC"


def _signature(authority: IssuingAuthority) -> tuple[str, ...]:
    if authority.collective_body:
        return (f"TM. {authority.collective_body}", authority.head_title)
    return (authority.head_title,)


def report_issuer(unit=None) -> ReportIssuer:
    """The issuer of a report of `unit`, or of the province when `unit` is None (2 queries at most)."""
    place = settings.PROVINCE_NAME
    if unit is not None:
        authority = IssuingAuthority.objects.filter(unit=unit, active=True).order_by("pk").first()
        if authority is None:
            return ReportIssuer(name=unit.name, parent=unit.parent.name if unit.parent_id else None, place=place,
                                symbol="BC", signature=("THỦ TRƯỞNG ĐƠN VỊ",))
        return ReportIssuer(name=authority.name, parent=authority.parent_name or None,
                            place=authority.place or place, symbol=_report_symbol(authority.symbol),
                            signature=_signature(authority))
    authority = IssuingAuthority.objects.filter(kind=AuthorityKind.PROVINCE_CHAIR, active=True).order_by("pk").first()
    if authority is None:
        return ReportIssuer(name=f"Ủy ban nhân dân tỉnh {place}", parent=None, place=place, symbol="BC-UBND",
                            signature=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"))
    signature = _signature(authority) if authority.collective_body else ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    return ReportIssuer(name=authority.name, parent=authority.parent_name or None, place=authority.place or place,
                        symbol="BC-UBND", signature=signature)
