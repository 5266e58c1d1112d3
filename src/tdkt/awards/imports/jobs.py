"""The history import's background work as jobs (tdkt.jobs): a long file is validated, then committed, by
the worker; the batch page shows rows_done / total_rows and the job page the same figures.

Both are transactional as the jobs contract asks: validation changes no domain data (its report rows are
written again from the start on each run), and the commit records every row or nothing."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.awards.imports.batches import COMMIT, VALIDATE
from tdkt.awards.imports.commit import commit_batch
from tdkt.awards.imports.models import BatchState, ImportBatch
from tdkt.awards.imports.queries import may_handle_batch
from tdkt.awards.imports.services import validate_batch
from tdkt.jobs.registry import register


def can_access(user, params: dict) -> bool:
    batch = ImportBatch.objects.filter(pk=params.get("batch")).first()
    return batch is not None and getattr(user, "is_authenticated", False) and may_handle_batch(user, batch)


def _batch_and_user(job):
    return ImportBatch.objects.get(pk=job.params["batch"]), get_user_model().objects.get(pk=job.created_by_id)


def run_validate(job, progress) -> None:
    batch, user = _batch_and_user(job)
    progress.set_total(batch.total_rows)
    progress.set_link(reverse("awards:import_detail", args=[batch.pk]))
    batch = validate_batch(batch, by=user)
    progress.set_total(batch.total_rows)
    progress.advance(batch.rows_done)


def run_commit(job, progress) -> None:
    batch, user = _batch_and_user(job)
    progress.set_total(batch.total_rows)
    progress.set_link(reverse("awards:import_detail", args=[batch.pk]))
    batch = commit_batch(batch, by=user)
    if batch.state == BatchState.FAILED:  # nothing was saved; the reason is on the batch page too
        raise ValidationError(batch.error)
    progress.advance(batch.rows_done)


# Registered when tdkt.jobs autodiscovers the apps' `jobs` modules (JobsConfig.ready()).
register(VALIDATE, title=_("Check an award history file"), run=run_validate, can_access=can_access,
         retry_safe=True, time_limit=1800)
register(COMMIT, title=_("Import an award history file"), run=run_commit, can_access=can_access,
         retry_safe=False, time_limit=3600)
