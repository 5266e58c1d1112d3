"""The archive's background work (tdkt.jobs): reading a batch (OCR of scans included) and recording a big
one. Reading is safe to retry (read documents are kept; a document being read is read again); the commit
records every line or nothing."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.awards.archive.commit import commit_batch
from tdkt.awards.archive.models import ArchiveBatch, ArchiveState
from tdkt.awards.archive.reading import COMMIT, READ, read_batch
from tdkt.awards.imports.queries import may_handle_batch
from tdkt.jobs.registry import register

PER_PAGE_SECONDS = 60  # OCR time allowed per document, on top of a fixed allowance


def can_access(user, params: dict) -> bool:
    batch = ArchiveBatch.objects.filter(pk=params.get("batch")).first()
    return batch is not None and getattr(user, "is_authenticated", False) and may_handle_batch(user, batch)


def _batch_and_user(job):
    return ArchiveBatch.objects.get(pk=job.params["batch"]), get_user_model().objects.get(pk=job.created_by_id)


def run_read(job, progress) -> None:
    batch, user = _batch_and_user(job)
    progress.set_link(reverse("awards:archive_detail", args=[batch.pk]))
    read_batch(batch, by=user, progress=progress)


def run_commit(job, progress) -> None:
    batch, user = _batch_and_user(job)
    progress.set_total(1)
    progress.set_link(reverse("awards:archive_detail", args=[batch.pk]))
    batch = commit_batch(batch, by=user)
    if batch.state == ArchiveState.FAILED:  # nothing was recorded; the reason is on the batch page too
        raise ValidationError(batch.error)
    progress.advance(1)


register(READ, title=_("Read archived documents"), run=run_read, can_access=can_access, retry_safe=True,
         time_limit=6 * 3600)
register(COMMIT, title=_("Record an archive batch"), run=run_commit, can_access=can_access, retry_safe=True,
         time_limit=3600)
