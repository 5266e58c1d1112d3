"""A unit's "Khen thưởng của đơn vị" workspace: for a unit with its own issuing authority, its rounds (the
dossiers sent to that authority, by state), its council and next meeting, its decisions (by state, with
their numbers) and its reward fund's balance, in a fixed number of queries (the unit, then seven) whatever their sizes.

Who sees it: the unit's own officers (and those of the units above it), the province's specialists and the
other read-all roles, read-only; for anyone else the unit does not exist (404)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone

from tdkt.accounts.enums import UNIT_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.council.models import Meeting
from tdkt.decisions.enums import FundEntryKind
from tdkt.decisions.models import Decision, RewardFund
from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Dossier
from tdkt.orgs.models import Council, Unit

RECENT = 20  # rounds and decisions listed; the counts by state cover all


@dataclass
class Workspace:
    unit: Unit
    authority: object
    rounds_by_state: list[tuple[str, int]] = field(default_factory=list)  # (state label, count)
    rounds: list = field(default_factory=list)
    council: Council | None = None
    next_meeting: Meeting | None = None
    decisions_by_state: list[tuple[str, int]] = field(default_factory=list)
    decisions: list = field(default_factory=list)
    fund: RewardFund | None = None
    read_only: bool = True

    @property
    def fund_balance(self) -> int | None:
        if self.fund is None:
            return None
        return (self.fund.receipts or 0) - (self.fund.spendings or 0)


def _labelled(rows, labels) -> list[tuple[str, int]]:
    counts = {row["state"]: row["n"] for row in rows}
    return [(str(label), counts[value]) for value, label in labels if counts.get(value)]


def unit_for_workspace(user, pk) -> Unit:
    """The unit with its issuing authority, if `user` may read it; else Http404 (one query)."""
    scope = get_scope(user)
    unit = Unit.objects.select_related("issuing_authority").filter(pk=pk).first()
    if unit is None or not scope.can_read_unit(unit.pk) or getattr(unit, "issuing_authority", None) is None:
        raise Http404
    return unit


def own_workspace_unit(user) -> Unit | None:
    """The unit whose workspace the menu opens for a unit officer: his own unit with an issuing authority,
    the first by name (one query); None when it has none."""
    scope = get_scope(user)
    if not scope.roles & UNIT_ROLES:
        return None
    return (Unit.objects.select_related("issuing_authority")
            .filter(pk__in=scope.home_unit_ids or scope.writable_unit_ids, issuing_authority__isnull=False)
            .order_by("name").first())


def workspace(user, unit: Unit) -> Workspace:
    authority = unit.issuing_authority
    scope = get_scope(user)
    result = Workspace(unit=unit, authority=authority,
                       read_only=not (scope.roles & UNIT_ROLES and scope.can_write_unit(unit.pk)))
    rounds = Dossier.objects.filter(receiving_authority=authority)
    result.rounds_by_state = _labelled(rounds.order_by().values("state").annotate(n=Count("id")),
                                       DossierState.choices)
    result.rounds = list(rounds.select_related("unit").annotate(line_count=Count("nominations"))
                         .order_by("-created_at", "-id")[:RECENT])
    result.council = Council.objects.filter(unit=unit).order_by("-term_start", "-id").first()
    if result.council is not None:
        result.next_meeting = (Meeting.objects.filter(council=result.council, date__gte=timezone.localdate())
                               .order_by("date", "number").first())
    decisions = Decision.objects.filter(authority=authority)
    result.decisions_by_state = _labelled(decisions.order_by().values("state").annotate(n=Count("id")),
                                          Decision._meta.get_field("state").choices)
    result.decisions = list(decisions.select_related("authority").annotate(line_count=Count("lines"))
                            .order_by("-year", "-number", "-id")[:RECENT])
    result.fund = (RewardFund.objects.filter(authority=authority).annotate(
        receipts=Sum("entries__amount", filter=Q(entries__kind=FundEntryKind.RECEIPT)),
        spendings=Sum("entries__amount", filter=Q(entries__kind=FundEntryKind.SPENDING))).first())
    return result
