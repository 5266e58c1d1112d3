"""Reads of the scoring app: access-checked fetches, totals in bulk (one aggregate query for any number of
groups), the ranking, a unit's sheet, the head's side-by-side panel, the province overview and the
per-unit history used by the movements app."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, DecimalField, F, Q, Sum
from django.http import Http404
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tdkt.lib import charts
from tdkt.movements.scoring import rules
from tdkt.movements.scoring.enums import CRITERION_RULE_PREFIX, Aggregation, CriterionKind, RoundKind, RoundState
from tdkt.movements.scoring.models import (
    Criterion,
    LeaderProposal,
    RankingResult,
    ScoreAdjustment,
    ScoreSheet,
    ScoringRound,
    ScoringTemplate,
    SelfScore,
)
from tdkt.movements.scoring.ranking import Ranked, UnitTotals, aggregate, rank_units
from tdkt.movements.scoring.sheets import format_points
from tdkt.orgs.models import EmulationGroupMembership, EmulationGroupYear

ZERO = Decimal(0)
TWO_PLACES = Decimal("0.01")


def _rounds():
    return ScoringRound.objects.select_related("group_year__group", "template").prefetch_related(
        "group_year__memberships__unit")


def get_round_for_user(user, pk) -> ScoringRound:
    scoring_round = _rounds().filter(pk=pk).first()
    if scoring_round is None or not rules.can_read_group(user, scoring_round.group_year):
        raise Http404
    return scoring_round


def get_group_year_for_user(user, pk) -> EmulationGroupYear:
    group_year = EmulationGroupYear.objects.select_related("group").prefetch_related("memberships__unit").filter(
        pk=pk).first()
    if group_year is None or not rules.can_read_group(user, group_year):
        raise Http404
    return group_year


def get_template_for_user(user, pk) -> ScoringTemplate:
    template = ScoringTemplate.objects.select_related("group_year__group").prefetch_related(
        "group_year__memberships").filter(pk=pk).first()
    if template is None or not rules.can_read_group(user, template.group_year):
        raise Http404
    return template


def get_adjustment_for_user(user, pk) -> ScoreAdjustment:
    adjustment = ScoreAdjustment.objects.select_related(
        "score__sheet__unit", "score__sheet__round__group_year", "score__criterion").filter(pk=pk).first()
    if adjustment is None or not rules.can_read_sheet(user, adjustment.score.sheet.round,
                                                      adjustment.score.sheet.unit_id):
        raise Http404
    return adjustment


def get_score_for_user(user, pk) -> SelfScore:
    score = SelfScore.objects.select_related("sheet__round__group_year", "criterion").filter(pk=pk).first()
    if score is None or not rules.can_read_sheet(user, score.sheet.round, score.sheet.unit_id):
        raise Http404
    return score


def members(group_year) -> list:
    """Member units of a group-year (prefetched memberships), head first, then deputy, then by name."""
    order = {"head": 0, "deputy": 1}
    return sorted(group_year.memberships.all(), key=lambda m: (order.get(m.role, 2), m.unit.name))


# --- totals and ranking -------------------------------------------------------------------------------------

def _q2(value) -> Decimal:
    return Decimal(value or 0).quantize(TWO_PLACES)


def load_totals(rounds: list[ScoringRound], among=None) -> dict[int, list[UnitTotals]]:
    """Round id -> one UnitTotals per member unit that takes part (a member marked absent is left out). Only
    submitted sheets count: a draft's points are never summed (a unit with a draft shows 0). Three queries
    for any number of rounds, one more when some group takes the median (memberships are
    prefetched with the rounds).

    among: a queryset selecting exactly these rounds (e.g. a year's), to filter by a subquery instead of a list
    of their ids — a page showing every round of the year sends no id list that grows with the province."""
    round_ids = among.values("pk") if among is not None else [r.pk for r in rounds]
    decimal = DecimalField(max_digits=14, decimal_places=4)
    counted = SelfScore.objects.filter(sheet__round_id__in=round_ids, points__isnull=False,
                                       sheet__submitted_at__isnull=False, sheet__absent_at__isnull=True)
    sums = (counted.values("sheet__round_id", "sheet__unit_id")
            .annotate(total=Sum(F("points") * F("criterion__weight"), output_field=decimal),
                      bonus=Sum("points", filter=Q(criterion__kind=CriterionKind.BONUS)),
                      penalty=Sum("points", filter=Q(criterion__kind=CriterionKind.PENALTY)),
                      count=Count("id")))
    totals = {(row["sheet__round_id"], row["sheet__unit_id"]): row for row in sums}
    # The mean comes from the sums; only the median needs each weighted point.
    other = [r.pk for r in rounds if r.template.aggregation == Aggregation.MEDIAN]
    weighted: dict[tuple, list] = defaultdict(list)
    if other:
        for round_id, unit_id, points, weight in counted.filter(sheet__round_id__in=other).values_list(
                "sheet__round_id", "sheet__unit_id", "points", "criterion__weight"):
            weighted[(round_id, unit_id)].append(points * weight)
    sheets = {(r, u): (at, absent) for r, u, at, absent in ScoreSheet.objects.filter(round_id__in=round_ids)
              .values_list("round_id", "unit_id", "submitted_at", "absent_at")}
    codes_by_template = {r.template_id: [rule[len(CRITERION_RULE_PREFIX):] for rule in r.template.tie_breaks
                                         if rule.startswith(CRITERION_RULE_PREFIX)] for r in rounds}
    wanted = {code for codes in codes_by_template.values() for code in codes}
    by_criterion: dict[tuple, dict] = defaultdict(dict)
    if wanted:
        for round_id, unit_id, code, points in (counted.filter(criterion__code__in=wanted)
                .values_list("sheet__round_id", "sheet__unit_id", "criterion__code", "points")):
            by_criterion[(round_id, unit_id)][code] = points or ZERO
    result = {}
    for scoring_round in rounds:
        rows = []
        method = scoring_round.template.aggregation
        for membership in scoring_round.group_year.memberships.all():
            key = (scoring_round.pk, membership.unit_id)
            submitted_at, absent_at = sheets.get(key, (None, None))
            if absent_at is not None:
                continue
            row = totals.get(key, {})
            if method == Aggregation.MEDIAN:
                total = aggregate(weighted.get(key, []), method)
            elif method == Aggregation.MEAN and row.get("count"):
                total = Decimal(row["total"]) / row["count"]
            else:
                total = row.get("total")
            rows.append(UnitTotals(unit_id=membership.unit_id, name=membership.unit.name, total=_q2(total),
                                   bonus=_q2(row.get("bonus")), penalty=-_q2(row.get("penalty")),
                                   submitted_at=submitted_at, by_criterion=by_criterion.get(key, {})))
        result[scoring_round.pk] = rows
    return result


@dataclass
class Completeness:
    """Members that keep a round from being published: no submitted sheet, or a submitted sheet not reviewed."""

    unsubmitted: list = field(default_factory=list)  # unit names
    unreviewed: list = field(default_factory=list)
    absent: list = field(default_factory=list)  # (unit name, reason): left out, not blocking
    members: int = 0

    @property
    def complete(self) -> bool:
        return not self.unsubmitted and not self.unreviewed

    def message(self) -> str:
        parts = []
        if self.unsubmitted:
            parts.append(_("not submitted: %(units)s") % {"units": ", ".join(self.unsubmitted)})
        if self.unreviewed:
            parts.append(_("submitted but not reviewed: %(units)s") % {"units": ", ".join(self.unreviewed)})
        return _("The ranking counts every member's sheet, submitted and reviewed, or the member marked absent "
                 "by the standing body; %(count)s of %(members)s are missing (%(parts)s).") % {
            "count": len(self.unsubmitted) + len(self.unreviewed), "parts": "; ".join(parts),
            "members": self.members}


def completeness_of(rounds: list[ScoringRound]) -> dict[int, Completeness]:
    """Round id -> which members are not ready for the ranking. One query for any number of rounds
    (memberships prefetched with the rounds)."""
    # Plain values, no model per sheet: the publication gate runs for every group of the year (bench_ranking).
    sheets = {(round_id, unit_id): rest for round_id, unit_id, *rest in ScoreSheet.objects.filter(
        round__in=[r.pk for r in rounds]).values_list("round_id", "unit_id", "submitted_at", "reviewed_at",
                                                      "absent_at", "absent_reason")}
    result = {}
    for scoring_round in rounds:
        state = result[scoring_round.pk] = Completeness()
        for membership in members(scoring_round.group_year):
            submitted_at, reviewed_at, absent_at, absent_reason = sheets.get(
                (scoring_round.pk, membership.unit_id), (None, None, None, ""))
            state.members += 1
            name = membership.unit.name
            if absent_at is not None:
                state.absent.append((name, absent_reason))
            elif submitted_at is None:
                state.unsubmitted.append(name)
            elif reviewed_at is None:
                state.unreviewed.append(name)
    return result


def completeness(scoring_round: ScoringRound) -> Completeness:
    return completeness_of([scoring_round])[scoring_round.pk]


def require_complete(scoring_round: ScoringRound) -> None:
    """Refuse the ranking's publication (or proposals) while a member's sheet is missing, naming the units."""
    state = completeness(scoring_round)
    if not state.complete:
        raise ValidationError(state.message())


def compute_ranking(scoring_round: ScoringRound) -> list[Ranked]:
    """The round's ranking now, with the template's tie-break rules (stored results are not read)."""
    rows = load_totals([scoring_round])[scoring_round.pk]
    return rank_units(rows, scoring_round.template.tie_breaks)


def store_ranking(scoring_round, ranked: list[Ranked], *, published: bool) -> list[RankingResult]:
    RankingResult.objects.filter(round=scoring_round).delete()
    return RankingResult.objects.bulk_create([
        RankingResult(round=scoring_round, unit_id=r.unit_id, total=r.total, bonus=r.bonus, penalty=r.penalty,
                      rank=r.rank, tie_unresolved=r.tie_unresolved, published=published) for r in ranked])


def _stored(results) -> list[Ranked]:
    return [Ranked(r.unit_id, r.unit.name, r.total, r.bonus, r.penalty, r.rank, r.tie_unresolved) for r in results]


def leaderboards(rounds: list[ScoringRound], among=None) -> dict[int, list[Ranked]]:
    """Round id -> ranking: frozen results for published rounds, computed now for the others. A fixed
    number of queries for any number of groups. among: a queryset of exactly these rounds (load_totals)."""
    published = [r for r in rounds if r.state == RoundState.PUBLISHED]
    live = [r for r in rounds if r.state != RoundState.PUBLISHED]
    boards: dict[int, list[Ranked]] = {}
    if published:
        frozen = defaultdict(list)
        chosen = among.filter(state=RoundState.PUBLISHED).values("pk") if among is not None else published
        for result in RankingResult.objects.filter(round__in=chosen).select_related("unit").order_by("rank"):
            frozen[result.round_id].append(result)
        boards.update({r.pk: _stored(frozen[r.pk]) for r in published})
    if live:
        totals = load_totals(live, among.exclude(state=RoundState.PUBLISHED) if among is not None else None)
        boards.update({r.pk: rank_units(totals[r.pk], r.template.tie_breaks) for r in live})
    return boards


def rounds_of_year_query(year: int, kind: str | None = None):
    """The rounds of the year (of one kind when given), as a queryset: a subquery for the pages over all of them."""
    queryset = ScoringRound.objects.filter(group_year__year=year)
    return queryset.filter(kind=kind) if kind else queryset


def rounds_of_year(year: int, kind: str | None = None) -> list[ScoringRound]:
    """Every round of the year with its members' units joined to the memberships: prefetched apart, the units
    of 30 groups of 20 came by an IN list of 600 ids that cost more to build than to run (bench_ranking). The
    memberships come in one query filtered by the year through a join, not by a list of the group years' ids."""
    rounds = list(rounds_of_year_query(year, kind).select_related("group_year__group", "template")
                  .order_by("group_year__group__kind", "group_year__group__name", "kind"))
    attach_memberships([r.group_year for r in rounds], year)
    return rounds


def _cached(queryset, rows: list):
    """A related manager's queryset holding rows already fetched: what prefetch_related leaves in its cache."""
    queryset._result_cache = rows
    queryset._prefetch_done = True
    return queryset


def attach_memberships(group_years, year: int, *, with_units: bool = True) -> None:
    """Fill each group year's `memberships.all()` with one query over the year (a join, no list of ids), as
    prefetch_related would (Django's own prefetch cache), so the rules read them without a query each."""
    queryset = EmulationGroupMembership.objects.filter(group_year__year=year).order_by("pk")
    if with_units:
        queryset = queryset.select_related("unit")
    by_group_year = defaultdict(list)
    for membership in queryset:
        by_group_year[membership.group_year_id].append(membership)
    for group_year in group_years:
        cache = group_year.__dict__.setdefault("_prefetched_objects_cache", {})
        cache["memberships"] = _cached(group_year.memberships.all(), by_group_year[group_year.pk])


def bar_chart(ranked: list[Ranked]) -> SafeString:
    """The leaderboard's bar chart of totals: server-rendered SVG (tdkt.lib.charts), the leader highlighted."""
    svg = charts.hbar_chart([f"{r.rank}. {r.name}" for r in ranked], [r.total for r in ranked],
                            title=_("Totals by unit"), label_width=230, css="bars",
                            value_labels=[format_points(r.total) for r in ranked],
                            highlight=[r.rank == 1 for r in ranked])
    return mark_safe(svg)  # noqa: S308 - tdkt.lib.charts escapes every label and title it writes


# --- sheets and the review panel ----------------------------------------------------------------------------

@dataclass
class SheetLine:
    criterion: Criterion
    depth: int
    is_heading: bool
    score: SelfScore | None = None
    adjustments: list = field(default_factory=list)
    subtotal_max: Decimal = ZERO


def criteria_tree(template_id) -> list[tuple[Criterion, int, bool]]:
    """(criterion, depth, is heading) in reading order, from one query."""
    criteria = list(Criterion.objects.filter(template_id=template_id).order_by("order", "id"))
    children = defaultdict(list)
    for criterion in criteria:
        children[criterion.parent_id].append(criterion)
    ordered = []

    def walk(parent_id, depth):
        for criterion in children.get(parent_id, []):
            ordered.append((criterion, depth, bool(children.get(criterion.pk))))
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return ordered


def sheet_lines(scoring_round: ScoringRound, unit_id: int) -> tuple[ScoreSheet | None, list[SheetLine]]:
    """A unit's sheet: the criteria tree with the unit's scores and their adjustments. Four queries."""
    sheet = ScoreSheet.objects.filter(round=scoring_round, unit_id=unit_id).first()
    scores = {}
    adjustments = defaultdict(list)
    if sheet is not None:
        scores = {s.criterion_id: s for s in sheet.scores.all()}
        for adjustment in ScoreAdjustment.objects.filter(score__sheet=sheet).select_related("by").order_by("at"):
            adjustments[adjustment.score_id].append(adjustment)
    lines = []
    for criterion, depth, heading in criteria_tree(scoring_round.template_id):
        score = scores.get(criterion.pk)
        lines.append(SheetLine(criterion, depth, heading, score, adjustments.get(score.pk, []) if score else []))
    return sheet, lines


def sheet_total(lines: list[SheetLine]) -> Decimal:
    return _q2(sum((line.score.points or ZERO) * line.criterion.weight for line in lines
                   if line.score is not None and line.score.points is not None))


def maximum_total(lines: list[SheetLine]) -> Decimal:
    return _q2(sum(line.criterion.max_points * line.criterion.weight for line in lines
                   if not line.is_heading and line.criterion.kind == CriterionKind.NORMAL))


def review_matrix(scoring_round: ScoringRound):
    """Criteria × member units with the points of each (the head's panel). Three queries."""
    units = [m.unit for m in members(scoring_round.group_year)]
    points = {}
    for score in SelfScore.objects.filter(sheet__round=scoring_round).select_related("sheet").only(
            "id", "points", "self_points", "evidence", "criterion_id", "sheet__unit_id"):
        points[(score.criterion_id, score.sheet.unit_id)] = score
    rows = []
    for criterion, depth, heading in criteria_tree(scoring_round.template_id):
        rows.append({"criterion": criterion, "depth": depth, "heading": heading,
                     "cells": [points.get((criterion.pk, unit.pk)) for unit in units]})
    return units, rows


# --- province-wide -------------------------------------------------------------------------------------------

def unit_rank_history(unit_ids) -> dict[tuple[int, int], dict]:
    """(unit id, year) -> the unit's group, published rank and proposals of that year (year-end round when
    published, else the mid-year one). Two queries for any number of units."""
    results = (RankingResult.objects.filter(unit_id__in=list(unit_ids), published=True)
               .select_related("round__group_year__group").order_by("round__group_year__year", "round__kind"))
    history: dict[tuple[int, int], dict] = {}
    for result in results:
        year = result.round.group_year.year
        key = (result.unit_id, year)
        if key in history and history[key]["round_kind"] == RoundKind.YEAR_END:
            continue
        history[key] = {"group": result.round.group_year.group.name, "group_year_id": result.round.group_year_id,
                        "round_id": result.round_id, "round_kind": result.round.kind, "rank": result.rank,
                        "total": result.total, "awards": []}
    for unit_id, year, code in (LeaderProposal.objects.filter(unit_id__in=list(unit_ids))
                                .values_list("unit_id", "year", "award_type__code")):
        history.setdefault((unit_id, year), {"group": "", "group_year_id": None, "round_id": None,
                                             "round_kind": "", "rank": None, "total": None, "awards": []})
        history[(unit_id, year)]["awards"].append(code)
    return history
