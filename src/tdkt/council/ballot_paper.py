"""The member's ballot paper before it is sealed: what each nominee row shows (position and unit, proposed
award, the appraisal's verdict, the consulted agencies' answers and the public posting), the choices read
back from the form, "agree to all" and the review step.

Nothing here is stored: between the form, the review and the final "send" the choices travel only in the
member's own form posts (hidden fields of the review page, served with no-store), and only
tdkt.council.services.ballots.cast_vote seals them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdkt.council.enums import Choice
from tdkt.council.papers import PaperLine, build_papers

FIELD = "item-%d"
# The buttons of the form and of the review page (name="action"); a post without one is a review.
AGREE_ALL, REVIEW, EDIT, SEND = "agree_all", "review", "edit", "send"


@dataclass
class BallotRow:
    line: PaperLine
    choice: str  # "" while undecided

    @property
    def item(self):
        return self.line.item

    @property
    def field(self) -> str:
        return FIELD % self.line.item.pk

    @property
    def choice_label(self) -> str:
        return Choice(self.choice).label if self.choice else ""


@dataclass
class BallotGroup:
    award_name: str
    rows: list[BallotRow]


def posted_choices(data, items) -> dict[int, str]:
    """The valid choices posted for the agenda's items (anything else is left undecided)."""
    choices = {}
    for item in items:
        value = data.get(FIELD % item.pk, "")
        if value in Choice.values:
            choices[item.pk] = value
    return choices


def agree_to_undecided(choices: dict[int, str], items) -> dict[int, str]:
    """"Đồng ý tất cả": every item still without a choice becomes agree; the choices made stay."""
    return {item.pk: choices.get(item.pk) or Choice.AGREE.value for item in items}


def ballot_groups(meeting, items, choices: dict[int, str]) -> list[BallotGroup]:
    """The rows of the paper grouped by award, in agenda order (the papers' fixed number of queries)."""
    papers = build_papers(meeting, items)
    return [BallotGroup(group.award_name, [BallotRow(line, choices.get(line.item.pk, "")) for line in group.lines])
            for group in papers.groups]


def undecided_message(groups: list[BallotGroup]) -> str:
    """The nominees still without a choice, named, or "" when every row has one."""
    names = [row.line.recipient for group in groups for row in group.rows if not row.choice]
    if not names:
        return ""
    return _("Choose agree, disagree or abstain for every nominee; still without a choice: %(names)s.") % {
        "names": "; ".join(names)}
