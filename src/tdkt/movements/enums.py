from django.db import models
from django.utils.translation import gettext_lazy as _


class MovementLevel(models.TextChoices):
    """Who launched the movement (cấp phát động)."""

    NATIONAL = "national", _("Prime Minister / national")
    PROVINCE = "province", _("Provincial chairman")
    UNIT = "unit", _("A unit")


class MovementKind(models.TextChoices):
    """Form of emulation (Luật TĐKT 2022 Đ16): regular, or thematic / campaign."""

    REGULAR = "regular", _("Regular (yearly)")
    THEMATIC = "thematic", _("Thematic")
    CAMPAIGN = "campaign", _("Campaign")
