"""Reads of the history import, with access checked in the same step: province-wide roles see every
batch; unit clerks and leaders the batches of the units they write for and their own uploads; others 404."""

from itertools import groupby

from django.db.models import Q
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.awards.imports.models import ImportBatch, ImportRow, RowStatus

PREVIEW_ROWS = 100
REVIEW_ROWS = 300


def batches_for_user(user):
    """Batches in the user's scope, newest first, with unit and uploader: one query."""
    scope = get_scope(user)
    batches = ImportBatch.objects.select_related("unit", "uploaded_by")
    if not scope.write_all:
        batches = batches.filter(Q(unit_id__in=scope.writable_unit_ids) | Q(uploaded_by=user))
    return batches.order_by("-created_at", "-id")


def may_handle_batch(user, batch) -> bool:
    """An uploaded batch (history import or archive) is handled by whoever writes for its unit, and by its
    uploader."""
    scope = get_scope(user)
    return scope.can_write_unit(batch.unit_id) or batch.uploaded_by_id == user.pk


def get_batch_for_user(user, pk) -> ImportBatch:
    batch = ImportBatch.objects.select_related("unit", "uploaded_by").filter(pk=pk).first()
    if batch is None or not may_handle_batch(user, batch):
        raise Http404
    return batch


def get_row_for_user(user, pk) -> ImportRow:
    row = ImportRow.objects.select_related("batch", "batch__unit").filter(pk=pk).first()
    if row is None or not may_handle_batch(user, row.batch):
        raise Http404
    return row


def preview_rows(batch: ImportBatch, status: str = "", limit: int = PREVIEW_ROWS) -> list[ImportRow]:
    rows = ImportRow.objects.filter(batch=batch).select_related("match_person").order_by("number")
    if status in RowStatus.values:
        rows = rows.filter(status=status)
    return list(rows[:limit])


def review_queue(batch: ImportBatch, limit: int = REVIEW_ROWS) -> list[tuple[ImportRow, list[int]]]:
    """One entry per person waiting for a decision: its first row and the numbers of all its rows."""
    rows = ImportRow.objects.filter(batch=batch, status=RowStatus.REVIEW).order_by("person_key", "number")[:limit]
    queue = []
    for _key, group in groupby(rows, key=lambda row: row.person_key):
        group = list(group)
        queue.append((group[0], [row.number for row in group]))
    return sorted(queue, key=lambda entry: entry[0].number)
