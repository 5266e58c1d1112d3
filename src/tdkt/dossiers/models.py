from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import AwardBasis
from tdkt.awards.models import exactly_one
from tdkt.dossiers.enums import (
    DocumentType,
    DossierKind,
    DossierState,
    EventKind,
    NominationState,
)
from tdkt.orgs.enums import AuthorityKind
from tdkt.workflow.models import StateChange

DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png")


def _extension(filename: str) -> str:
    suffix = PurePosixPath((filename or "").lower()).suffix
    return suffix if suffix in DOCUMENT_EXTENSIONS else ".bin"


def document_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/dossiers/, named by content hash; served only through an access-checked view."""
    return f"dossiers/{instance.sha256[:2]}/{instance.sha256}{_extension(filename)}"


def report_path(instance, filename: str) -> str:
    return f"dossiers/reports/{instance.report_sha256[:2]}/{instance.report_sha256}{_extension(filename)}"


class DossierCall(models.Model):
    """A call for dossiers with a cut-off date (e.g. year-end dossiers by 10/12); late ones need a justification."""

    name = models.CharField(_("name"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=DossierKind.choices)
    cut_off = models.DateField(_("cut-off date"))
    note = models.TextField(_("note"), blank=True)
    is_open = models.BooleanField(_("open"), default=True)
    # The award round of a movement's review (sơ kết / tổng kết, tdkt.movements.reviews): its dossiers name
    # that movement.
    movement = models.ForeignKey("movements.Movement", verbose_name=_("movement"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="calls")

    class Meta:
        verbose_name = _("call for dossiers")
        verbose_name_plural = _("calls for dossiers")
        ordering = ["-year", "cut_off"]

    def __str__(self):
        return self.name


class Dossier(models.Model):
    """A nomination dossier (hồ sơ đề nghị khen thưởng) sent by a unit, or by a cụm/khối through its head unit."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("submitting unit"), on_delete=models.PROTECT,
                             related_name="dossiers")
    group_year = models.ForeignKey("orgs.EmulationGroupYear", verbose_name=_("on behalf of the cluster or block"),
                                   null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers")
    title = models.CharField(_("title"), max_length=500)
    authority = models.CharField(_("deciding authority"), max_length=20, choices=AuthorityKind.choices,
                                 default=AuthorityKind.PROVINCE_CHAIR)
    # Who receives, appraises and decides (or, for State-level awards, proposes upward): the province's
    # authority, or a department's, commune's or enterprise's own for its round (cấp nào khen cấp đó).
    receiving_authority = models.ForeignKey("orgs.IssuingAuthority", verbose_name=_("receiving authority"),
                                            null=True, blank=True, on_delete=models.PROTECT, related_name="dossiers",
                                            help_text=_("Empty: the province's standing body."))
    kind = models.CharField(_("kind"), max_length=20, choices=DossierKind.choices, default=DossierKind.YEAR_END)
    movement = models.ForeignKey("movements.Movement", verbose_name=_("movement"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="dossiers")
    call = models.ForeignKey(DossierCall, verbose_name=_("call for dossiers"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="dossiers")
    year = models.PositiveSmallIntegerField(_("achievement year"), null=True, blank=True)
    period_from = models.DateField(_("achievement period from"), null=True, blank=True)
    period_to = models.DateField(_("achievement period to"), null=True, blank=True)
    cover_letter_number = models.CharField(_("cover letter number"), max_length=64, blank=True)
    cover_letter_date = models.DateField(_("cover letter date"), null=True, blank=True)
    late_justification = models.TextField(_("justification for a late submission"), blank=True)

    state = models.CharField(_("state"), max_length=20, choices=DossierState.choices, default=DossierState.DRAFT,
                             db_index=True)
    state_changed_at = models.DateTimeField(_("state changed at"), auto_now_add=True)
    # The limit of the current step (receipt, appraisal, consultation, posting), in working days from its start.
    step_due_on = models.DateField(_("due date of the current step"), null=True, blank=True, db_index=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("specialist in charge"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="assigned_dossiers")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    # The state a dossier put on hold returns to when the hold is released.
    held_from_state = models.CharField(_("state before the hold"), max_length=20, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("nomination dossier")
        verbose_name_plural = _("nomination dossiers")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "step_due_on"]), models.Index(fields=["unit", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_from__isnull=True) | Q(period_to__isnull=True) | Q(period_to__gte=models.F("period_from")),
                name="dossier_period_in_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dossiers:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """Short reference shown to officers: HS-<year>-<id>."""
        return self.reference_of(self.pk, self.created_at)

    @staticmethod
    def reference_of(pk: int, created_at) -> str:
        """The reference from the two values it is made of (a list that reads values, not dossiers)."""
        return f"HS-{created_at.year if created_at else ''}-{pk:06d}"


class Nomination(models.Model):
    """One line of a dossier: one recipient proposed for one award (đề nghị khen thưởng)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominations")
    position = models.PositiveIntegerField(_("no."), default=0)  # STT in the unit's list
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="nominations")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("collective"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="nominations")
    household = models.ForeignKey("people.Household", verbose_name=_("household"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="nominations")
    position_and_unit = models.CharField(_("position and unit"), max_length=500, blank=True)  # as written
    proposed_award_type = models.ForeignKey("awards.AwardType", verbose_name=_("proposed award"),
                                            on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="nominations")  # = proposed, unless changed at appraisal
    basis = models.CharField(_("kind of commendation"), max_length=16, choices=AwardBasis.choices,
                             default=AwardBasis.MERIT)
    achievement_summary = models.TextField(_("achievement summary"), blank=True)
    report_file = models.FileField(_("achievement report"), upload_to=report_path, max_length=255, blank=True)
    report_name = models.CharField(max_length=255, blank=True)
    report_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    state = models.CharField(_("state"), max_length=16, choices=NominationState.choices,
                             default=NominationState.PROPOSED, db_index=True)
    fix_request = models.TextField(_("what to complete"), blank=True)  # told to the unit when returned
    decision_reason = models.TextField(_("reason"), blank=True)  # for a reject, change of award or hold
    # Snapshots of the eligibility engine's result (eligibility.jsonio), frozen at submission and at appraisal.
    verdict_at_submission = models.JSONField(_("eligibility at submission"), null=True, blank=True)
    verdict_at_appraisal = models.JSONField(_("eligibility at appraisal"), null=True, blank=True)
    # The latest check (tdkt.dossiers.verdicts): at entry, import, submission, appraisal, and whenever a fact of
    # the recipient changes while the line is open; shown with the time it was computed.
    verdict_live = models.JSONField(_("eligibility now"), null=True, blank=True)
    verdict_live_at = models.DateTimeField(_("eligibility computed at"), null=True, blank=True)
    import_batch = models.CharField(max_length=32, blank=True, db_index=True)  # lines of one import, to undo it

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["dossier", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=exactly_one("person", "unit", "household"),
                                   name="nomination_exactly_one_recipient"),
            # The same recipient appears once per dossier.
            models.UniqueConstraint(fields=["dossier", "person"], condition=Q(person__isnull=False),
                                    name="nomination_person_once_per_dossier"),
            models.UniqueConstraint(fields=["dossier", "unit"], condition=Q(unit__isnull=False),
                                    name="nomination_unit_once_per_dossier"),
            models.UniqueConstraint(fields=["dossier", "household"], condition=Q(household__isnull=False),
                                    name="nomination_household_once_per_dossier"),
        ]
        indexes = [models.Index(fields=["award_type", "state"])]

    def __str__(self):
        return f"{self.recipient} — {self.award_type}"

    def get_absolute_url(self) -> str:
        """A line is shown on its dossier's page."""
        return reverse("dossiers:detail", args=[self.dossier_id])

    @property
    def recipient(self):
        return self.person or self.unit or self.household


class DocumentRequirement(models.Model):
    """One entry of the documents checklist: which document a dossier of this kind / award must carry.

    Blank kind or award type means "any". National defaults come from Luật TĐKT 2022 Đ84 (law.md §4.2)."""

    kind = models.CharField(_("dossier kind"), max_length=20, choices=DossierKind.choices, blank=True)
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="document_requirements")
    document_type = models.CharField(_("document"), max_length=32, choices=DocumentType.choices)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    per_nomination = models.BooleanField(_("one per nominee"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_national_default = models.BooleanField(_("national default"), default=False)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("documents checklist")
        ordering = ["kind", "award_type_id", "document_type"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "award_type", "document_type"],
                                    condition=Q(award_type__isnull=False), name="document_requirement_unique"),
            models.UniqueConstraint(fields=["kind", "document_type"], condition=Q(award_type__isnull=True),
                                    name="document_requirement_unique_any_award"),
        ]

    def __str__(self):
        return self.get_document_type_display()


class DossierDocument(models.Model):
    """A file of a dossier (tờ trình, báo cáo, biên bản…), sniffed and stored outside the web root."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    nomination = models.ForeignKey(Nomination, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="documents")
    document_type = models.CharField(_("document"), max_length=32, choices=DocumentType.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)  # sniffed from the bytes
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["dossier", "document_type", "id"]

    def __str__(self):
        return self.original_name


class DossierEvent(StateChange):
    """Timeline row of a dossier: a state change of the dossier or of one of its lines (the history of both
    machines of tdkt.dossiers.transitions), a document, a note. Append-only."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    nomination = models.ForeignKey(Nomination, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices, default=EventKind.STATE)

    class Meta(StateChange.Meta):
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")


class NominationQuota(models.Model):
    """A provincial quota (if configured): at most N live nominations of an award per unit or per group and year."""

    year = models.PositiveSmallIntegerField(_("year"))
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.CASCADE,
                                   related_name="quotas")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="nomination_quotas")
    group_year = models.ForeignKey("orgs.EmulationGroupYear", verbose_name=_("cluster or block"), null=True,
                                   blank=True, on_delete=models.CASCADE, related_name="nomination_quotas")
    max_count = models.PositiveIntegerField(_("at most"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nomination quota")
        verbose_name_plural = _("nomination quotas")
        constraints = [
            models.CheckConstraint(condition=exactly_one("unit", "group_year"), name="quota_unit_or_group"),
            models.UniqueConstraint(fields=["year", "award_type", "unit"], condition=Q(unit__isnull=False),
                                    name="quota_once_per_unit"),
            models.UniqueConstraint(fields=["year", "award_type", "group_year"], condition=Q(group_year__isnull=False),
                                    name="quota_once_per_group"),
        ]

    def __str__(self):
        return f"{self.award_type} ≤ {self.max_count}"


class SendingDelegation(models.Model):
    """The unit leader lets a named clerk approve and send the unit's dossiers for a period (ủy quyền); the
    timeline of each dossier sent under it says on whose behalf. Revoked, never deleted (audit keeps it)."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="sending_delegations")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("leader"), on_delete=models.PROTECT,
                               related_name="delegations_given")
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("clerk"), on_delete=models.PROTECT,
                              related_name="delegations_received")
    valid_from = models.DateField(_("delegated from"))
    valid_to = models.DateField(_("delegated until"))
    note = models.TextField(_("note"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sending delegation")
        verbose_name_plural = _("sending delegations")
        constraints = [
            models.CheckConstraint(condition=Q(valid_from__lte=models.F("valid_to")),
                                   name="delegation_period_ordered"),
        ]

    def __str__(self):
        return f"{self.leader} → {self.clerk} ({self.valid_from:%d/%m/%Y}–{self.valid_to:%d/%m/%Y})"
