"""Operations on the training register; one function owns each change, in one transaction. Views, commands
and tests all call these. Refusals are ValidationErrors in Vietnamese naming the field or the row."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.plans.enums import TaskKind
from tdkt.training import rules
from tdkt.training.enums import OPEN_STATES, TraineeResult, TrainingState
from tdkt.training.models import Attendance, Session, Trainee, Training
from tdkt.training.planned import planned_classes
from tdkt.training.transitions import TRAINING_MACHINE

TRAINING_FIELDS = ("topic", "starts_on", "ends_on", "place", "lecturers", "note")


def _check_task(task) -> None:
    """A class links to a training task of the plan, and no more classes than the task's text plans."""
    if task.kind != TaskKind.TRAINING:
        raise ValidationError({"plan_task": _("The plan task “%(task)s” is not a training task.") % {
            "task": task.content[:80]}})
    planned = planned_classes(task.content)
    if planned is not None:
        linked = task.trainings.exclude(state=TrainingState.CANCELLED).count()
        if linked >= planned:
            raise ValidationError({"plan_task": _(
                "The plan task plans %(planned)s classes and %(linked)s are already linked to it.") % {
                "planned": planned, "linked": linked}})


def _days(starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    return [starts_on + datetime.timedelta(days=n) for n in range((ends_on - starts_on).days + 1)]


@transaction.atomic
def create_training(*, by, organiser, target_units=(), plan_task=None, **fields) -> Training:
    """A new class (state: planned) with one attendance sheet per day from `starts_on` to `ends_on`."""
    if organiser is None or not rules.can_organise(by, organiser.pk):
        raise ValidationError({"organiser": _("You may not organise classes for this unit.")})
    unknown = set(fields) - set(TRAINING_FIELDS)
    if unknown:
        raise TypeError(f"Fields that cannot be set here: {sorted(unknown)}")
    training = Training(organiser=organiser, plan_task=plan_task, created_by=by, **fields)
    training.topic = (training.topic or "").strip()
    errors = {}
    if not training.topic:
        errors["topic"] = [_("Give the topic of the class.")]
    if training.starts_on is None:
        errors["starts_on"] = [_("Give the first day of the class.")]
    if training.ends_on is None:
        errors["ends_on"] = [_("Give the last day of the class.")]
    elif training.starts_on is not None and training.ends_on < training.starts_on:
        errors["ends_on"] = [_("The last day (%(end)s) is before the first day (%(start)s).") % {
            "end": training.ends_on.strftime("%d/%m/%Y"), "start": training.starts_on.strftime("%d/%m/%Y")}]
    elif training.starts_on is not None and (training.ends_on - training.starts_on).days + 1 > settings.TRAINING_MAX_DAYS:
        errors["ends_on"] = [_("A class lasts at most %(n)s days.") % {"n": settings.TRAINING_MAX_DAYS}]
    if errors:
        raise ValidationError(errors)
    if plan_task is not None:
        locked_task = type(plan_task).objects.select_for_update().get(pk=plan_task.pk)
        _check_task(locked_task)
    training.full_clean(exclude=["plan_task", "organiser"], validate_unique=False, validate_constraints=False)
    training.save()
    training.target_units.set(list(target_units))
    Session.objects.bulk_create([Session(training=training, on=day)
                                 for day in _days(training.starts_on, training.ends_on)])
    record(by, AuditAction.CREATE, training, changes={"after": {
        "topic": training.topic, "organiser": organiser.pk, "from": training.starts_on.isoformat(),
        "to": training.ends_on.isoformat(), "plan_task": plan_task.pk if plan_task else None,
        "target_units": sorted(unit.pk for unit in target_units)}})
    return training


def _lock_open(training) -> Training:
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if locked.state not in OPEN_STATES:
        raise ValidationError(_("The class is %(state)s: it can no longer be changed.") % {
            "state": locked.get_state_display().lower()})
    return locked


@transaction.atomic
def enrol(training: Training, persons, *, by) -> list[Trainee]:
    """Add persons of the registry as trainees, all or none. A unit clerk adds only persons of his own units
    (another unit's person is refused without naming him: the clerk may not read him)."""
    locked = _lock_open(training)
    persons = list(persons)
    if not persons:
        raise ValidationError({"persons": _("Choose at least one person.")})
    errors = []
    already = set(locked.trainees.filter(person_id__in=[p.pk for p in persons]).values_list("person_id", flat=True))
    seen = set()
    for position, person in enumerate(persons, 1):
        if not rules.can_enrol(by, person):
            raise PermissionDenied(_("You may add only persons of your own units to a class."))
        if person.merged_into_id is not None:
            errors.append(_("Row %(n)s: %(name)s was merged into another record.") % {"n": position, "name": person})
        elif person.pk in already:
            errors.append(_("Row %(n)s: %(name)s is already a trainee of this class.") % {
                "n": position, "name": person})
        elif person.pk in seen:
            errors.append(_("Row %(n)s: %(name)s is chosen twice.") % {"n": position, "name": person})
        seen.add(person.pk)
    if errors:
        raise ValidationError({"persons": errors})
    trainees = Trainee.objects.bulk_create([Trainee(training=locked, person=person, unit_id=person.unit_id,
                                                    added_by=by) for person in persons])
    record(by, AuditAction.UPDATE, locked, changes={"trainees_added": [person.pk for person in persons]})
    return trainees


@transaction.atomic
def remove_trainee(trainee: Trainee, *, by) -> None:
    """Take a trainee off a class that is still planned or held (his attendance rows go with him)."""
    locked = _lock_open(trainee.training)
    if not (rules.can_manage(by, locked) or rules.can_enrol(by, trainee.person)):
        raise PermissionDenied(_("You may not change this class."))
    trainee.delete()
    record(by, AuditAction.UPDATE, locked, changes={"trainee_removed": trainee.person_id})


@transaction.atomic
def record_attendance(session: Session, present_ids, *, by, today: datetime.date | None = None) -> Session:
    """The attendance sheet of one day: the trainees in `present_ids` were present, every other one absent.
    Recording it again replaces the sheet."""
    locked = _lock_open(session.training)
    if not rules.can_manage(by, locked):
        raise PermissionDenied(_("Only the organising unit's officers record the attendance."))
    today = today or timezone.localdate()
    if session.on > today:
        raise ValidationError(_("The day %(day)s has not come yet.") % {"day": session.on.strftime("%d/%m/%Y")})
    trainee_ids = list(locked.trainees.values_list("id", flat=True))
    if not trainee_ids:
        raise ValidationError(_("Add the trainees before recording the attendance."))
    present = {int(pk) for pk in present_ids}
    unknown = present - set(trainee_ids)
    if unknown:
        raise ValidationError(_("Not trainees of this class: %(ids)s.") % {"ids": ", ".join(map(str, sorted(unknown)))})
    Attendance.objects.filter(session=session).delete()
    Attendance.objects.bulk_create([Attendance(session=session, trainee_id=pk, present=pk in present)
                                    for pk in trainee_ids])
    session.recorded_at, session.recorded_by = timezone.now(), by
    session.save(update_fields=["recorded_at", "recorded_by"])
    record(by, AuditAction.UPDATE, locked, changes={"attendance": {
        "day": session.on.isoformat(), "present": sorted(present), "absent": sorted(set(trainee_ids) - present)}})
    return session


def _check_result(position: int, trainee: Trainee, result: str, score) -> list[str]:
    errors = []
    if result not in TraineeResult.values:
        errors.append(_("Row %(n)s (%(name)s): choose passed or not passed.") % {"n": position, "name": trainee.person})
    if score is not None and not Decimal(0) <= Decimal(score) <= Decimal(100):
        errors.append(_("Row %(n)s (%(name)s): the score must be between 0 and 100.") % {
            "n": position, "name": trainee.person})
    return errors


@transaction.atomic
def record_results(training: Training, results: dict, *, by) -> Training:
    """The evaluation of a held class: `results` maps a trainee id to (result, score or None); all or none."""
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if not rules.can_manage(by, locked):
        raise PermissionDenied(_("Only the organising unit's officers record the results."))
    if locked.state != TrainingState.HELD:
        raise ValidationError(_("Results are recorded once the class is held and before it is closed."))
    trainees = list(locked.trainees.select_related("person").order_by("id"))
    errors = []
    known = {trainee.pk for trainee in trainees}
    unknown = set(results) - known
    if unknown:
        errors.append(_("Not trainees of this class: %(ids)s.") % {"ids": ", ".join(map(str, sorted(unknown)))})
    changed = []
    for position, trainee in enumerate(trainees, 1):
        if trainee.pk not in results:
            continue
        result, score = results[trainee.pk]
        errors += _check_result(position, trainee, result, score)
        trainee.result, trainee.score = result, score
        changed.append(trainee)
    if errors:
        raise ValidationError({"results": errors})
    Trainee.objects.bulk_update(changed, ["result", "score"])
    record(by, AuditAction.UPDATE, locked, changes={"results": {
        str(t.pk): [t.result, str(t.score) if t.score is not None else None] for t in changed}})
    return locked


def certificate_number(seq: int, year: int) -> str:
    """"012/GCN-TH 2026": the running number of the year, the symbol (settings), the year."""
    return f"{seq:03d}/{settings.TRAINING_CERTIFICATE_SYMBOL} {year}"


def _issue_certificates(training: Training) -> int:
    """Numbers for the passed trainees who have none, running on from the year's last number."""
    if not settings.TRAINING_CERTIFICATES:
        return 0
    year = training.ends_on.year
    pending = list(training.trainees.filter(result=TraineeResult.PASSED, certificate_seq__isnull=True)
                   .order_by("person__name_folded", "id"))
    last = Trainee.objects.filter(certificate_year=year).aggregate(last=Max("certificate_seq"))["last"] or 0
    for offset, trainee in enumerate(pending, 1):
        trainee.certificate_year, trainee.certificate_seq = year, last + offset
        trainee.certificate_number = certificate_number(last + offset, year)
    try:
        with transaction.atomic():
            Trainee.objects.bulk_update(pending, ["certificate_year", "certificate_seq", "certificate_number"])
    except IntegrityError:
        raise ValidationError(_("Another class took the same certificate numbers at the same moment. Try again.")) \
            from None
    return len(pending)


@TRAINING_MACHINE.implements("close", reason=None)
@transaction.atomic
def close_training(training: Training, *, by) -> Training:
    """Held → closed: every trainee has a result; the passed ones receive numbered certificates."""
    locked = Training.objects.select_for_update().get(pk=training.pk)
    TRAINING_MACHINE.check_actor(locked, TRAINING_MACHINE["close"], by)
    if locked.state != TrainingState.HELD:
        return TRAINING_MACHINE.perform(locked, "close", by=by)  # the primitive refuses with its message
    issued = _issue_certificates(locked)
    return TRAINING_MACHINE.perform(locked, "close", by=by, extra={"certificates_issued": issued})
