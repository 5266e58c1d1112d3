from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningDraft(models.Model):
    """A PDF of a decision the system handed out for signing: the signed copy must begin with exactly these
    bytes (verify.py, rule 4). Only the size and the hash are kept; the file itself is the officer's."""

    # A draft's record means nothing without its decision (a draft decision may be deleted after a return).
    decision = models.ForeignKey("decisions.Decision", on_delete=models.CASCADE, related_name="signing_drafts")
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("draft for signing")
        verbose_name_plural = _("drafts for signing")
        constraints = [models.UniqueConstraint(fields=["decision", "sha256"], name="signing_draft_unique")]

    def __str__(self):
        return f"{self.decision_id}: {self.sha256[:12]}"


class DocumentSignature(models.Model):
    """A digital signature found valid on a decision's signed copy when it was recorded (one row per signature,
    in the file's order). The public verification page shows these."""

    decision = models.ForeignKey("decisions.Decision", on_delete=models.PROTECT, related_name="digital_signatures")
    position = models.PositiveSmallIntegerField()
    signer = models.CharField(_("signer"), max_length=255)
    issuer = models.CharField(_("certificate issuer"), max_length=255)
    serial = models.CharField(_("certificate serial number"), max_length=80)
    signed_at = models.DateTimeField(_("signing time"), null=True, blank=True)
    timestamped = models.BooleanField(_("time-stamped"), default=False)
    mechanism = models.CharField(max_length=40)
    file_sha256 = models.CharField(max_length=64)
    checked_at = models.DateTimeField(_("checked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digital signature")
        verbose_name_plural = _("digital signatures")
        ordering = ["decision", "position"]
        constraints = [models.UniqueConstraint(fields=["decision", "position"], name="document_signature_unique")]

    def __str__(self):
        return f"{self.signer} ({self.signed_at:%d/%m/%Y %H:%M})" if self.signed_at else self.signer


class PendingSignature(models.Model):
    """A decision prepared for a remote signer (interrupted signing): the file with its placeholder and the
    digest sent out, waiting for the CMS."""

    decision = models.ForeignKey("decisions.Decision", on_delete=models.CASCADE, related_name="pending_signatures")
    prepared_pdf = models.BinaryField()
    document_digest = models.CharField(max_length=128)  # hex
    reserved_start = models.PositiveIntegerField()
    reserved_end = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("signature awaiting a remote signer")
        verbose_name_plural = _("signatures awaiting a remote signer")

    def __str__(self):
        return f"{self.decision_id}: {self.document_digest[:12]}"
