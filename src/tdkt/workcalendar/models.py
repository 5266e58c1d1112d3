from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.dossiers.enums import DossierState
from tdkt.workcalendar.enums import ProvinceDayKind


class ProvinceDay(models.Model):
    """A day the province declared differently from the national calendar: an extra day off, or a
    make-up working day (làm bù, e.g. a Saturday worked in exchange for a bridge day off)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ProvinceDayKind.choices)
    name = models.CharField(_("reason"), max_length=255)
    decided_by = models.CharField(_("decided by (document)"), max_length=255, blank=True,
                                  help_text=_("E.g. Official letter No. 123/UBND-VX of 05/04/2026."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("province calendar day")
        verbose_name_plural = _("province calendar days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class StepLimit(models.Model):
    """How many working days one step of the dossier workflow may take (thời hạn xử lý), counted from the
    day the dossier enters `step`. National rules come from the law; the others are provincial parameters."""

    step = models.CharField(_("step"), max_length=20, choices=DossierState.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("working days"))
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    is_national_rule = models.BooleanField(_("national rule"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("step limit")
        verbose_name_plural = _("step limits")
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=models.Q(working_days__lte=366),
                                              name="step_limit_at_most_a_year")]

    def __str__(self):
        return f"{self.get_step_display()}: {self.working_days}"
