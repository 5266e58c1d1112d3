"""The work reports units send to the province (báo cáo sơ kết 6 tháng / tổng kết năm of a unit), one current
report per unit, kind and year. Sending again replaces the current report and keeps the former one (its row is
marked `replaced_at`, its file stays): the province sees what was sent and when, the unit may correct itself."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.reports.enums import ReportKind

EXTENSIONS = {"pdf": ".pdf", "docx": ".docx"}


def submission_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/reports/work/, named by content hash; served only through an access-checked view."""
    suffix = PurePosixPath(filename.lower()).suffix
    suffix = suffix if suffix in EXTENSIONS.values() else ".bin"
    return f"reports/work/{instance.year}/{instance.kind}/{instance.unit_id}-{instance.sha256[:16]}{suffix}"


class WorkReportSubmission(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="work_reports")
    kind = models.CharField(_("kind of report"), max_length=16, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    file = models.FileField(_("file"), upload_to=submission_path, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64, editable=False)
    size = models.PositiveIntegerField(_("size"))
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT,
                                related_name="+")
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("work report sent")
        verbose_name_plural = _("work reports sent")
        ordering = ["year", "kind", "unit", "-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "kind", "year"], condition=Q(replaced_at__isnull=True),
                                               name="work_report_one_current_per_unit")]

    def __str__(self):
        return f"{self.unit} — {self.get_kind_display()} {self.year}"
