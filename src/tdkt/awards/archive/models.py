"""Archive batches, their documents and the documents' lines. Registered by tdkt.awards.models (app label
"awards"); migration awards/0008_archive. The batch's `state` is declared in tdkt.awards.archive.transitions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import InitiativeScope
from tdkt.workflow.models import StateChange


class ArchiveState(models.TextChoices):
    READING = "reading", _("Being read")
    READ = "read", _("Read, to review")
    COMMITTING = "committing", _("Being recorded")
    COMMITTED = "committed", _("Recorded")
    FAILED = "failed", _("Failed, nothing recorded")


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be read")
    READING = "reading", _("Being read")
    READ = "read", _("Read")
    FAILED = "failed", _("Could not be read")
    COMMITTED = "committed", _("Recorded")


class LineStatus(models.TextChoices):
    LINKED = "linked", _("Linked")
    DOUBTFUL = "doubtful", _("Doubtful: to settle")
    NEW = "new", _("New person")
    DROPPED = "dropped", _("Dropped")
    ERROR = "error", _("Error")


class LineChoice(models.TextChoices):
    NONE = "", _("Not reviewed")
    LINK = "link", _("This existing person")
    CREATE = "create", _("A new person")
    DROP = "drop", _("Drop this line")


def original_path(document, filename: str) -> str:
    """Under MEDIA_ROOT/archive/, named by content hash; never served directly (see views.document_file)."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"archive/{document.sha256[:2]}/{document.sha256}.{suffix[:5]}"


def searchable_path(document, filename: str) -> str:
    return f"archive/{document.sha256[:2]}/{document.sha256}.searchable.pdf"


class ArchiveBatch(models.Model):
    """Lô số hóa: files of one unit's award archive uploaded together, read by one background job."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+",
                             help_text=_("Whose archive: its persons and sub-units are matched."))
    state = models.CharField(_("status"), max_length=16, choices=ArchiveState.choices, default=ArchiveState.READING)
    total = models.PositiveIntegerField(_("documents"), default=0)
    done = models.PositiveIntegerField(_("documents read"), default=0)
    counts = models.JSONField(default=dict, blank=True)  # DocumentStatus -> number of documents
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    committed_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("archive batch")
        verbose_name_plural = _("archive batches")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "-created_at"], name="archive_batch_unit_idx")]

    def __str__(self):
        return _("Archive batch %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("awards:archive_detail", args=[self.pk])


class ArchiveBatchStateChange(StateChange):
    """One transition of an archive batch (tdkt.awards.archive.transitions.ARCHIVE_BATCH)."""

    batch = models.ForeignKey(ArchiveBatch, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        verbose_name = _("archive batch state change")
        verbose_name_plural = _("archive batch state changes")


class ArchivedDocument(models.Model):
    """Văn bản lưu trữ: one uploaded decision, what was read from it, and its searchable PDF."""

    batch = models.ForeignKey(ArchiveBatch, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveIntegerField(default=0)  # order of upload in the batch
    original = models.FileField(_("file"), upload_to=original_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=DocumentStatus.choices,
                              default=DocumentStatus.QUEUED)
    error = models.TextField(_("error"), blank=True)
    reading = models.JSONField(default=dict, blank=True)  # AwardDocument.as_json()
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    ocr = models.BooleanField(_("read by OCR"), default=False)
    searchable_pdf = models.FileField(_("searchable PDF"), upload_to=searchable_path, max_length=255, blank=True)
    number = models.CharField(_("decision number"), max_length=64, blank=True)
    date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    issuing_authority = models.ForeignKey("orgs.IssuingAuthority", verbose_name=_("issuing authority"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="archived_documents")
    title = models.TextField(_("title"), blank=True)
    year = models.PositiveSmallIntegerField(_("achievement year"), null=True, blank=True)
    # A decision recognising initiatives (tdkt.lib.awarddoc INITIATIVE_DECISION): its lines are the authors,
    # and its scope of effect, as read or as the officer chose it when it could not be read.
    recognises_initiatives = models.BooleanField(_("recognises initiatives"), default=False)
    scope = models.CharField(_("scope of effect"), max_length=16, choices=InitiativeScope.choices, blank=True)

    class Meta:
        verbose_name = _("archived document")
        verbose_name_plural = _("archived documents")
        ordering = ["batch", "position", "id"]
        # The same file is archived once; a file that could not be read may be uploaded again.
        constraints = [models.UniqueConstraint(fields=["sha256"], condition=~Q(status="failed"),
                                               name="archived_document_unique_file")]

    def __str__(self):
        return self.number or self.original_name


class ArchivedLine(models.Model):
    """One recipient written in an archived document, and what it was matched to."""

    document = models.ForeignKey(ArchivedDocument, on_delete=models.CASCADE, related_name="lines")
    line = models.PositiveIntegerField(_("line"))
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16)  # tdkt.lib.awarddoc INDIVIDUAL / COLLECTIVE / HOUSEHOLD
    position = models.CharField(_("position"), max_length=255, blank=True)
    unit_text = models.CharField(_("unit as written"), max_length=255, blank=True)
    award_text = models.CharField(_("award as written"), max_length=500, blank=True)
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("title or form"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    confidence = models.FloatField(_("confidence"), default=1.0)
    birth = models.CharField(_("birth"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=LineStatus.choices)
    message = models.TextField(_("message"), blank=True)
    candidates = models.JSONField(default=list, blank=True)  # [{pk, name, unit, birth}]
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="archived_lines")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("collective"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="archived_lines")
    choice = models.CharField(_("officer's choice"), max_length=8, choices=LineChoice.choices, blank=True,
                              default=LineChoice.NONE)
    # An author of an initiative (a decision recognising initiatives): which initiative of the reading
    # (its index in reading["initiatives"]), its title for the review page, and the share when written.
    initiative = models.PositiveSmallIntegerField(_("initiative"), null=True, blank=True)
    initiative_title = models.CharField(_("initiative"), max_length=500, blank=True)
    share = models.PositiveSmallIntegerField(_("share (%)"), null=True, blank=True)

    class Meta:
        verbose_name = _("archived line")
        verbose_name_plural = _("archived lines")
        ordering = ["document", "line", "id"]
        indexes = [models.Index(fields=["document", "status"], name="archived_line_status_idx")]

    def __str__(self):
        return f"{self.document_id}:{self.line} {self.name}"
