"""Public posting before the council (công khai, NĐ152 Đ44.2): which lines a meeting may consider.

The postings app owns the notices; its comment_summary gives each line's notices with their dates, and
tdkt.council.rules.posting_check judges them against the meeting day."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.council.rules import ENDS_TOO_LATE, STILL_OPEN, PostingCheck, posting_check
from tdkt.dossiers.postings.queries import comment_summary


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def posting_refusals(nominations, *, meeting_date: datetime.date,
                     today: datetime.date | None = None) -> list[tuple[object, PostingCheck]]:
    """(line, check) for each line whose award requires public posting and that the meeting may not
    consider yet, in the given order. Lines need award_type loaded; the summary costs a fixed number of
    queries whatever the number of lines."""
    today = today or timezone.localdate()
    lines = [line for line in nominations if line.award_type.requires_public_posting]
    if not lines:
        return []
    summaries = comment_summary(lines)
    refusals = []
    for line in lines:
        check = posting_check(summaries[line.pk].notices, meeting_date=meeting_date, today=today)
        if not check.allowed:
            refusals.append((line, check))
    return refusals


def line_text(line, check: PostingCheck) -> str:
    values = {"name": line.recipient, "award": line.award_type.name,
              "date": _day(check.ends_on) if check.ends_on else ""}
    if check.refusal == ENDS_TOO_LATE:
        return _("%(name)s (%(award)s): comments on its public notice end on %(date)s, not before the "
                 "meeting") % values
    if check.refusal == STILL_OPEN:
        return _("%(name)s (%(award)s): its public notice takes comments until %(date)s") % values
    return _("%(name)s (%(award)s): no public notice has been published") % values


def agenda_refusal(refusals, meeting_date: datetime.date) -> str:
    """Why lines were left off the agenda (empty when none was)."""
    if not refusals:
        return ""
    return _("Left off the agenda of the meeting of %(date)s: public posting must end before the council "
             "meets (NĐ152 Đ44.2). %(lines)s.") % {
        "date": _day(meeting_date), "lines": "; ".join(line_text(line, check) for line, check in refusals)}


def ballot_refusal(refusals, meeting_date: datetime.date) -> str:
    return _("The ballot cannot open: public posting must end before the council meets on %(date)s "
             "(NĐ152 Đ44.2). %(lines)s. Rebuild the agenda.") % {
        "date": _day(meeting_date), "lines": "; ".join(line_text(line, check) for line, check in refusals)}
