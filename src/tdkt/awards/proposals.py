"""“Can be proposed this year for…”: the engine run against every award that fits a recipient.

One call loads the recipient's history (fixed queries) and checks each active award type of the
catalogue that accepts this kind of recipient for a merit award.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tdkt.awards.models import AwardType
from tdkt.awards.provincial import province_parameters
from tdkt.awards.queries import load_histories
from tdkt.eligibility.codes import Basis, FindingCode, Recipient, Verdict
from tdkt.eligibility.engine import evaluate_many

# Eligible first, then what the council weighs, then what waits, then the refusals.
VERDICT_ORDER = {Verdict.ELIGIBLE: 0, Verdict.NEEDS_REVIEW: 1, Verdict.ON_HOLD: 2, Verdict.INELIGIBLE: 3}
_RECIPIENT_FILTER = {
    Recipient.INDIVIDUAL: {"for_individual": True},
    Recipient.COLLECTIVE: {"for_collective": True},
    Recipient.HOUSEHOLD: {"for_household": True},
}


@dataclass(frozen=True)
class Proposal:
    award_type: AwardType
    verdict: str
    findings: tuple  # engine Findings: code, passed, message, citation

    @property
    def failed(self):
        return [f for f in self.findings if not f.passed]

    @property
    def criteria_not_encoded(self) -> bool:
        """Only "criteria set by the province or ministry; council decides" stands against it."""
        return self.verdict == Verdict.NEEDS_REVIEW and all(
            f.code in (FindingCode.CRITERIA_NOT_ENCODED, FindingCode.RULESET_NOT_ENCODED) for f in self.failed
        )


def proposal_context(proposals: list[Proposal]) -> dict:
    """Template context: the awards the engine really checked, and those left wholly to the council."""
    return {
        "proposals": proposals,
        "proposals_checked": [p for p in proposals if not p.criteria_not_encoded],
        "proposals_council": [p for p in proposals if p.criteria_not_encoded],
    }


def proposable_awards(kind: str, recipient_id: int, *, year: int | None = None,
                      decision_date: datetime.date | None = None) -> list[Proposal]:
    decision_date = decision_date or timezone.localdate()
    year = year or decision_date.year
    types = [
        t for t in AwardType.objects.filter(active=True, **_RECIPIENT_FILTER[kind]).order_by("sort_order", "code")
        if Basis.MERIT in (t.bases or [])
    ]
    ids = {"person_ids": [recipient_id]} if kind == Recipient.INDIVIDUAL else (
        {"unit_ids": [recipient_id]} if kind == Recipient.COLLECTIVE else {"household_ids": [recipient_id]})
    history = load_histories(**ids, year=year, open_on=decision_date)[(str(kind), recipient_id)]
    candidates = [history.candidate(id=t.code, award=t.code, year=year) for t in types]
    results = evaluate_many(candidates, decision_date=decision_date, params=province_parameters())
    proposals = [Proposal(t, r.verdict, tuple(r.findings)) for t, r in zip(types, results, strict=True)]
    return sorted(proposals, key=lambda p: VERDICT_ORDER.get(p.verdict, 9))
