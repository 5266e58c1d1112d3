"""What the history import's services, commit and jobs share: the chunk size, the job kinds, the state guard
of a batch and its row counts."""

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from tdkt.awards.imports.models import ImportBatch, ImportRow

CHUNK = 2000
VALIDATE = "awards.import_validate"  # job kinds (tdkt.awards.imports.jobs)
COMMIT = "awards.import_commit"


def refuse_unless(batch: ImportBatch, *states) -> None:
    if batch.state not in states:
        raise ValidationError(_("This import cannot do that now: it is “%(status)s”.") % {
            "status": batch.get_state_display()})


def as_system(by) -> dict:
    """The user a system transition works for, kept in its history row."""
    return {"for": getattr(by, "username", "") or str(by)}


def count_rows(batch: ImportBatch) -> dict[str, int]:
    return dict(ImportRow.objects.filter(batch=batch).order_by().values_list("status").annotate(n=Count("id")))
