"""Prizes for high achievement in contests (thưởng thành tích cao tại các cuộc thi): cash paid from the
authority's reward fund with a decision, as lines of their own kind (LineKind.CONTEST_PRIZE).

Their amount is typed by the officer from the authority's own rules: law.md fixes no amount and no
coefficient for them, so nothing here computes one. They enter neither the award history nor the
certificate register; they are paid with their own fund entry (payments.post_payout) and listed in their
own group of the annex, headed by the contest (`annex_groups`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.decisions.enums import EDITABLE_STATES, DecisionKind, LineGroup, LineKind
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.people.models import Person

CONTEST_HEADING = "Thưởng thành tích cao tại cuộc thi {contest}"
MAX_PRIZE_VND = 10_000_000_000  # a typo guard (ten billion đồng), not a rule of law


def annex_groups(lines) -> list[tuple[str, list]]:
    """The contest prize lines of an annex, one group per contest in the order first met, headed
    "Thưởng thành tích cao tại cuộc thi …"; the annex lists them after the award groups. (The decision
    document, tdkt.decisions.documents, takes these groups when the decision carries contest prizes.)"""
    groups: dict[str, list] = {}
    for line in lines:
        if line.kind == LineKind.CONTEST_PRIZE:
            groups.setdefault(line.contest, []).append(line)
    return [(CONTEST_HEADING.format(contest=contest), members) for contest, members in groups.items()]


def _recipient(unit, full_name: str):
    """The person of `unit` named `full_name` (one, exactly), or the unit itself when no name is given."""
    full_name = " ".join(full_name.split())
    if not full_name:
        return {"unit": unit}, LineGroup.COLLECTIVE, unit.name
    people = list(Person.objects.select_related("unit").filter(unit=unit, full_name__iexact=full_name)[:2])
    if not people:
        raise ValidationError({"full_name": _("No person named “%(name)s” is registered in %(unit)s: add the "
                                              "person to the unit first.") % {"name": full_name, "unit": unit}})
    if len(people) > 1:
        raise ValidationError({"full_name": _("%(unit)s has more than one person named “%(name)s”; the prize "
                                              "cannot tell them apart.") % {"name": full_name, "unit": unit}})
    person = people[0]
    title = {"male": "Ông", "female": "Bà"}.get(person.gender, "")
    return {"person": person}, LineGroup.INDIVIDUAL, f"{title} {person.full_name}".strip()


@transaction.atomic
def add_contest_prize(decision: Decision, *, by, contest: str, unit, full_name: str = "", position_and_unit: str = "",
                      amount: int) -> DecisionLine:
    """A contest prize line on a draft award decision: the recipient (a person of the unit, or the unit), the
    contest and the amount the officer typed."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.state not in EDITABLE_STATES or locked.kind != DecisionKind.AWARD:
        raise ValidationError(_("A contest prize can be added only to a draft award decision."))
    contest = " ".join((contest or "").split())
    if not contest:
        raise ValidationError({"contest": _("Name the contest the prize is for.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Type the prize in đồng: a positive amount.")})
    if amount > MAX_PRIZE_VND:
        raise ValidationError({"amount": _("%(amount)s đồng is more than a prize can be; check the amount.") % {
            "amount": f"{amount:,}".replace(",", ".")}})
    recipient, group, name = _recipient(unit, full_name)
    last = locked.lines.aggregate(last=Max("sort_order"))["last"]
    line = DecisionLine.objects.create(
        decision=locked, kind=LineKind.CONTEST_PRIZE, contest=contest, group=group, award_type=locked.award_type,
        display_name=name, position_and_unit=position_and_unit.strip() or (unit.name if "person" in recipient else ""),
        owner_unit=unit, amount=amount, sort_order=(last or 0) + 1, **recipient)
    record(by, AuditAction.CREATE, line, changes={"contest": contest, "amount": amount, "recipient": name})
    return line
