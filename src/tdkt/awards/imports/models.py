"""Import batches of the award history, their rows, and the remembered column mappings.

Registered by tdkt.awards.models (app label "awards"); migrations awards/0003_history_import and
awards/0004_import_batch_state (the batch's `state`, declared in tdkt.awards.imports.transitions, and
its history).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.workflow.models import StateChange


class ImportKind(models.TextChoices):
    AWARDS = "awards", _("Awards")
    RATINGS = "ratings", _("Yearly ratings")
    INITIATIVES = "initiatives", _("Initiatives")


class BatchState(models.TextChoices):
    DRAFT = "draft", _("Uploaded, columns not yet mapped")
    VALIDATING = "validating", _("Being checked")
    VALIDATED = "validated", _("Checked")
    COMMITTING = "committing", _("Being imported")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Failed, nothing imported")


class RowStatus(models.TextChoices):
    ERROR = "error", _("Error")
    REVIEW = "review", _("Needs review")
    READY = "ready", _("Ready")
    EXISTS = "exists", _("Already recorded")
    CREATED = "created", _("Created with a new person")
    MATCHED = "matched", _("Created for an existing person")
    SKIPPED = "skipped", _("Skipped: already recorded")


class ReviewDecision(models.TextChoices):
    NONE = "", _("Not reviewed")
    PERSON = "person", _("This existing person")
    NEW = "new", _("A new person")


def import_file_path(batch, filename: str) -> str:
    """Under MEDIA_ROOT/imports/, named by content hash; never served directly (see views.import_file)."""
    extension = "xlsx" if filename.lower().endswith(".xlsx") else "csv"
    return f"imports/{batch.sha256[:2]}/{batch.sha256}.{extension}"


class ImportBatch(models.Model):
    """One uploaded file of past awards, ratings or initiatives, from its upload to its commit."""

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT,
                                    related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+",
                             help_text=_("The unit the file comes from; rows without a unit belong to it."))
    file = models.FileField(_("file"), upload_to=import_file_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True, editable=False)
    state = models.CharField(_("status"), max_length=16, choices=BatchState.choices, default=BatchState.DRAFT)
    header_row = models.PositiveIntegerField(default=1, editable=False)
    header = models.JSONField(default=list, editable=False)  # the column headings as written
    mapping = models.JSONField(default=dict, blank=True)  # field -> column index
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    counts = models.JSONField(default=dict, blank=True)  # RowStatus -> number of rows
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    validated_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"], name="import_batch_unit_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("awards:import_detail", args=[self.pk])

    @property
    def progress_percent(self) -> int:
        return min(100, round(100 * self.rows_done / self.total_rows)) if self.total_rows else 0

    @property
    def is_running(self) -> bool:
        return self.state in (BatchState.VALIDATING, BatchState.COMMITTING)

    def count(self, status: str) -> int:
        return int(self.counts.get(status, 0))


class ImportBatchStateChange(StateChange):
    """One transition of a batch (tdkt.awards.imports.transitions.IMPORT_BATCH), written by the primitive."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        verbose_name = _("import batch state change")
        verbose_name_plural = _("import batch state changes")


class ImportRow(models.Model):
    """One data row of a batch: what the file said, what it was read as, and what became of it."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField(_("row"))  # as numbered in the spreadsheet
    raw = models.JSONField(default=dict)  # heading -> cell text
    parsed = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=16, choices=RowStatus.choices)
    messages = models.JSONField(default=list, blank=True)
    person_key = models.CharField(max_length=300, blank=True)  # folded name | birth | unit id
    match_person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="import_rows")
    review_decision = models.CharField(_("review decision"), max_length=8, choices=ReviewDecision.choices,
                                       blank=True, default=ReviewDecision.NONE)
    record_id = models.BigIntegerField(_("record"), null=True, blank=True)  # award record, rating or initiative

    class Meta:
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        ordering = ["batch", "number"]
        constraints = [models.UniqueConstraint(fields=["batch", "number"], name="import_row_unique_number")]
        indexes = [models.Index(fields=["batch", "status", "number"], name="import_row_status_idx"),
                   models.Index(fields=["batch", "person_key"], name="import_row_person_key_idx")]

    def __str__(self):
        return f"{self.batch_id}:{self.number}"


class ImportMapping(models.Model):
    """A column mapping remembered for files whose headings fold to the same tuple."""

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    signature = models.CharField(max_length=64, editable=False)  # sha256 of the folded headings
    headers = models.JSONField(default=list)  # the folded headings
    mapping = models.JSONField(default=dict)  # field -> column index
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("remembered column mapping")
        verbose_name_plural = _("remembered column mappings")
        constraints = [models.UniqueConstraint(fields=["kind", "signature"], name="import_mapping_unique_signature")]

    def __str__(self):
        return f"{self.kind}: {', '.join(self.headers)[:80]}"
