"""Quorum and vote thresholds: pure functions over numbers, so the rules are tested table by table.

Every figure comes from a CouncilRules row (named parameters) or the award catalogue; see
CouncilRules for the sources. Integer arithmetic only: "≥ 90 % of 20 members" is agree × 100 ≥ 90 × 20."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdkt.council.texts import percent_text


def ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


@dataclass(frozen=True)
class Quorum:
    members_total: int
    present: int
    required: int
    rule: str  # which rule set `required`, for the message

    @property
    def reached(self) -> bool:
        return self.members_total > 0 and self.present >= self.required

    def refusal(self) -> str:
        return _("The quorum is not reached: %(present)d of %(total)d members are present, at least %(required)d "
                 "are needed (%(rule)s).") % {"present": self.present, "total": self.members_total,
                                               "required": self.required, "rule": self.rule}


def quorum(*, members_total: int, present: int, numerator: int, denominator: int,
           award_presence_percent: int | None, considers_awards: bool) -> Quorum:
    """Members needed present: the general quorum (e.g. 2/3), and for a session that considers awards
    the stricter presence rule if the province sets one (e.g. ≥ 80 %, Bắc Ninh QĐ 86/2025 Đ8)."""
    required = ceil_div(members_total * numerator, denominator)
    rule = _("%(num)d/%(den)d of all members") % {"num": numerator, "den": denominator}
    if considers_awards and award_presence_percent:
        by_percent = ceil_div(members_total * award_presence_percent, 100)
        if by_percent >= required:
            required = by_percent
            rule = _("%(percent)d%% of all members when considering awards") % {"percent": award_presence_percent}
    return Quorum(members_total, present, required, rule)


@dataclass(frozen=True)
class Threshold:
    percent: int | None  # None: more than half of all members
    basis: str

    def passes(self, agree: int, members_total: int) -> bool:
        if members_total <= 0:
            return False
        if self.percent is None:
            return agree * 2 > members_total
        return agree * 100 >= self.percent * members_total

    def label(self) -> str:
        if self.percent is None:
            return _("more than 50% of all members")
        return _("at least %(percent)d%% of all members") % {"percent": self.percent}


def threshold_for(award_type, *, default_percent: int | None) -> Threshold:
    """The catalogue's threshold for this award (NĐ152 Đ33.5: ≥ 90 % for CSTĐ toàn quốc and the Anh hùng
    titles, ≥ 80 % for Cờ thi đua của Chính phủ — seeded on those AwardType rows), else the council's
    default, else a majority of all members."""
    if award_type.vote_threshold_percent:
        basis = award_type.legal_basis.splitlines()[0][:200] if award_type.legal_basis else _("award catalogue")
        return Threshold(award_type.vote_threshold_percent, basis)
    if default_percent:
        return Threshold(default_percent, _("council rules"))
    return Threshold(None, _("council rules (majority)"))


def share_text(agree: int, members_total: int) -> str:
    return percent_text(agree, members_total)
