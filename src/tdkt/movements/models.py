"""Emulation movements (phong trào thi đua), their phases, participants, documents and milestones.

Registrations (đăng ký thi đua) live in models_registrations.py and covenants (giao ước thi đua) in
models_covenants.py; both are imported at the end so Django sees them as models of this app."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.movements.enums import (
    DocumentKind,
    DurationBand,
    MilestoneKind,
    MovementKind,
    MovementLevel,
    MovementScope,
    ReminderKind,
    TargetScope,
)


class Movement(models.Model):
    """An emulation movement (phong trào thi đua), launched at some level for a period."""

    name = models.CharField(_("name"), max_length=500)
    code = models.CharField(_("short code"), max_length=40, blank=True,
                            help_text=_("A short stable code, e.g. CDS-2025; optional."))
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
    target_scope = models.CharField(_("participants"), max_length=16, choices=TargetScope.choices,
                                    default=TargetScope.EVERYONE)
    # The form 0601.N's scope; blank: derived from the launching level and the participants (statistical_scope).
    scope = models.CharField(_("scope"), max_length=16, choices=MovementScope.choices, blank=True)
    # Where the movement's name was read (seed plans for the pre-seeded national movements).
    source_note = models.CharField(_("source"), max_length=500, blank=True)
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
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="movement_code_unique"),
        ]

    def __str__(self):
        return self.name

    def runs_in(self, year: int) -> bool:
        return self.start_date.year <= year and (self.end_date is None or self.end_date.year >= year)

    @property
    def statistical_scope(self) -> str:
        """The 0601.N scope: as recorded, else from who launched it and who takes part."""
        if self.scope:
            return self.scope
        if self.target_scope == TargetScope.GROUPS:
            return MovementScope.GROUPS
        return {MovementLevel.NATIONAL: MovementScope.NATIONWIDE, MovementLevel.PROVINCE: MovementScope.LOCALITY,
                MovementLevel.UNIT: MovementScope.UNIT}[self.level]

    @property
    def duration_band(self) -> str | None:
        """The 0601.N duration band, or None for a movement without an end (counted apart, with a warning)."""
        if self.end_date is None:
            return None
        months = (self.end_date.year - self.start_date.year) * 12 + self.end_date.month - self.start_date.month + 1
        if months < 12:
            return DurationBand.UNDER_ONE_YEAR
        if months == 12:
            return DurationBand.ONE_YEAR
        if months < 36:
            return DurationBand.ONE_TO_THREE
        return DurationBand.THREE_TO_FIVE if months < 60 else DurationBand.FIVE_AND_MORE

    @property
    def method(self) -> str:
        """The 0601.N method: regular (thường xuyên) or thematic (chuyên đề; a campaign is thematic)."""
        return MovementKind.REGULAR if self.kind == MovementKind.REGULAR else MovementKind.THEMATIC


class MovementPhase(models.Model):
    """A stage of a multi-year movement (giai đoạn), e.g. 2026–2030, possibly split into sub-periods."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="phases")
    parent = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="sub_phases")
    name = models.CharField(_("name"), max_length=255)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))

    class Meta:
        verbose_name = _("movement phase")
        verbose_name_plural = _("movement phases")
        ordering = ["movement", "start_date", "end_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="movement_phase_in_order"),
        ]

    def __str__(self):
        return self.name


class MovementParticipant(models.Model):
    """A unit or a cluster/block the movement targets (when it does not target every unit)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="movement_participations")
    group = models.ForeignKey("orgs.EmulationGroup", verbose_name=_("cluster or block"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="movement_participations")

    class Meta:
        verbose_name = _("movement participant")
        verbose_name_plural = _("movement participants")
        constraints = [
            models.CheckConstraint(condition=(Q(unit__isnull=False) & Q(group__isnull=True))
                                   | (Q(unit__isnull=True) & Q(group__isnull=False)),
                                   name="participant_unit_or_group"),
            models.UniqueConstraint(fields=["movement", "unit"], condition=Q(unit__isnull=False),
                                    name="participant_unit_once"),
            models.UniqueConstraint(fields=["movement", "group"], condition=Q(group__isnull=False),
                                    name="participant_group_once"),
        ]

    def __str__(self):
        return str(self.unit or self.group)


def _extension(filename: str) -> str:
    suffix = PurePosixPath(filename.lower()).suffix
    return suffix if suffix in (".pdf", ".docx") else ".bin"


def movement_document_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/movements/, named by content hash; served only through an access-checked view."""
    return f"movements/documents/{instance.movement_id}/{instance.sha256[:24]}{_extension(filename)}"


class MovementDocument(models.Model):
    """A launching plan, guidance or review report of the movement (PDF or Word, sniffed from the bytes)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.LAUNCH_PLAN)
    title = models.CharField(_("title"), max_length=500)
    file = models.FileField(_("file"), upload_to=movement_document_path, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("movement document")
        verbose_name_plural = _("movement documents")
        ordering = ["movement", "uploaded_at", "id"]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    """A dated step of the movement: launch, mid-term review (sơ kết), final review (tổng kết)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=16, choices=MilestoneKind.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Set once by send_movement_reminders (conditional update): a second run never reminds again.
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["movement", "on", "id"]
        indexes = [models.Index(fields=["on"], condition=Q(reminder_sent_at__isnull=True),
                                name="milestone_to_remind")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"

    @property
    def reminder_sent(self) -> bool:
        return self.reminder_sent_at is not None


class MovementReminder(models.Model):
    """A reminder that was sent (milestone coming, registration due or missing), under a unique key."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=ReminderKind.choices)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(_("sent on"))
    recipients = models.JSONField(default=list)

    class Meta:
        verbose_name = _("movement reminder")
        verbose_name_plural = _("movement reminders")

    def __str__(self):
        return self.key


from tdkt.movements.models_covenants import Covenant, CovenantTarget  # noqa: E402
from tdkt.movements.models_registrations import (  # noqa: E402
    Registration,
    RegistrationCall,
    RegistrationItem,
    RegistrationStateChange,
)
from tdkt.movements.models_reviews import MovementReview  # noqa: E402

__all__ = ["Movement", "MovementPhase", "MovementParticipant", "MovementDocument", "Milestone", "MovementReminder",
           "Registration", "RegistrationCall", "RegistrationItem", "RegistrationStateChange", "Covenant", "CovenantTarget",
           "MovementReview"]
