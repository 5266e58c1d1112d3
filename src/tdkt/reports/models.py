"""What the statistical forms 0604.N/0605.N count that no other app records: the organisations and the civil
servants doing TĐKT work. The forms 0601–0603 are computed from the register (movements, award records); the
work reports a unit sends are in models_submissions.py when written."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.reports.enums import EquityMeasure, OfficeStructure, TrainingLevel
from tdkt.reports.periods import FIRST_STATISTICAL_YEAR


class TdktOffice(models.Model):
    """An organisation doing TĐKT work (a board or division of the standing body, a unit's TĐKT division)."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="tdkt_offices")
    name = models.CharField(_("name"), max_length=255)
    structure = models.CharField(_("structure"), max_length=24, choices=OfficeStructure.choices)
    established_on = models.DateField(_("established on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("TĐKT organisation")
        verbose_name_plural = _("TĐKT organisations")
        ordering = ["unit", "name", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=models.F("established_on")),
            name="tdkt_office_dates_in_order")]

    def __str__(self):
        return self.name


class TdktStaffMember(models.Model):
    """A civil servant doing TĐKT work: age and sex come from the person; the form counts those in post on 30/11."""

    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="tdkt_posts")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="tdkt_staff")
    office = models.ForeignKey(TdktOffice, verbose_name=_("organisation"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="staff")
    training = models.CharField(_("training"), max_length=16, choices=TrainingLevel.choices)
    tdkt_work_since = models.DateField(_("doing TĐKT work since"))
    started_on = models.DateField(_("in this post since"))
    ended_on = models.DateField(_("left this post on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("TĐKT civil servant")
        verbose_name_plural = _("TĐKT civil servants")
        ordering = ["unit", "person__name_folded", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                                   name="tdkt_staff_dates_in_order"),
            models.CheckConstraint(condition=Q(tdkt_work_since__lte=models.F("started_on")),
                                   name="tdkt_staff_work_before_post"),
        ]

    def __str__(self):
        return str(self.person)




class EquityTarget(models.Model):
    """The province's target for one equity share, in force from a statistical year until a later row of the
    same measure replaces it. The targets are the province's own parameters (its plans), not law: nothing in
    code holds a figure."""

    measure = models.CharField(_("equity measure"), max_length=20, choices=EquityMeasure.choices)
    percent = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2,
                                  validators=[MinValueValidator(0), MaxValueValidator(100)])
    from_year = models.PositiveSmallIntegerField(_("from the statistical year"),
                                                 validators=[MinValueValidator(FIRST_STATISTICAL_YEAR),
                                                             MaxValueValidator(9998)])
    note = models.CharField(_("basis (plan, document)"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("equity target")
        verbose_name_plural = _("equity targets")
        ordering = ["measure", "-from_year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "from_year"], name="equity_target_once_per_year"),
            models.CheckConstraint(condition=Q(percent__gte=0) & Q(percent__lte=100), name="equity_target_percent"),
        ]
    def __str__(self):
        return f"{self.get_measure_display()} ≥ {self.percent} % ({self.from_year})"


from tdkt.reports.models_figures import RegisterChange, StoredFigures  # noqa: E402  (registered with the app)
from tdkt.reports.models_submissions import WorkReportSubmission  # noqa: E402  (registered with the app)

__all__ = ["TdktOffice", "TdktStaffMember", "WorkReportSubmission", "EquityTarget", "RegisterChange",
           "StoredFigures"]
