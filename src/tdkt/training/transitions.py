"""The training class's state machine (tdkt.workflow), declared once here: planned → held → closed, or planned
→ cancelled. "Held" needs an attendance sheet; "closed" needs every trainee's result and issues the
attendance certificates (tdkt.training.services.close_training)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
                   danger=True, description=_("The class will not take place; the reason is kept.")),
    ],
)

# The domain functions (@TRAINING_MACHINE.implements) register when their module is loaded; it imports this one.
from tdkt.training import services  # noqa: E402, F401
