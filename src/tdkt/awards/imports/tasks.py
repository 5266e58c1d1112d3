"""Background tasks of the history import (django.tasks): long files are validated and committed
outside the request. With the ImmediateBackend (development, tests) they run inline when enqueued."""

from django.contrib.auth import get_user_model
from django.tasks import task

from tdkt.awards.imports.models import ImportBatch


@task
def validate_batch_task(batch_id: int, user_id: int) -> None:
    from tdkt.awards.imports.services import validate_batch

    validate_batch(ImportBatch.objects.get(pk=batch_id), by=get_user_model().objects.get(pk=user_id))


@task
def commit_batch_task(batch_id: int, user_id: int) -> None:
    from tdkt.awards.imports.commit import commit_batch

    commit_batch(ImportBatch.objects.get(pk=batch_id), by=get_user_model().objects.get(pk=user_id))
