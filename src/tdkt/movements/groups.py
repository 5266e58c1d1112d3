"""Clusters and blocks over the years: yearly rotation of head and deputy, restructuring after unit
merges (the post-2025 communes), and a unit's history of groups, roles and ranks.

Rotation rule — unverified practice, law.md §5 [U]: "the deputy becomes next year's head". It is the
*default* offered here, never forced: the specialist may choose other units, with a reason that is logged.
"Next member in order" follows the order in which the members were entered for the year (membership id),
which rotation keeps when it copies a year, so the seat goes round the members one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.models import AwardType
from tdkt.movements.scoring.queries import unit_rank_history
from tdkt.orgs.enums import GroupRole
from tdkt.orgs.models import EmulationGroupMembership, EmulationGroupYear, Unit, UnitSuccession
from tdkt.orgs.services import add_group_member, create_group_year, lineage_ids


@dataclass
class Rotation:
    group_year: EmulationGroupYear
    head: object
    deputy: object
    overridden: bool
    reason: str = ""


def _ordered(group_year) -> list[EmulationGroupMembership]:
    return list(EmulationGroupMembership.objects.filter(group_year=group_year).select_related("unit").order_by("id"))


def default_rotation(group_year) -> tuple[object, object]:
    """(next head, next deputy) by the default rule; ValidationError when the year has no head or deputy."""
    return _default_from(group_year, _ordered(group_year))


def _default_from(group_year, members) -> tuple[object, object]:
    head = next((m for m in members if m.role == GroupRole.HEAD), None)
    deputy = next((m for m in members if m.role == GroupRole.DEPUTY), None)
    if head is None:
        raise ValidationError(_("%(group)s has no head unit in %(year)s: a group without a head cannot be rotated. "
                                "Set its head first.") % {"group": group_year.group, "year": group_year.year})
    if deputy is None:
        raise ValidationError(_("%(group)s has no deputy head unit in %(year)s: the default rotation (the deputy "
                                "becomes head) needs one. Set the deputy first.") % {
            "group": group_year.group, "year": group_year.year})
    active = [m for m in members if m.unit.dissolved_on is None]
    if deputy not in active:
        raise ValidationError(_("The deputy head unit “%(unit)s” has been dissolved: choose next year's head and "
                                "deputy yourself, with a reason.") % {"unit": deputy.unit})
    start = active.index(deputy)
    following = [m for m in active[start + 1:] + active[:start] if m is not deputy]
    if not following:
        raise ValidationError(_("%(group)s has only one active member: it cannot have a head and a deputy.") % {
            "group": group_year.group})
    return deputy.unit, following[0].unit


@transaction.atomic
def rotate_group_year(group_year, *, by, next_year: int, head=None, deputy=None, reason: str = "") -> Rotation:
    """Open `next_year` for the group with the same active members in the same order, the default head and
    deputy (or the chosen ones, with a reason). Refuses a source year without a head or a deputy."""
    reason = (reason or "").strip()
    if next_year <= group_year.year:
        raise ValidationError({"next_year": _("The next year must come after %(year)s.") % {"year": group_year.year}})
    default_head, default_deputy = default_rotation(group_year)
    head, deputy = head or default_head, deputy or default_deputy
    overridden = (head.pk, deputy.pk) != (default_head.pk, default_deputy.pk)
    if overridden and not reason:
        raise ValidationError({"reason": _(
            "The default is %(head)s as head and %(deputy)s as deputy; give the reason for choosing otherwise.") % {
            "head": default_head, "deputy": default_deputy}})
    if head.pk == deputy.pk:
        raise ValidationError({"deputy": _("The head and the deputy head must be different units.")})
    members = [m for m in _ordered(group_year) if m.unit.dissolved_on is None]
    member_ids = {m.unit_id for m in members}
    for unit, name in ((head, "head"), (deputy, "deputy")):
        if unit.pk not in member_ids:
            raise ValidationError({name: _("“%(unit)s” is not an active member of %(group)s.") % {
                "unit": unit, "group": group_year.group}})
    target = create_group_year(group_year.group, next_year, by=by, copy_from_previous=False)
    roles = {head.pk: GroupRole.HEAD, deputy.pk: GroupRole.DEPUTY}
    for membership in members:
        add_group_member(target, membership.unit, roles.get(membership.unit_id, GroupRole.MEMBER), by=by)
    if overridden:
        target.note = _("Head and deputy chosen otherwise than by rotation: %(reason)s") % {"reason": reason}
        target.save(update_fields=["note"])
    record(by, AuditAction.CREATE, target, changes={
        "rotation_from": group_year.year, "head": head.pk, "deputy": deputy.pk,
        "default_head": default_head.pk, "default_deputy": default_deputy.pk, "overridden": overridden,
        "reason": reason})
    return Rotation(target, head, deputy, overridden, reason)


@dataclass
class RotationChoice:
    """One line of the year's rotation screen: the group-year and, if the specialist changed them, the head and
    deputy with the reason (None: the default rule)."""

    group_year: EmulationGroupYear
    head: object = None
    deputy: object = None
    reason: str = ""


def year_rotation_rows(year: int) -> list[dict]:
    """Every group of `year` with its head, deputy, active members and default rotation (or why there is none),
    and whether the next year is already open. A fixed number of queries whatever the number of groups."""
    group_years = list(EmulationGroupYear.objects.filter(year=year).select_related("group")
                       .prefetch_related("memberships__unit").order_by("group__kind", "group__name"))
    opened = set(EmulationGroupYear.objects.filter(year=year + 1, group_id__in=[g.group_id for g in group_years])
                 .values_list("group_id", flat=True))
    rows = []
    for group_year in group_years:
        members = sorted(group_year.memberships.all(), key=lambda m: m.pk)
        try:
            default, problem = _default_from(group_year, members), ""
        except ValidationError as exc:
            default, problem = None, " ".join(exc.messages)
        rows.append({"group_year": group_year, "default": default, "problem": problem,
                     "opened": group_year.group_id in opened,
                     "units": sorted((m.unit for m in members if m.unit.dissolved_on is None), key=lambda u: u.name)})
    return rows


@transaction.atomic
def rotate_year(choices: list[RotationChoice], *, by, next_year: int) -> list[Rotation]:
    """Rotate every chosen group at once, all or nothing: a refusal of one group (no deputy, the next year
    already open, another head without a reason…) names the group and nothing is opened."""
    rotations, errors = [], []
    for choice in choices:
        group_year = choice.group_year
        try:
            with transaction.atomic():
                if EmulationGroupYear.objects.filter(group_id=group_year.group_id, year=next_year).exists():
                    raise ValidationError(_("%(year)s is already open for this group.") % {"year": next_year})
                rotations.append(rotate_group_year(group_year, by=by, next_year=next_year, head=choice.head,
                                                   deputy=choice.deputy, reason=choice.reason))
        except ValidationError as exc:
            errors.append(_("%(group)s: %(problem)s") % {"group": group_year.group.name,
                                                        "problem": " ".join(exc.messages)})
    if errors:
        raise ValidationError(errors)
    if not rotations:
        raise ValidationError(_("Choose at least one group to rotate."))
    return rotations


# --- restructuring after merges ---------------------------------------------------------------------------

@dataclass
class RestructureLine:
    predecessor: object
    successor: object | None
    outcome: str  # replaced | already_member | split | elsewhere


@dataclass
class RestructureReport:
    lines: list[RestructureLine] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(1 for line in self.lines if line.outcome in ("replaced", "already_member"))


def _final_successors(unit_id, successors: dict[int, list[int]], dissolved: set[int]) -> set[int]:
    """Active units that a dissolved unit ended up in, following chains of merges."""
    result, stack, seen = set(), [unit_id], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        nexts = successors.get(current, [])
        if current != unit_id and current not in dissolved:
            result.add(current)
        elif nexts:
            stack.extend(nexts)
    return result


@transaction.atomic
def restructure_after_merge(group_year, *, by) -> RestructureReport:
    """Replace dissolved member units by the unit they were merged into (UnitSuccession). The successor takes
    the predecessor's place and role (head or deputy) unless it holds a seat already. A unit split into
    several, or whose successor sits in another group of this kind this year, is left for a person to decide
    and reported."""
    report = RestructureReport()
    members = _ordered(group_year)
    gone = [m for m in members if m.unit.dissolved_on is not None]
    if not gone:
        return report
    successors: dict[int, list[int]] = {}
    for pred_id, succ_id in UnitSuccession.objects.values_list("predecessor_id", "successor_id"):
        successors.setdefault(pred_id, []).append(succ_id)
    dissolved = set(Unit.objects.filter(dissolved_on__isnull=False).values_list("id", flat=True))
    elsewhere = dict(EmulationGroupMembership.objects.filter(
        group_year__year=group_year.year, group_year__group__kind=group_year.group.kind).exclude(
        group_year=group_year).values_list("unit_id", "group_year__group__name"))
    current = {m.unit_id: m for m in members}
    units = Unit.objects.in_bulk({s for m in gone for s in _final_successors(m.unit_id, successors, dissolved)})
    for membership in gone:
        finals = _final_successors(membership.unit_id, successors, dissolved)
        if len(finals) != 1:
            report.lines.append(RestructureLine(membership.unit, None, "split"))
            continue
        successor = units[finals.pop()]
        if successor.pk in elsewhere:
            report.lines.append(RestructureLine(membership.unit, successor, "elsewhere"))
            continue
        role = membership.role
        membership.delete()
        existing = current.get(successor.pk)
        if existing is None:
            current[successor.pk] = EmulationGroupMembership.objects.create(group_year=group_year, unit=successor,
                                                                            role=role)
            report.lines.append(RestructureLine(membership.unit, successor, "replaced"))
        else:
            if role != GroupRole.MEMBER and existing.role == GroupRole.MEMBER:
                existing.role = role
                existing.save(update_fields=["role"])
            report.lines.append(RestructureLine(membership.unit, successor, "already_member"))
    record(by, AuditAction.UPDATE, group_year, changes={"restructured": [
        {"predecessor": line.predecessor.pk, "successor": line.successor.pk if line.successor else None,
         "outcome": line.outcome} for line in report.lines]})
    return report


# --- a unit's history -------------------------------------------------------------------------------------

@dataclass
class HistoryRow:
    year: int
    group_year: EmulationGroupYear
    unit: object  # the unit itself or the predecessor that held the seat
    role: str
    role_label: str
    rank: int | None = None  # published rank in the group (tdkt.movements.scoring), when there is one
    total: object = None
    awards: list = field(default_factory=list)  # names of the flags / certificates proposed from the ranking


def unit_group_history(unit) -> list[HistoryRow]:
    """The unit's (and its predecessors') groups per year, newest first, with published ranks and the awards
    proposed from them (when the scoring app has them): a fixed number of queries."""
    ids = lineage_ids(unit)
    memberships = list(EmulationGroupMembership.objects.filter(unit_id__in=ids)
                       .select_related("group_year__group", "unit").order_by("-group_year__year", "group_year__group__name"))
    ranks = unit_rank_history(list(ids))
    codes = {code for info in ranks.values() for code in info.get("awards", ())}
    names = {}
    if codes:
        names = dict(AwardType.objects.filter(code__in=codes).values_list("code", "name"))
    labels = dict(GroupRole.choices)
    rows = []
    for m in memberships:
        info = ranks.get((m.unit_id, m.group_year.year)) or {}
        rows.append(HistoryRow(m.group_year.year, m.group_year, m.unit, m.role, str(labels.get(m.role, m.role)),
                               rank=info.get("rank"), total=info.get("total"),
                               awards=[names.get(code, code) for code in info.get("awards", ())]))
    return rows
