"""Decisions as a user may see them, with access checked in the same step as the fetch.

Province-wide readers see every decision; unit users see published decisions with lines of their
units, and only those lines (tdkt.decisions.rules) — and every decision, in every state and with every line,
of the authority of a unit they are an officer of (a unit's own decisions). The list runs a fixed number of
queries."""

from __future__ import annotations

import re

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.awards.enums import AwardLevel
from tdkt.decisions.enums import ISSUED_STATES, DecisionKind, DecisionState
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.models import Nomination
from tdkt.lib.vntext import fold
from tdkt.orgs.enums import GRASSROOTS_AUTHORITY_KINDS

# "123/QĐ-UBND", "123 / qd-ubnd", "123": a decision's number as typed, then optionally a slash and the symbol.
TYPED_NUMBER = re.compile(r"^(?P<number>\d{1,7})\s*(?:/\s*(?P<symbol>\S.*))?$")


def with_typed_number(decisions, text: str, limit: int) -> list[Decision] | None:
    """Of `decisions` (ordered), at most `limit` whose number is the one typed in `text` and, when a symbol is
    typed too, whose authority's symbol is that one, compared folded ("12/qd-ubnd" finds "12/QĐ-UBND", not
    "12/QĐ-SYT"; one query, the symbol checked on the few rows of that number). None when `text` is no number."""
    typed = TYPED_NUMBER.match(text)
    if typed is None:
        return None
    symbol = fold(typed["symbol"] or "").replace(" ", "")
    rows = decisions.filter(number=int(typed["number"])).select_related("authority")[:limit]
    return [decision for decision in rows if not symbol or fold(decision.authority.symbol).replace(" ", "") == symbol]


def revoked_subquery(outer_ref: str = "pk"):
    """Exists(...) to annotate a DecisionLine queryset: .annotate(revoked=revoked_subquery())."""
    return Exists(DecisionLine.objects.filter(amends_line_id=OuterRef(outer_ref), decision__kind=DecisionKind.REVOCATION,
                                              decision__state__in=ISSUED_STATES))


def _unit_lines(scope):
    return Q(owner_unit_id__in=scope.readable_unit_ids)


def _own_authority(scope, prefix=""):
    """A unit's own decisions: those of a grassroots authority of a unit the user is an officer of."""
    return Q(**{f"{prefix}authority__unit_id__in": scope.officer_unit_ids,
                f"{prefix}authority__kind__in": GRASSROOTS_AUTHORITY_KINDS})


def decisions_for_user(user, *, state: str | None = None, year: int | None = None, award_type_id=None):
    scope = get_scope(user)
    queryset = Decision.objects.select_related("authority", "award_type")
    if not scope.read_all:
        published_with_lines = Q(state=DecisionState.PUBLISHED) & Q(Exists(DecisionLine.objects.filter(
            _unit_lines(scope), decision_id=OuterRef("pk"))))
        queryset = queryset.filter(published_with_lines | _own_authority(scope))
    if state:
        queryset = queryset.filter(state=state)
    if year:
        queryset = queryset.filter(year=year)
    if award_type_id:
        queryset = queryset.filter(award_type_id=award_type_id)
    return queryset


def add_line_totals(user, decisions) -> list[Decision]:
    """Set line_count and total_amount (of the lines the user may see) on these decisions, in one query.

    Called on a page of decisions, never on the whole queryset: annotating the list's queryset made the database
    count and sum every line of every decision before taking the page (issue 23), work growing with history."""
    decisions = list(decisions)
    lines = DecisionLine.objects.filter(decision_id__in=[decision.pk for decision in decisions])
    scope = get_scope(user)
    if not scope.read_all:
        lines = lines.filter(_unit_lines(scope) | _own_authority(scope, "decision__"))
    totals = {row["decision_id"]: row for row in lines.order_by().values("decision_id").annotate(
        line_count=Count("id"), total_amount=Sum("amount"))}
    for decision in decisions:
        row = totals.get(decision.pk, {})
        decision.line_count = row.get("line_count", 0)
        decision.total_amount = row.get("total_amount")
    return decisions


def get_decision_for_user(user, pk) -> Decision:
    scope = get_scope(user)
    decision = Decision.objects.select_related(
        "authority", "award_type", "corrects__authority", "revokes__authority", "signer", "signed_by",
        "signer_post__authority").filter(
        pk=pk).first()
    if decision is None:
        raise Http404
    if scope.read_all or _owns(scope, decision):
        return decision
    if decision.state != DecisionState.PUBLISHED or not decision.lines.filter(_unit_lines(scope)).exists():
        raise Http404
    return decision


def _owns(scope, decision) -> bool:
    authority = decision.authority
    return bool(authority.unit_id) and authority.kind in GRASSROOTS_AUTHORITY_KINDS and (
        authority.unit_id in scope.officer_unit_ids)


def lines_for_user(user, decision):
    """The decision's lines the user may see, in annex order, with `revoked` annotated."""
    scope = get_scope(user)
    queryset = decision.lines.select_related("award_type", "amends_line__decision__authority").annotate(
        revoked=revoked_subquery()).order_by("group", "sort_order", "id")
    if not scope.read_all and not _owns(scope, decision):
        queryset = queryset.filter(_unit_lines(scope))
    return list(queryset)


def all_lines(decision):
    """Every line, for documents and payments (province-wide readers only reach these views)."""
    return list(decision.lines.select_related("award_type").order_by("kind", "group", "sort_order", "id"))


def draftable_nominations(user=None):
    """Council-approved nominations not yet on an award decision, for the drafting screen: a unit officer's
    are those of the rounds sent to its unit's authority; the province's those of dossiers to the province."""
    queryset = Nomination.objects.filter(state=NominationState.APPROVED)
    if user is not None:
        scope = get_scope(user)
        if scope.has_role(*PROVINCE_WIDE_ROLES):
            queryset = queryset.filter(dossier__receiving_authority__isnull=True)
        else:
            queryset = queryset.filter(dossier__receiving_authority__unit_id__in=scope.officer_unit_ids)
    return (queryset
            .exclude(award_type__level=AwardLevel.STATE)  # proposed upwards by a Tờ trình instead
            .exclude(decision_lines__decision__kind=DecisionKind.AWARD)
            .select_related("dossier__unit", "award_type", "person", "unit", "household")
            .order_by("award_type__sort_order", "dossier_id", "position", "id"))


def visible_lines(user):
    """The lines the user may see across decisions, as lines_for_user chooses them for one decision (for a
    Prefetch over a list of decisions), with `revoked` annotated, in annex order."""
    scope = get_scope(user)
    queryset = DecisionLine.objects.select_related("award_type").annotate(revoked=revoked_subquery()).order_by(
        "group", "sort_order", "id")
    if not scope.read_all:
        queryset = queryset.filter(_unit_lines(scope) | _own_authority(scope, "decision__"))
    return queryset
