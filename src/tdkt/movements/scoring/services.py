"""Templates, criteria and rounds: set-up by the standing body, state changes of a round.

Every function checks its source state, writes conditionally where two clicks may race, and leaves a
history row and an audit row in the same transaction; a round's transitions are declared in
tdkt.movements.scoring.transitions (ROUND_MACHINE) and made by its `perform`. Scores live in `sheets`,
proposals in `proposals`."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.movements.scoring import rules
from tdkt.movements.scoring.enums import (
    DEFAULT_TIE_BREAKS,
    Aggregation,
    CriterionKind,
    RoundKind,
    RoundState,
)
from tdkt.movements.scoring.models import Criterion, RankingResult, ScoringRound, ScoringTemplate
from tdkt.movements.scoring.queries import compute_ranking, require_complete, store_ranking
from tdkt.movements.scoring.ranking import rule_is_valid
from tdkt.movements.scoring.sheets import format_points
from tdkt.movements.scoring.transitions import ROUND_MACHINE, transition_to
from tdkt.orgs.models import EmulationGroupYear
from tdkt.workflow.primitive import write_history


def _require_manager(by) -> None:
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only the province's standing body sets up scoring templates and rounds."))


def _require_head(group_year) -> None:
    if rules.head_unit_id(group_year) is None:
        raise ValidationError(_("“%(group)s” has no head unit: appoint the head before scoring.")
                              % {"group": group_year})


def parse_points(value, *, field_label: str) -> Decimal | None:
    """Points typed by a person: "7", "7,5", "-2" (comma or dot); blank means not scored."""
    text = str(value if value is not None else "").strip().replace(",", ".").replace("−", "-")
    if text == "":
        return None
    try:
        points = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(_("%(field)s: “%(value)s” is not a number.") % {"field": field_label,
                                                                             "value": value}) from exc
    if not points.is_finite() or points.as_tuple().exponent < -2:
        raise ValidationError(_("%(field)s: at most two decimals (e.g. 7,25).") % {"field": field_label})
    return points


def clean_tie_breaks(values) -> list[str]:
    rules_list = [str(value).strip() for value in values if str(value).strip()]
    bad = [value for value in rules_list if not rule_is_valid(value)]
    if bad:
        raise ValidationError({"tie_breaks": _("Unknown tie-break rule: %(rules)s.") % {"rules": ", ".join(bad)}})
    return rules_list


# --- templates ----------------------------------------------------------------------------------------------

@transaction.atomic
def create_template(group_year: EmulationGroupYear, *, by, title: str, tie_breaks=None, flag_quota: int = 1,
                    merit_count: int = 2, copied_from=None, aggregation: str = Aggregation.SUM) -> ScoringTemplate:
    _require_manager(by)
    _require_head(group_year)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the template a title.")})
    if aggregation not in Aggregation.values:
        raise ValidationError({"aggregation": _("Choose how the points are aggregated.")})
    if ScoringTemplate.objects.filter(group_year=group_year).exists():
        raise ValidationError(_("“%(group)s” already has a scoring template: one template per group and year.")
                              % {"group": group_year})
    try:
        with transaction.atomic():
            template = ScoringTemplate.objects.create(
                group_year=group_year, title=title, flag_quota=flag_quota, merit_count=merit_count,
                aggregation=aggregation,
                tie_breaks=clean_tie_breaks(tie_breaks) if tie_breaks is not None else list(DEFAULT_TIE_BREAKS),
                copied_from=copied_from, created_by=by)
    except IntegrityError as exc:  # a second click raced the first
        raise ValidationError(_("“%(group)s” already has a scoring template: one template per group and year.")
                              % {"group": group_year}) from exc
    record(by, AuditAction.CREATE, template, changes={"group_year": group_year.pk, "copied_from":
                                                      copied_from.pk if copied_from else None})
    return template


@transaction.atomic
def copy_template_from_last_year(group_year: EmulationGroupYear, *, by) -> ScoringTemplate:
    """The same group's template of the previous year, criteria tree included, as this year's template."""
    previous = (ScoringTemplate.objects.filter(group_year__group_id=group_year.group_id,
                                               group_year__year=group_year.year - 1).first())
    if previous is None:
        raise ValidationError(_("“%(group)s” had no scoring template in %(year)s to copy.")
                              % {"group": group_year.group, "year": group_year.year - 1})
    template = create_template(group_year, by=by, title=previous.title.replace(str(previous.group_year.year),
                                                                               str(group_year.year)),
                               tie_breaks=previous.tie_breaks, flag_quota=previous.flag_quota,
                               merit_count=previous.merit_count, copied_from=previous,
                               aggregation=previous.aggregation)
    old_criteria = list(previous.criteria.order_by("parent_id", "order", "id"))
    new_by_old: dict[int, Criterion] = {}
    pending = old_criteria
    while pending:  # parents before children, whatever the ids
        rest = []
        for old in pending:
            if old.parent_id is not None and old.parent_id not in new_by_old:
                rest.append(old)
                continue
            new_by_old[old.pk] = Criterion.objects.create(
                template=template, parent=new_by_old.get(old.parent_id), code=old.code, title=old.title,
                max_points=old.max_points, kind=old.kind, evidence_required=old.evidence_required,
                weight=old.weight, order=old.order)
        if len(rest) == len(pending):
            break
        pending = rest
    return template


def _template_editable(template: ScoringTemplate) -> None:
    if template.rounds.filter(state=RoundState.PUBLISHED).exists():
        raise ValidationError(_("A round of this template is published: its criteria can no longer change."))


def _clean_criterion(template, *, parent, code, title, max_points, kind, weight, instance=None) -> dict:
    errors = {}
    code = (code or "").strip()
    title = (title or "").strip()
    if not code:
        errors["code"] = _("Give the criterion a code (e.g. 1.2.a).")
    elif Criterion.objects.filter(template=template, code=code).exclude(pk=getattr(instance, "pk", None)).exists():
        errors["code"] = _("Code %(code)s is already used in this template.") % {"code": code}
    if not title:
        errors["title"] = _("Give the criterion a title.")
    if kind not in CriterionKind.values:
        errors["kind"] = _("Choose the kind of criterion.")
    if max_points is None or Decimal(max_points) < 0:
        errors["max_points"] = _("The maximum points must be zero or more.")
    if weight is None or Decimal(weight) <= 0:
        errors["weight"] = _("The weight must be greater than zero.")
    if parent is not None and parent.template_id != template.pk:
        errors["parent"] = _("The parent criterion belongs to another template.")
    if parent is not None and instance is not None:
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == instance.pk:
                errors["parent"] = _("A criterion cannot sit under itself.")
                break
            ancestor = ancestor.parent
    if errors:
        raise ValidationError(errors)
    return {"code": code, "title": title}


@transaction.atomic
def add_criterion(template, *, by, code, title, max_points, kind=CriterionKind.NORMAL, parent=None,
                  evidence_required=False, weight=Decimal(1), order=None) -> Criterion:
    _require_manager(by)
    _template_editable(template)
    cleaned = _clean_criterion(template, parent=parent, code=code, title=title, max_points=max_points, kind=kind,
                               weight=weight)
    if parent is not None and parent.scores.exists():
        raise ValidationError({"parent": _("Criterion %(code)s already holds scores: it cannot become a heading.")
                                         % {"code": parent.code}})
    if order is None:
        order = (template.criteria.order_by("-order").values_list("order", flat=True).first() or 0) + 10
    criterion = Criterion.objects.create(template=template, parent=parent, max_points=max_points, kind=kind,
                                         evidence_required=evidence_required, weight=weight, order=order, **cleaned)
    record(by, AuditAction.CREATE, criterion, changes={"template": template.pk, "max_points": str(max_points)})
    return criterion


def _check_scores_still_fit(criterion, max_points: Decimal, kind: str) -> None:
    """Units' scores already typed must stay valid: no kind change, no maximum below a score."""
    bounds = criterion.scores.aggregate(low=Min("points"), high=Max("points"))
    if bounds["low"] is None and bounds["high"] is None:
        return
    if kind != criterion.kind:
        raise ValidationError({"kind": _("Criterion %(code)s already holds units' scores: its kind cannot change.")
                                       % {"code": criterion.code}})
    largest = max(abs(bounds["low"] or 0), abs(bounds["high"] or 0))
    if largest > max_points:
        raise ValidationError({"max_points": _("A unit already has %(points)s points on criterion %(code)s: the "
                                               "maximum cannot go below that.") % {
            "points": format_points(largest), "code": criterion.code}})


@transaction.atomic
def update_criterion(criterion, *, by, **data) -> Criterion:
    _require_manager(by)
    _template_editable(criterion.template)
    values = {f: data.get(f, getattr(criterion, f)) for f in
              ("parent", "code", "title", "max_points", "kind", "evidence_required", "weight", "order")}
    cleaned = _clean_criterion(criterion.template, parent=values["parent"], code=values["code"],
                               title=values["title"], max_points=values["max_points"], kind=values["kind"],
                               weight=values["weight"], instance=criterion)
    values.update(cleaned)
    _check_scores_still_fit(criterion, Decimal(values["max_points"]), values["kind"])
    before = {f: str(getattr(criterion, f)) for f in values}
    for field, value in values.items():
        setattr(criterion, field, value)
    criterion.save()
    record(by, AuditAction.UPDATE, criterion, changes={f: [before[f], str(getattr(criterion, f))] for f in values
                                                       if before[f] != str(getattr(criterion, f))})
    return criterion


@transaction.atomic
def delete_criterion(criterion, *, by) -> None:
    _require_manager(by)
    _template_editable(criterion.template)
    if criterion.scores.exists() or criterion.children.filter(scores__isnull=False).exists():
        raise ValidationError(_("Criterion %(code)s already holds units' scores: it cannot be deleted.")
                              % {"code": criterion.code})
    record(by, AuditAction.DELETE, criterion)
    criterion.delete()


# --- rounds -------------------------------------------------------------------------------------------------

@transaction.atomic
def open_round(template: ScoringTemplate, *, by, kind: str, self_scoring_due=None, review_due=None) -> ScoringRound:
    _require_manager(by)
    group_year = template.group_year
    _require_head(group_year)
    if kind not in RoundKind.values:
        raise ValidationError({"kind": _("Choose mid-year or year-end.")})
    if not template.criteria.exists():
        raise ValidationError(_("The template has no criteria yet: add them before opening a round."))
    if self_scoring_due and review_due and review_due < self_scoring_due:
        raise ValidationError({"review_due": _("The review deadline comes before the self-scoring deadline.")})
    if ScoringRound.objects.filter(group_year=group_year, kind=kind).exists():
        raise ValidationError({"kind": _("“%(group)s” already has a %(round)s round.") % {
            "group": group_year, "round": RoundKind(kind).label.lower()}})
    scoring_round = ScoringRound.objects.create(group_year=group_year, template=template, kind=kind,
                                                self_scoring_due=self_scoring_due, review_due=review_due)
    write_history(ROUND_MACHINE, scoring_round, by=by, from_state="", to_state=RoundState.OPEN)
    record(by, AuditAction.CREATE, scoring_round, changes={"kind": kind})
    return scoring_round


@transaction.atomic
def change_round_state(scoring_round: ScoringRound, to_state: str, *, by, reason: str = "") -> ScoringRound:
    """Open ⇄ under review; publishing goes through publish_round (it freezes the ranking)."""
    if not rules.can_move_round(by, scoring_round.group_year):
        raise PermissionDenied(_("Only the group's head or the standing body moves the round."))
    from_state = scoring_round.state
    if to_state == RoundState.PUBLISHED:
        return publish_round(scoring_round, by=by)
    if from_state == RoundState.PUBLISHED and to_state == RoundState.UNDER_REVIEW:
        return reopen_ranking(scoring_round, by=by, reason=reason)
    item = transition_to(scoring_round, to_state)
    if item is None:
        raise ValidationError(_("The round is “%(state)s”: it cannot move to “%(to)s”.") % {
            "state": RoundState(from_state).label, "to": RoundState(to_state).label})
    return ROUND_MACHINE.perform(scoring_round, item.name, by=by, reason=reason)


@ROUND_MACHINE.implements("close_self_scoring")
def _close_self_scoring(scoring_round: ScoringRound, *, by, reason: str = "") -> ScoringRound:
    return change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=by, reason=reason)


@ROUND_MACHINE.implements("reopen")
def _reopen(scoring_round: ScoringRound, *, by, reason: str = "") -> ScoringRound:
    return change_round_state(scoring_round, RoundState.OPEN, by=by, reason=reason)


@transaction.atomic
def publish_round(scoring_round: ScoringRound, *, by) -> ScoringRound:
    """Under review → published: the ranking is computed once more, stored and locked with the scores."""
    if not rules.can_move_round(by, scoring_round.group_year):
        raise PermissionDenied(_("Only the group's head or the standing body moves the round."))
    if scoring_round.state != RoundState.UNDER_REVIEW:
        raise ValidationError(_("The round is “%(state)s”: close self-scoring (under review) before publishing.")
                              % {"state": RoundState(scoring_round.state).label})
    require_complete(scoring_round)
    ranked = compute_ranking(scoring_round)
    ROUND_MACHINE.perform(scoring_round, "publish", by=by, published_at=timezone.now(), published_by=by,
                          extra={"ranking": [[r.unit_id, str(r.total), r.rank] for r in ranked]})
    store_ranking(scoring_round, ranked, published=True)
    return scoring_round


@ROUND_MACHINE.implements("publish")
def _publish(scoring_round: ScoringRound, *, by, reason: str = "") -> ScoringRound:
    return publish_round(scoring_round, by=by)


@ROUND_MACHINE.implements("reopen_ranking")
@transaction.atomic
def reopen_ranking(scoring_round: ScoringRound, *, by, reason: str = "") -> ScoringRound:
    """Published → under review, only with a reason and before the proposals are sent. The published ranking
    is kept in the history row (extra), as the publication's row keeps it; the results are unfrozen."""
    if not rules.can_move_round(by, scoring_round.group_year):
        raise PermissionDenied(_("Only the group's head or the standing body moves the round."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for reopening the published ranking: the history "
                                           "keeps it.")})
    if scoring_round.proposed_at is not None:
        raise ValidationError(_("The proposals of this round were already sent: the ranking can no longer be "
                                "reopened."))
    frozen = [[unit_id, str(total), rank] for unit_id, total, rank in RankingResult.objects.filter(
        round=scoring_round).order_by("rank").values_list("unit_id", "total", "rank")]
    ROUND_MACHINE.perform(scoring_round, "reopen_ranking", by=by, reason=reason, published_at=None,
                          published_by=None, extra={"published_ranking": frozen})
    RankingResult.objects.filter(round=scoring_round).update(published=False)
    return scoring_round
