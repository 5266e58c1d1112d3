from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.movements.enums import MovementKind, MovementLevel


class Movement(models.Model):
    """An emulation movement (phong trào thi đua), launched at some level for a period."""

    name = models.CharField(_("name"), max_length=500)
    level = models.CharField(_("launching level"), max_length=16, choices=MovementLevel.choices)
    authority = models.CharField(_("launching authority"), max_length=255, blank=True)
    launching_unit = models.ForeignKey("orgs.Unit", verbose_name=_("launching unit"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="launched_movements")
    kind = models.CharField(_("kind"), max_length=16, choices=MovementKind.choices)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    standing_unit = models.ForeignKey("orgs.Unit", verbose_name=_("standing agency"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="standing_movements")
    objectives = models.TextField(_("objectives"), blank=True)
    criteria = models.TextField(_("criteria"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                                   name="movement_period_in_order"),
        ]

    def __str__(self):
        return self.name
