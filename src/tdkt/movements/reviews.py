"""A movement's awards and reviews: the figures of its dossiers (proposed and awarded, by award and by level),
its award records (through the decisions of its dossiers' lines), and its reviews (sơ kết / tổng kết), each
an award round of its own (a call for dossiers tied to the movement) with its report and its decisions.

Everything is read from the data, never copied: the awards of a movement are the award records created by
signed decision lines whose nominations belong to the movement's dossiers (decisions.LineAwardRecord), so a
revoked award leaves the figures when it leaves the register. The decisions app sits beside this one, so
those links are followed by field name from the award record, not imported.

- `award_figures(dossiers)`: rows per award type and totals per level, 2 queries.
- `award_records(dossiers)`: the award records, with the id of the decision that made each, 1 query.
- `decisions_of(dossiers)`: the decisions (number, date, issuer, id, count of awards), 1 query.
- `open_review(movement, *, by, …)`: the review, its award round and its milestone, in one transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils.translation import gettext as _

from tdkt.audit.services import record_create
from tdkt.awards.enums import AwardLevel
from tdkt.awards.models import AwardRecord
from tdkt.dossiers.calls import create_call
from tdkt.dossiers.enums import LIVE_NOMINATION_STATES, DossierKind
from tdkt.dossiers.models import Nomination
from tdkt.movements.enums import ReviewKind
from tdkt.movements.models import Milestone, Movement, MovementReview

MAX_RECORDS = 500  # the page lists this many award records; the figures count them all
# Stored names of the rounds are data in the document language, whatever the interface language.
ROUND_NAME = {ReviewKind.MIDTERM: "Sơ kết phong trào", ReviewKind.FINAL: "Tổng kết phong trào"}


@dataclass
class AwardRow:
    award_type_id: int
    code: str
    name: str
    level: str
    proposed: int = 0
    awarded: int = 0

    @property
    def level_label(self) -> str:
        return str(AwardLevel(self.level).label) if self.level in AwardLevel.values else self.level


@dataclass
class AwardFigures:
    rows: list[AwardRow] = field(default_factory=list)
    by_level: dict[str, int] = field(default_factory=dict)  # awarded, per AwardLevel, in the enum's order

    @property
    def proposed(self) -> int:
        return sum(row.proposed for row in self.rows)

    @property
    def awarded(self) -> int:
        return sum(row.awarded for row in self.rows)

    def level_rows(self) -> list[tuple[str, int]]:
        return [(str(AwardLevel(level).label), n) for level, n in self.by_level.items()]


def _records_of(dossiers):
    return AwardRecord.objects.filter(decision_link__line__nomination__dossier__in=dossiers)


def award_figures(dossiers) -> AwardFigures:
    """Lines proposed (live lines) and awards recorded, per award type, and awards per level: 2 queries."""
    columns = ("award_type_id", "award_type__code", "award_type__name", "award_type__level", "award_type__sort_order")
    rows: dict[int, AwardRow] = {}
    order: dict[int, tuple] = {}

    def row(values) -> AwardRow:
        key = values["award_type_id"]
        if key not in rows:
            rows[key] = AwardRow(key, values["award_type__code"], values["award_type__name"],
                                 values["award_type__level"])
            order[key] = (values["award_type__sort_order"], values["award_type__code"])
        return rows[key]

    proposed = (Nomination.objects.filter(dossier__in=dossiers, state__in=LIVE_NOMINATION_STATES)
                .values(*columns).annotate(n=Count("id")).order_by())
    for values in proposed:
        row(values).proposed = values["n"]
    for values in _records_of(dossiers).values(*columns).annotate(n=Count("id")).order_by():
        row(values).awarded = values["n"]
    ordered = sorted(rows.values(), key=lambda item: order[item.award_type_id])
    by_level = {level: sum(item.awarded for item in ordered if item.level == level) for level in AwardLevel.values}
    return AwardFigures(rows=ordered, by_level=by_level)


def award_records(dossiers, limit: int = MAX_RECORDS) -> list[AwardRecord]:
    """The award records of the dossiers' lines (newest decision first), each with `decision_id`: 1 query."""
    return list(_records_of(dossiers).select_related("person", "unit", "household", "award_type")
                .annotate(decision_id=F("decision_link__line__decision_id"))
                .order_by("-decision_date", "award_type__sort_order", "id")[:limit])


@dataclass(frozen=True)
class DecisionRef:
    decision_id: int
    number: str
    date: datetime.date | None
    issuer: str
    awards: int


def decisions_of(dossiers) -> list[DecisionRef]:
    """The decisions that awarded lines of the dossiers, with their number of awards: 1 query."""
    rows = (_records_of(dossiers).values(decision_id=F("decision_link__line__decision_id"))
            .annotate(n=Count("id"), number=F("decision_number"), date=F("decision_date"),
                      issuer=F("decision_issuer"))
            .order_by("date", "decision_id"))
    # decision_number/date/issuer are the same on every record of one decision; grouping keeps one row each.
    merged: dict[int, DecisionRef] = {}
    for row in rows:
        known = merged.get(row["decision_id"])
        merged[row["decision_id"]] = DecisionRef(row["decision_id"], row["number"], row["date"], row["issuer"],
                                                 row["n"] + (known.awards if known else 0))
    return list(merged.values())


# --- opening a review --------------------------------------------------------------------------------------

def _check(movement: Movement, *, kind, held_on, cut_off, period_from, period_to) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in ReviewKind.values:
        errors["kind"] = [_("Choose a mid-term or a final review.")]
    if held_on < movement.start_date:
        errors["held_on"] = [_("The review date %(date)s is before the movement starts (%(start)s).") % {
            "date": held_on.strftime("%d/%m/%Y"), "start": movement.start_date.strftime("%d/%m/%Y")}]
    if period_from < movement.start_date:
        errors["period_from"] = [_("The period reviewed starts before the movement (%(start)s).") % {
            "start": movement.start_date.strftime("%d/%m/%Y")}]
    if period_to < period_from:
        errors["period_to"] = [_("The period reviewed ends before it starts.")]
    elif period_to > held_on:
        errors["period_to"] = [_("The period reviewed ends after the review date.")]
    if cut_off > held_on:
        errors["cut_off"] = [_("The dossiers' cut-off date is after the review date.")]
    if kind == ReviewKind.FINAL and MovementReview.objects.filter(movement=movement, kind=ReviewKind.FINAL).exists():
        errors["kind"] = [_("The movement already has its final review.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def open_review(movement: Movement, *, by, kind: str, held_on: datetime.date, cut_off: datetime.date,
                period_from: datetime.date | None = None, period_to: datetime.date | None = None,
                note: str = "") -> MovementReview:
    """A review of the movement: its award round (a call for dossiers of kind "movement review", tied to the
    movement, open until the cut-off), its milestone on the movement's calendar, and the review itself.
    The period reviewed defaults to the movement's start up to the review date."""
    period_from = period_from or movement.start_date
    period_to = period_to or min(held_on, movement.end_date or held_on)
    Movement.objects.select_for_update().filter(pk=movement.pk).first()  # one final review, even at once
    _check(movement, kind=kind, held_on=held_on, cut_off=cut_off, period_from=period_from, period_to=period_to)
    note = (note or "").strip()
    call = create_call(by=by, name=f"{ROUND_NAME[kind]} {movement.name}"[:255], year=held_on.year,
                       kind=DossierKind.MOVEMENT_REVIEW, cut_off=cut_off, note=note, movement=movement)
    milestone = Milestone.objects.create(movement=movement, kind=kind, on=held_on, note=note[:500])
    review = MovementReview.objects.create(movement=movement, kind=kind, held_on=held_on, period_from=period_from,
                                           period_to=period_to, call=call, milestone=milestone, note=note[:500],
                                           created_by=by)
    record_create(by, review)
    return review
