"""Emulation covenants (giao ước thi đua): what the members of a cluster or block sign at the start of the
year, with the targets of each member unit."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def covenant_document_path(instance, filename: str) -> str:
    suffix = PurePosixPath(filename.lower()).suffix
    suffix = suffix if suffix in (".pdf", ".docx") else ".bin"
    return f"movements/covenants/{instance.group_year_id}/{instance.document_sha256[:24]}{suffix}"


class Covenant(models.Model):
    """The covenant of one group-year: signing date, host unit (by default that year's head), content and
    the signed document."""

    group_year = models.OneToOneField("orgs.EmulationGroupYear", verbose_name=_("cluster or block and year"),
                                      on_delete=models.PROTECT, related_name="covenant")
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    host_unit = models.ForeignKey("orgs.Unit", verbose_name=_("host unit"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="hosted_covenants")
    content = models.TextField(_("content"), blank=True)
    document = models.FileField(_("signed document"), upload_to=covenant_document_path, max_length=255, blank=True)
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("emulation covenant")
        verbose_name_plural = _("emulation covenants")
        ordering = ["-group_year__year", "group_year__group__name"]

    def __str__(self):
        return str(_("Covenant of %(group)s") % {"group": self.group_year})


class CovenantTarget(models.Model):
    """A member unit's targets in the covenant."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    targets = models.TextField(_("targets"))

    class Meta:
        verbose_name = _("covenant target")
        verbose_name_plural = _("covenant targets")
        ordering = ["covenant", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["covenant", "unit"], name="covenant_target_once")]

    def __str__(self):
        return f"{self.unit}: {self.targets[:60]}"
