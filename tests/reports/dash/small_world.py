"""A small world with exact figures for the dashboards (statistical year 2025 = 01/12/2024–30/11/2025)."""

import datetime

from django.utils import timezone

from tdkt.awards.enums import AwardBasis
from tdkt.dossiers.enums import DossierState, EventKind
from tdkt.dossiers.models import Dossier, DossierEvent
from tdkt.movements.scoring.enums import RoundKind
from tdkt.movements.scoring.models import Criterion, ScoreSheet, ScoringRound, ScoringTemplate, SelfScore
from tdkt.people.models import Person
from tdkt.reports.models import EquityTarget
from tests.factories import make_award, make_group_year

YEAR = 2025
D = datetime.date


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def make_dossier(unit, state, changes, *, due=None):
    """A dossier opened on the first change's day, with its state changes (to_state, day) in order."""
    dossier = Dossier.objects.create(unit=unit, title=f"Hồ sơ {unit.code}", state=state, step_due_on=due)
    Dossier.objects.filter(pk=dossier.pk).update(created_at=at(changes[0][1]))
    previous = DossierState.DRAFT
    for to_state, day in changes:
        event = DossierEvent.objects.create(dossier=dossier, from_state=previous, to_state=to_state,
                                            kind=EventKind.STATE)
        DossierEvent.objects.filter(pk=event.pk).update(at=at(day))
        previous = to_state
    return dossier


def build(world):
    Person.objects.filter(pk=world.person_a_child.pk).update(gender="female")
    Person.objects.filter(pk=world.person_b.pk).update(statistical_group="direct_worker")
    world.unit_b.is_remote = True
    world.unit_b.save(update_fields=["is_remote"])
    make_award(person=world.person_a, code="BK_TINH", year=2025, decision_date=D(2025, 3, 1),
               person_group="direct_worker")
    make_award(person=world.person_a_child, code="LDTT", year=2025, decision_date=D(2024, 12, 15),
               basis=AwardBasis.ADHOC)
    make_award(person=world.person_b, code="CSTD_CS", year=2025, decision_date=D(2025, 6, 1))
    make_award(unit=world.unit_b, code="CO_TINH", year=2025, decision_date=D(2025, 11, 30))
    make_award(person=world.person_a, code="LDTT", year=2024, decision_date=D(2024, 11, 30))  # year 2024
    make_award(person=world.person_b, code="BK_TTG", year=2025, decision_date=D(2025, 12, 1))  # year 2026
    make_award(person=world.person_b, code="GK", year=2025)  # no decision date: in no period
    EquityTarget.objects.create(measure="women", percent=40, from_year=2020)
    EquityTarget.objects.create(measure="women", percent=45, from_year=2026)
    EquityTarget.objects.create(measure="direct_worker", percent=60, from_year=2025)
    make_dossier(world.unit_a, DossierState.IN_APPRAISAL, [
        (DossierState.SUBMITTED, D(2025, 3, 2)), (DossierState.RECEIVED, D(2025, 3, 4)),
        (DossierState.IN_APPRAISAL, D(2025, 3, 5))], due=D(2025, 4, 1))
    make_dossier(world.unit_b, DossierState.RECEIVED, [
        (DossierState.SUBMITTED, D(2025, 3, 3)), (DossierState.RECEIVED, D(2025, 3, 10))])
    group_year = make_group_year("Cụm thi đua số 1", year=2025, head=world.unit_a, members=[world.unit_b])
    template = ScoringTemplate.objects.create(group_year=group_year, title="Bảng tiêu chí 2025")
    criterion = Criterion.objects.create(template=template, code="1", title="Tiêu chí 1", max_points=100)
    year_end = ScoringRound.objects.create(group_year=group_year, template=template, kind=RoundKind.YEAR_END)
    mid_year = ScoringRound.objects.create(group_year=group_year, template=template, kind=RoundKind.MID_YEAR)
    for scoring_round, unit, points in ((year_end, world.unit_a, 80), (year_end, world.unit_b, 90),
                                        (mid_year, world.unit_a, 50)):
        sheet = ScoreSheet.objects.create(round=scoring_round, unit=unit)
        SelfScore.objects.create(sheet=sheet, criterion=criterion, points=points)
    return group_year
