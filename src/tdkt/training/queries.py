"""Reads of the training register, scoped by unit: a class is seen by the officers of its organiser and of
its target units (they send trainees to it); any other class is 404."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.training import rules
from tdkt.training.enums import HELD_STATES
from tdkt.training.models import Trainee, Training
from tdkt.training.planned import planned_classes


def trainings_for_user(user):
    scope = get_scope(user)
    trainings = Training.objects.all()
    if not scope.read_all:
        readable = list(scope.readable_unit_ids)
        targeted = Training.target_units.through.objects.filter(training_id=OuterRef("pk"), unit_id__in=readable)
        trainings = trainings.filter(Q(organiser_id__in=readable) | Exists(targeted))
    return trainings


def get_training_for_user(user, pk, *, write=False) -> Training:
    training = trainings_for_user(user).select_related("organiser", "plan_task").filter(pk=pk).first()
    if training is None or (write and not rules.can_manage(user, training)):
        raise Http404
    return training


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    state: str = ""
    task_id: int | None = None


def search(user, filters: Filters):
    """Classes matching the filters, newest first, with organiser and counts (one query per page)."""
    trainings = trainings_for_user(user)
    if filters.year:
        trainings = trainings.filter(starts_on__year=filters.year)
    if filters.state:
        trainings = trainings.filter(state=filters.state)
    if filters.task_id:
        trainings = trainings.filter(plan_task_id=filters.task_id)
    return trainings.select_related("organiser").annotate(trainee_count=Count("trainees", distinct=True))


def visible_trainees(user, training):
    """The class's trainees the user may see: all for the organiser's officers and the province; a target
    unit's officer sees the people of his own units only."""
    scope = get_scope(user)
    trainees = training.trainees.select_related("person", "unit").order_by("person__name_folded", "id")
    if scope.read_all or rules.can_manage(user, training):
        return trainees
    return trainees.filter(unit_id__in=list(scope.readable_unit_ids))


@dataclass(frozen=True)
class TaskProgress:
    """A plan task of kind training: the classes it plans (from its text) and those held so far."""

    planned: int | None
    held: int
    linked: int


def task_progress(task) -> TaskProgress:
    counts = Training.objects.filter(plan_task=task).aggregate(
        linked=Count("id"), held=Count("id", filter=Q(state__in=HELD_STATES)))
    return TaskProgress(planned=planned_classes(task.content), held=counts["held"], linked=counts["linked"])


def trainee_for_user(user, pk) -> Trainee:
    trainee = Trainee.objects.select_related("training__organiser", "person", "unit").filter(pk=pk).first()
    if trainee is None:
        raise Http404
    get_training_for_user(user, trainee.training_id)
    scope = get_scope(user)
    if not (scope.read_all or rules.can_manage(user, trainee.training) or scope.can_read_unit(trainee.unit_id)):
        raise Http404
    return trainee
