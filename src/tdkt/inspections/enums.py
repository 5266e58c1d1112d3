"""States and choices of the inspections register (kiểm tra công tác thi đua, khen thưởng)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Assessment(models.TextChoices):
    """The team's finding on one checklist item."""

    GOOD = "good", _("Done well")
    ADEQUATE = "adequate", _("Done, with shortcomings")
    NOT_DONE = "not_done", _("Not done")
    NOT_APPLICABLE = "n_a", _("Not applicable")


class RecommendationState(models.TextChoices):
    OPEN = "open", _("Open")
    REPORTED = "reported", _("Reported by the unit")
    CLOSED = "closed", _("Accepted and closed")


# The unit still owes its follow-up in these states: a recommendation in one of them past its due date is
# overdue. A reported one waits for the team, not for the unit; a returned report goes back to OPEN.
UNIT_OWES_STATES = frozenset({RecommendationState.OPEN})
