"""States and results of the training register (lớp tập huấn, bồi dưỡng nghiệp vụ TĐKT)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TrainingState(models.TextChoices):
    """A class is planned, then held (it took place: attendance recorded), then closed (results recorded,
    certificates issued); a planned class may be cancelled."""

    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CLOSED = "closed", _("Closed")
    # A cancelled course, not a plan "stopped" (the plans' "Cancelled"): its own context.
    CANCELLED = "cancelled", pgettext_lazy("training course", "Cancelled")


# Classes that took place: they count in the reports and towards a plan task's planned number.
HELD_STATES = frozenset({TrainingState.HELD, TrainingState.CLOSED})
# Classes whose trainees and attendance may still change.
OPEN_STATES = frozenset({TrainingState.PLANNED, TrainingState.HELD})


class TraineeResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    NOT_PASSED = "not_passed", _("Not passed")
