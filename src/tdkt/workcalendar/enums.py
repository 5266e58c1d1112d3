from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvinceDayKind(models.TextChoices):
    """What the province declared for one date, on top of the national calendar."""

    DAY_OFF = "day_off", _("Extra day off")
    WORKING_DAY = "working_day", _("Make-up working day")
