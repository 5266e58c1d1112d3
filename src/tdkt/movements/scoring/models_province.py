"""The province as a member of an inter-provincial emulation cluster (cụm thi đua các tỉnh, e.g. the northern
mountain and border provinces, organised by the Central Council — law.md §5, NĐ152 Đ7.3): the cluster and its
member provinces, each year's criteria with the province's own points and evidence, the sheet sent, the report
and the results the cluster announced. One province's view: the other provinces are names, not units."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.movements.scoring.enums import CriterionKind

POINTS = {"max_digits": 8, "decimal_places": 2}


class InterProvincialCluster(models.Model):
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(_("code"), max_length=32, unique=True)
    # One province per line ("code name" or just the name): the other provinces are not units of this system.
    member_provinces = models.TextField(_("member provinces"), blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("inter-provincial cluster")
        verbose_name_plural = _("inter-provincial clusters")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def provinces(self) -> list[str]:
        return [line.strip() for line in self.member_provinces.splitlines() if line.strip()]


def result_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"scoring/province/{instance.cluster_id}/{instance.year}/result.{extension}"


class ClusterYear(models.Model):
    """The province's year in its cluster: the self-score sheet (its criteria lines), when it was sent, and the
    result the cluster announced."""

    cluster = models.ForeignKey(InterProvincialCluster, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    result_rank = models.PositiveSmallIntegerField(_("rank in the cluster"), null=True, blank=True)
    result_members = models.PositiveSmallIntegerField(_("provinces ranked"), null=True, blank=True)
    result_total = models.DecimalField(_("total announced by the cluster"), null=True, blank=True, **POINTS)
    result_award = models.CharField(_("award proposed by the cluster"), max_length=255, blank=True)
    result_note = models.TextField(_("note on the result"), blank=True)
    result_file = models.FileField(_("the cluster's result document"), upload_to=result_path, max_length=255,
                                   blank=True)
    result_file_name = models.CharField(max_length=255, blank=True)
    result_recorded_at = models.DateTimeField(null=True, blank=True)
    result_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("year in the inter-provincial cluster")
        verbose_name_plural = _("years in the inter-provincial cluster")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="province_cluster_year_unique"),
            models.CheckConstraint(condition=Q(result_rank__isnull=True) | Q(result_members__isnull=True)
                                   | Q(result_rank__lte=models.F("result_members")),
                                   name="province_cluster_rank_within_members"),
        ]

    def __str__(self):
        return f"{self.cluster} ({self.year})"


def province_evidence_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"scoring/province/{instance.cluster_year_id}/{instance.pk or 'new'}.{extension}"


class ClusterCriterion(models.Model):
    """A criterion of the cluster's table for the year, with the province's own points, explanation and evidence
    (the sheet has one scorer, the province, so the points live on the line)."""

    cluster_year = models.ForeignKey(ClusterYear, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("criterion"), max_length=1000)
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.NORMAL)
    order = models.PositiveIntegerField(_("order"), default=0)
    points = models.DecimalField(_("points"), null=True, blank=True, **POINTS)
    explanation = models.TextField(_("explanation"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to=province_evidence_path, max_length=255, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_mime = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("criterion of the inter-provincial cluster")
        verbose_name_plural = _("criteria of the inter-provincial cluster")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "code"], name="province_cluster_criterion_code_unique"),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="province_cluster_max_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"
