"""The inspections register: the year's inspections of units' TĐKT work (kiểm tra công tác thi đua, khen
thưởng), each with its team and the units it inspects; per inspected unit a record of findings on the
checklist and the recommendations, each with a due date and a state the unit's follow-up moves."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.inspections.enums import Assessment, RecommendationState
from tdkt.workflow.models import StateChange


def response_path(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    suffix = suffix if suffix.isalnum() and len(suffix) <= 5 else "bin"
    return f"inspections/{instance.pk}/response/{instance.response_sha256}.{suffix}"


class Inspection(models.Model):
    """One inspection of the year's plan (đợt kiểm tra): its dates, team and the units it visits."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500)
    plan_task = models.ForeignKey("plans.PlanTask", verbose_name=_("plan task"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="inspections")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-year", "starts_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="inspection_dates_in_order")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:detail", kwargs={"pk": self.pk})


class TeamMember(models.Model):
    """A member of the inspection team (đoàn kiểm tra): a person of the registry; `user`, when set, is the
    account through which he or she records findings (the standing body always may)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey("people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    is_leader = models.BooleanField(_("team leader"), default=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="inspection_teams")

    class Meta:
        ordering = ["-is_leader", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "person"], name="inspection_member_once"),
            models.UniqueConstraint(fields=["inspection"], condition=Q(is_leader=True),
                                    name="inspection_one_leader"),
        ]

    def __str__(self):
        return str(self.person)


class InspectedUnit(models.Model):
    """The record of one inspected unit (biên bản / kết luận kiểm tra tại đơn vị)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="records")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("inspected unit"), on_delete=models.PROTECT,
                             related_name="inspection_records")
    visited_on = models.DateField(_("inspected on"), null=True, blank=True)
    summary = models.TextField(_("general conclusion"), blank=True)
    conclusion_number = models.CharField(_("conclusion number"), max_length=64, blank=True)
    conclusion_date = models.DateField(_("conclusion date"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspected unit")
        ordering = ["inspection", "id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "unit"], name="inspection_unit_once")]

    def __str__(self):
        return f"{self.inspection} — {self.unit}"

    def get_absolute_url(self):
        return reverse("inspections:record", kwargs={"pk": self.pk})


class Finding(models.Model):
    """The team's finding on one checklist item (tdkt.inspections.checklist), its text copied when the
    record was created."""

    record = models.ForeignKey(InspectedUnit, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(max_length=32)
    item = models.CharField(_("checklist item"), max_length=500)
    position = models.PositiveSmallIntegerField(default=0)
    assessment = models.CharField(_("assessment"), max_length=12, choices=Assessment.choices, blank=True)
    note = models.TextField(_("finding"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["record", "code"], name="inspection_finding_once")]

    def __str__(self):
        return self.item


class Recommendation(models.Model):
    """A recommendation (kiến nghị) to the inspected unit: what to do by when; the unit reports what it did,
    the team accepts (closed) or returns it (open again)."""

    record = models.ForeignKey(InspectedUnit, on_delete=models.CASCADE, related_name="recommendations")
    content = models.TextField(_("recommendation"))
    due_on = models.DateField(_("due date"))
    state = models.CharField(_("state"), max_length=16, choices=RecommendationState.choices,
                             default=RecommendationState.OPEN)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(_("what the unit did"), blank=True)
    response_file = models.FileField(_("file"), upload_to=response_path, max_length=255, blank=True)
    response_name = models.CharField(max_length=255, blank=True)
    response_sha256 = models.CharField(max_length=64, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self):
        return self.content[:80]

    def get_absolute_url(self):
        return reverse("inspections:record", kwargs={"pk": self.record_id})


class RecommendationStateChange(StateChange):
    """History of a recommendation's states (tdkt.workflow: who, from, to, when, why)."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        pass
