"""The training register (lớp tập huấn, bồi dưỡng nghiệp vụ TĐKT): classes with their days, trainees taken
from the person registry, attendance per day, results and attendance certificates (giấy chứng nhận)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.training.enums import TraineeResult, TrainingState
from tdkt.workflow.models import StateChange


class Training(models.Model):
    """A training class (lớp tập huấn, bồi dưỡng nghiệp vụ) organised by one unit for officers of target units."""

    topic = models.CharField(_("topic"), max_length=500)
    organiser = models.ForeignKey("orgs.Unit", verbose_name=_("organising unit"), on_delete=models.PROTECT,
                                  related_name="trainings_organised")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    place = models.CharField(pgettext_lazy("venue", "place"), max_length=255, blank=True)
    # Lecturers as written (one per line): they are often from outside the province's registry.
    lecturers = models.TextField(_("lecturers"), blank=True)
    target_units = models.ManyToManyField("orgs.Unit", verbose_name=_("target units"), blank=True,
                                          related_name="trainings_targeted")
    plan_task = models.ForeignKey("plans.PlanTask", verbose_name=_("plan task"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="trainings")
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=TrainingState.choices, default=TrainingState.PLANNED)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["organiser", "starts_on"]), models.Index(fields=["starts_on", "state"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="training_dates_in_order"),
        ]

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("training:detail", args=[self.pk])


class Session(models.Model):
    """One day of a class: the attendance sheet is kept per day."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    on = models.DateField(_("day"))
    recorded_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["on", "id"]
        constraints = [models.UniqueConstraint(fields=["training", "on"], name="training_session_once_a_day")]

    def __str__(self):
        return f"{self.on:%d/%m/%Y}"


class Trainee(models.Model):
    """A person of the registry enrolled in a class, with the unit he or she came from (counts by unit use it
    even after the person moves), the result and the certificate number."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="trainees")
    person = models.ForeignKey("people.Person", verbose_name=_("trainee"), on_delete=models.PROTECT,
                               related_name="trainings")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=16, choices=TraineeResult.choices, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    certificate_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    certificate_seq = models.PositiveIntegerField(null=True, blank=True, editable=False)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True, editable=False)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["training", "person"], name="training_trainee_once"),
            # Certificate numbers run per year across the province; two issuings cannot take one number.
            models.UniqueConstraint(fields=["certificate_year", "certificate_seq"], name="training_certificate_seq"),
            models.CheckConstraint(condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                                   name="training_score_range"),
        ]

    def __str__(self):
        return str(self.person)


class Attendance(models.Model):
    """Whether a trainee was present on a day of the class."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "trainee"], name="training_attendance_once")]

    def __str__(self):
        return f"{self.trainee} {self.session}: {self.present}"


class TrainingStateChange(StateChange):
    """History of a class's states (tdkt.workflow: who, from, to, when, why)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        pass
