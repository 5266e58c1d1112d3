"""Quorum and vote thresholds: pure functions over numbers, so the rules are tested table by table.

Every figure comes from a CouncilRules row (named parameters) or the award catalogue; see
CouncilRules for the sources. Integer arithmetic only: "≥ 90 % of 20 members" is agree × 100 ≥ 90 × 20."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdkt.council.texts import percent_text
from tdkt.dossiers.postings.enums import PUBLIC_NOTICE_STATES, NoticeState


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


# Why a line cannot go to the council yet because of public posting (NĐ152 Đ44.2).
NOT_POSTED, STILL_OPEN, ENDS_TOO_LATE = "not_posted", "still_open", "ends_too_late"


@dataclass(frozen=True)
class PostingCheck:
    refusal: str  # "" when the line may be considered, else NOT_POSTED, STILL_OPEN or ENDS_TOO_LATE
    ends_on: datetime.date | None = None  # the end of the comment period that refuses the line

    @property
    def allowed(self) -> bool:
        return not self.refusal


def posting_check(notices, *, meeting_date: datetime.date, today: datetime.date) -> PostingCheck:
    """Whether a line whose award requires public posting may be considered at a meeting on `meeting_date`.

    NĐ152 Đ44.2 [V]: the list is published ≥ 10 working days before the council meets, and the public's
    feedback and its handling are reported to the council in writing — so every comment period of the line
    must be over before the meeting day. `notices`: [(title, published_on, ends_on, state)] as in postings'
    CommentSummary.notices; drafts do not count. The length of the period is the province's
    PostingPolicy.posting_working_days, applied when the notice is published (its ends_on)."""
    published = [(ends_on, state) for _title, _start, ends_on, state in notices
                 if state in PUBLIC_NOTICE_STATES and ends_on is not None]
    if not published:
        return PostingCheck(NOT_POSTED)
    latest = max(ends_on for ends_on, _state in published)
    if latest >= meeting_date:
        return PostingCheck(ENDS_TOO_LATE, latest)
    still_open = [ends_on for ends_on, state in published if state == NoticeState.PUBLISHED and ends_on >= today]
    if still_open:
        return PostingCheck(STILL_OPEN, max(still_open))
    return PostingCheck("")
