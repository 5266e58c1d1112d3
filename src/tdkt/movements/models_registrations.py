"""Emulation registrations (đăng ký thi đua): at the start of the year each unit registers the titles it
aims for (a collective title and numbers of individual titles) and its targets, for the year-round
emulation or for one movement; a RegistrationCall sets the due date of a year's registrations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.movements.enums import RegistrationState
from tdkt.workflow.models import StateChange


class RegistrationCall(models.Model):
    """The year's call for registrations and its due date (the due date is the province's choice: a
    named parameter per year, never a constant)."""

    year = models.PositiveSmallIntegerField(_("year"))
    movement = models.ForeignKey("movements.Movement", verbose_name=_("movement"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="registration_calls")
    due_on = models.DateField(_("due date"))
    # The due date counted in working days (tdkt.workcalendar) from the call's date, when given so; the
    # number is the province's choice for the year (a parameter of the call, never a constant).
    opened_on = models.DateField(_("date of the call"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("working days to register"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("call for registrations")
        verbose_name_plural = _("calls for registrations")
        ordering = ["-year", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["year", "movement"], condition=Q(movement__isnull=False),
                                    name="registration_call_once_per_movement"),
            models.UniqueConstraint(fields=["year"], condition=Q(movement__isnull=True),
                                    name="registration_call_once_per_year"),
        ]

    def __str__(self):
        return f"{self.year} — {self.movement or _('year-round emulation')}"


class Registration(models.Model):
    """One unit's registration for a year (year-round emulation when no movement is named)."""

    movement = models.ForeignKey("movements.Movement", verbose_name=_("movement"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="registrations")
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="emulation_registrations")
    collective_award = models.ForeignKey("awards.AwardType", verbose_name=_("collective title aimed for"),
                                         null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    targets = models.TextField(_("targets"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=RegistrationState.choices,
                             default=RegistrationState.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    # Sent after the call's due date: the delay in working days and the reason the unit gave (required).
    late_days = models.PositiveSmallIntegerField(_("working days late"), default=0)
    late_reason = models.TextField(_("reason for the delay"), blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("emulation registration")
        verbose_name_plural = _("emulation registrations")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "movement"], condition=Q(movement__isnull=False),
                                    name="registration_once_per_movement"),
            models.UniqueConstraint(fields=["unit", "year"], condition=Q(movement__isnull=True),
                                    name="registration_once_per_year"),
            models.CheckConstraint(condition=Q(state=RegistrationState.DRAFT) | Q(submitted_at__isnull=False),
                                   name="registration_submitted_has_date"),
            models.CheckConstraint(condition=~Q(state=RegistrationState.SIGNED) | Q(signed_at__isnull=False),
                                   name="registration_signed_has_date"),
            models.CheckConstraint(condition=Q(late_days=0) | ~Q(late_reason=""),
                                   name="registration_late_has_reason"),
        ]
        indexes = [models.Index(fields=["year", "state"])]

    def __str__(self):
        return f"{self.unit} — {self.year}"


class RegistrationItem(models.Model):
    """How many people of the unit aim for an individual title (e.g. 40 × Lao động tiên tiến)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="items")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("title"), on_delete=models.PROTECT,
                                   related_name="+")
    count = models.PositiveIntegerField(_("number"))

    class Meta:
        verbose_name = _("registered title")
        verbose_name_plural = _("registered titles")
        ordering = ["registration", "award_type__sort_order", "award_type_id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "award_type"], name="registration_item_once"),
            models.CheckConstraint(condition=Q(count__gte=0), name="registration_item_count_not_negative"),
        ]

    def __str__(self):
        return f"{self.count} × {self.award_type}"


class RegistrationEntry(models.Model):
    """One collective (a unit of the registering unit) or one person registered by name for a title. A
    registration with entries derives its RegistrationItem numbers from them (individual titles), so the
    counts of older registrations and of the Excel import keep working beside named ones."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="entries")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("title"), on_delete=models.PROTECT,
                                   related_name="+")
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="emulation_registrations")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("collective"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="named_registrations")
    written_name = models.CharField(_("name as written"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("registered name")
        verbose_name_plural = _("registered names")
        ordering = ["registration", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=True, unit__isnull=False)
                                   | Q(person__isnull=False, unit__isnull=True), name="registration_entry_one_recipient"),
            models.UniqueConstraint(fields=["registration", "person"], condition=Q(person__isnull=False),
                                    name="registration_entry_person_once"),
            models.UniqueConstraint(fields=["registration", "unit"], condition=Q(unit__isnull=False),
                                    name="registration_entry_unit_once"),
        ]
        indexes = [models.Index(fields=["person", "registration"]), models.Index(fields=["unit", "registration"])]

    def __str__(self):
        return f"{self.person or self.unit} — {self.award_type}"


class RegistrationStateChange(StateChange):
    """History of a registration's state (tdkt.workflow): who submitted it, when."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        verbose_name = _("registration state change")
        verbose_name_plural = _("registration state changes")
