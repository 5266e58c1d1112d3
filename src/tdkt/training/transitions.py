"""The training class's state machine (tdkt.workflow), declared once here: planned → held → closed, or planned
→ cancelled. "Held" needs an attendance sheet; "closed" needs every trainee's result and issues the
attendance certificates (tdkt.training.services.close_training)."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.training import rules
from tdkt.training.enums import TrainingState
from tdkt.training.models import Training, TrainingStateChange
from tdkt.training.queries import get_training_for_user
from tdkt.workflow.machine import StateMachine, transition

S = TrainingState


def _attendance_recorded(training) -> None:
    if not training.sessions.filter(recorded_at__isnull=False).exists():
        raise ValidationError(_("Record the attendance of at least one day first."))


def _results_recorded(training) -> None:
    missing = training.trainees.filter(result="").count()
    if not training.trainees.exists():
        raise ValidationError(_("The class has no trainee."))
    if missing:
        raise ValidationError(_("Record the result of every trainee first (%(n)s missing).") % {"n": missing})


def _get_for_user(user, pk, write=True):
    return get_training_for_user(user, pk, write=write)


def _agenda_trainings(user):
    """The home's classes: those organised by a unit the user is a clerk or leader of, or, for a province
    specialist, by the unit he sits in (the province's own classes). A planned class waits once it has begun (its
    attendance to record), a held one for its results."""
    scope = get_scope(user)
    units = set(scope.writable_unit_ids) | (set(scope.home_unit_ids) if scope.has_role(
        Role.PROVINCE_SPECIALIST) else set())
    return (Training.objects.filter(organiser_id__in=units)
            .filter(Q(state=S.HELD) | Q(starts_on__lte=timezone.localdate()))
            .select_related("organiser").order_by("ends_on", "pk"))


def _training_button(training, item) -> str:
    """Attendance is recorded on the class's page (where it is then marked as held); results on their own."""
    return reverse("training:results" if item.name == "close" else "training:detail", args=[training.pk])


TRAINING_MACHINE = StateMachine(
    name="training",
    label=_("training class"),
    model=Training,
    states=TrainingState,
    history_model=TrainingStateChange,
    history_owner="training",
    actors={"organiser": rules.can_manage},
    initial=S.PLANNED,
    timestamps=("state_changed_at",),
    get_for_user=_get_for_user,
    # the home's agenda: the predicate reads the organiser only (asked once per unit)
    visible_to=_agenda_trainings, url_of=lambda training: reverse("training:detail", args=[training.pk]),
    title_of=lambda training: training.topic, unit_of=lambda training: training.organiser.name,
    due_of=lambda training: training.ends_on, agenda_key=lambda training: training.organiser_id,
    button_url_of=_training_button,
    raced_message=_("Someone else changed this class first. Reload the page and try again."),
    forbidden_message=_("Only the organising unit's officers or the standing body change this class."),
    docs="training.md",
    transitions=[
        transition("hold", _("Mark as held"), {S.PLANNED}, S.HELD, "organiser", requires=(_attendance_recorded,),
                   takes_reason=False, primary=True,
                   description=_("The class took place: at least one day's attendance is recorded.")),
        transition("close", _("Close the class"), {S.HELD}, S.CLOSED, "organiser", requires=(_results_recorded,),
                   takes_reason=False, primary=True,
                   description=_("Every trainee's result is recorded; the passed trainees receive their "
                                 "attendance certificates when the province issues them.")),
        transition("cancel", _("Cancel the class"), {S.PLANNED}, S.CANCELLED, "organiser", reason_required=True,
                   danger=True, waits=False, description=_("The class will not take place; the reason is kept.")),
    ],
)

# The domain functions (@TRAINING_MACHINE.implements) register when their module is loaded; it imports this one.
from tdkt.training import services  # noqa: E402, F401
