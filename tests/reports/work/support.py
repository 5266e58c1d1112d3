"""A small province with exact figures for the year-end report 2026 (01/12/2025–30/11/2026; the same period a
year earlier 01/12/2024–30/11/2025), on the `world` fixture's units and people.

Expected (province / unit_a = Sở Y tế with its hospital):
- awards: 4 in the period (state 1, province 2, grassroots 1; individuals 3, collective 1) / 3;
  direct workers 2, women 2, minorities 2, hard areas 1, ad hoc 1 / 2, 1, 1, 0, 1; previous period 1 / 0;
- movements launched 2 (province 1, unit 1), reviewed midterm 2, final 1 / launched 1, none reviewed;
- dossiers received 3, returned 1, decided 2 (on time 1, late 1) / received 2, returned 0, decided 1 (on time 1);
- plan tasks due 4, done 2 (1 after its due date), overdue 2 (as of 03/12/2026) / due 2, done 1, overdue 1."""

import datetime

from django.utils import timezone

from tdkt.dossiers.enums import DossierState, EventKind
from tdkt.dossiers.models import Dossier, DossierEvent
from tdkt.movements.enums import MilestoneKind, MovementKind, MovementLevel
from tdkt.movements.models import Milestone, Movement
from tdkt.people.enums import Gender, PersonGroup
from tdkt.plans.enums import Resolution, TaskState, UnitRole
from tdkt.plans.models import Plan, PlanTask, PlanTaskUnit
from tests.factories import make_award

YEAR = 2026
TODAY = datetime.date(2026, 12, 3)
D = datetime.date


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def build(world) -> None:
    _people(world)
    _awards(world)
    _movements(world)
    _dossiers(world)
    _tasks(world)


def _people(world) -> None:
    world.person_a.gender, world.person_a.ethnicity = Gender.MALE, "Kinh"
    world.person_a.save()
    world.person_a_child.gender, world.person_a_child.ethnicity = Gender.FEMALE, "Tày"
    world.person_a_child.statistical_group = PersonGroup.DIRECT_WORKER  # the person's confirmed group
    world.person_a_child.save()
    world.person_b.gender = Gender.FEMALE  # H'Mông
    world.person_b.save()
    world.unit_b.is_remote = True
    world.unit_b.save()


def _awards(world) -> None:
    make_award(person=world.person_a, code="BK_TINH", year=2026, decision_date=D(2026, 3, 10), basis="merit",
               person_group=PersonGroup.DIRECT_WORKER)  # frozen on the record
    make_award(person=world.person_a_child, code="CSTD_CS", year=2026, decision_date=D(2025, 12, 1), basis="adhoc")
    make_award(person=world.person_b, code="BK_TTG", year=2026, decision_date=D(2026, 11, 30), basis="merit")
    make_award(unit=world.unit_a, code="TTLDXS", year=2026, decision_date=D(2026, 6, 1), basis="merit")
    # outside: the next statistical year, the previous one, no decision date
    make_award(person=world.person_a, code="BK_TINH", year=2027, decision_date=D(2026, 12, 1), basis="merit")
    make_award(person=world.person_b, code="BK_TINH", year=2025, decision_date=D(2025, 6, 1), basis="merit")
    make_award(person=world.person_a, code="LDTT", year=2020)


def _movements(world) -> None:
    Movement.objects.all().delete()  # the national movements seeded by migration: not the scenario's
    by_unit = Movement.objects.create(name="Phong trào thi đua của Sở Y tế", level=MovementLevel.UNIT,
                                      launching_unit=world.unit_a, kind=MovementKind.REGULAR,
                                      start_date=D(2026, 1, 15))
    provincial = Movement.objects.create(name="Phong trào chuyển đổi số", level=MovementLevel.PROVINCE,
                                         kind=MovementKind.THEMATIC, start_date=D(2026, 3, 1))
    older = Movement.objects.create(name="Phong trào xây dựng nông thôn mới", level=MovementLevel.PROVINCE,
                                    kind=MovementKind.THEMATIC, start_date=D(2025, 6, 1), end_date=D(2026, 11, 30))
    Movement.objects.create(name="Phong trào năm sau", level=MovementLevel.PROVINCE, kind=MovementKind.REGULAR,
                            start_date=D(2026, 12, 1))
    Milestone.objects.create(movement=older, kind=MilestoneKind.MIDTERM_REVIEW, on=D(2026, 6, 15))
    Milestone.objects.create(movement=older, kind=MilestoneKind.FINAL_REVIEW, on=D(2026, 11, 20))
    Milestone.objects.create(movement=provincial, kind=MilestoneKind.MIDTERM_REVIEW, on=D(2026, 8, 1))
    Milestone.objects.create(movement=provincial, kind=MilestoneKind.MIDTERM_REVIEW, on=D(2026, 9, 1))  # same one
    Milestone.objects.create(movement=by_unit, kind=MilestoneKind.LAUNCH, on=D(2026, 1, 15))


def _dossier(unit, steps) -> Dossier:
    """A dossier with its state changes (state entered, date), written directly."""
    dossier = Dossier.objects.create(unit=unit, title="Hồ sơ đề nghị khen thưởng", state=steps[-1][0])
    previous = ""
    for state, day in steps:
        event = DossierEvent.objects.create(dossier=dossier, kind=EventKind.STATE, from_state=previous, to_state=state)
        DossierEvent.objects.filter(pk=event.pk).update(at=at(day))
        previous = state
    return dossier


def _dossiers(world) -> None:
    s = DossierState
    # on time: every step of the standing body within its limit (receipt 3, assignment 2, appraisal 20 working days)
    _dossier(world.unit_a, [(s.SUBMITTED, D(2026, 3, 2)), (s.RECEIVED, D(2026, 3, 3)), (s.IN_APPRAISAL, D(2026, 3, 4)),
                            (s.DECIDED, D(2026, 3, 10))])
    # late: received 13 working days after it was sent; the unit's month to complete does not count
    _dossier(world.unit_b, [(s.SUBMITTED, D(2026, 4, 1)), (s.RECEIVED, D(2026, 4, 20)), (s.RETURNED, D(2026, 4, 21)),
                            (s.SUBMITTED, D(2026, 5, 20)), (s.RECEIVED, D(2026, 5, 21)),
                            (s.IN_APPRAISAL, D(2026, 5, 22)), (s.DECIDED, D(2026, 6, 1))])
    _dossier(world.unit_a_child, [(s.SUBMITTED, D(2026, 11, 25)), (s.RECEIVED, D(2026, 11, 26))])
    _dossier(world.unit_a, [(s.SUBMITTED, D(2026, 11, 2)), (s.RECEIVED, D(2026, 12, 1)),
                            (s.DECIDED, D(2026, 12, 10))])  # after the period (received and decided)


def _task(plan, due, state, lead, completed=None, order=0):
    task = PlanTask.objects.create(plan=plan, period="YEAR", content=f"Nhiệm vụ {order}", due_date=due, state=state,
                                   completed_on=completed, sort_order=order)
    PlanTaskUnit.objects.create(task=task, unit=lead, role=UnitRole.LEAD, raw_text=lead.name,
                                resolution=Resolution.RESOLVED)
    return task


def _tasks(world) -> None:
    plan = Plan.objects.create(title="Kế hoạch công tác thi đua, khen thưởng năm 2026", year=2026)
    _task(plan, D(2026, 3, 31), TaskState.DONE, world.unit_a, completed=D(2026, 3, 20), order=1)
    _task(plan, D(2026, 6, 30), TaskState.DONE, world.unit_b, completed=D(2026, 7, 5), order=2)
    _task(plan, D(2026, 9, 30), TaskState.IN_PROGRESS, world.unit_b, order=3)
    _task(plan, D(2026, 11, 30), TaskState.NOT_STARTED, world.unit_a, order=4)
    _task(plan, D(2026, 5, 1), TaskState.CANCELLED, world.unit_a, order=5)
    _task(plan, D(2027, 1, 15), TaskState.NOT_STARTED, world.unit_a, order=6)
