"""Reads of the archive wizard with access checked in the same step: the province's specialists see every
batch, unit clerks and leaders the batches of the units they write for (and their own uploads); others 404."""

from django.db.models import Q
from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.awards.archive.models import ArchiveBatch, ArchivedDocument, ArchivedLine
from tdkt.awards.imports.queries import may_handle_batch
from tdkt.awards.models import AwardType


def batches_for_user(user):
    """Batches in the user's reach, newest first, with unit and uploader: one query."""
    scope = get_scope(user)
    batches = ArchiveBatch.objects.select_related("unit", "uploaded_by")
    if not scope.write_all:
        batches = batches.filter(Q(unit_id__in=scope.writable_unit_ids) | Q(uploaded_by=user))
    return batches.order_by("-created_at", "-id")


def get_batch_for_user(user, pk) -> ArchiveBatch:
    batch = ArchiveBatch.objects.select_related("unit", "uploaded_by").filter(pk=pk).first()
    if batch is None or not may_handle_batch(user, batch):
        raise Http404
    return batch


def get_document_for_user(user, pk) -> ArchivedDocument:
    document = (ArchivedDocument.objects.select_related("batch", "batch__unit", "issuing_authority")
                .filter(pk=pk).first())
    if document is None or not may_handle_batch(user, document.batch):
        raise Http404
    return document


def documents_of(batch: ArchiveBatch) -> list[ArchivedDocument]:
    """The batch's documents with their authority: one query, whatever their number."""
    return list(ArchivedDocument.objects.filter(batch=batch).select_related("issuing_authority")
                .defer("reading").order_by("position", "pk"))


def lines_of(document: ArchivedDocument) -> list[ArchivedLine]:
    """The review list: one query (award type, person and collective joined)."""
    return list(ArchivedLine.objects.filter(document=document)
                .select_related("award_type", "person", "person__unit", "unit").order_by("line", "pk"))


def award_types():
    """The awards an officer may name for a line whose award text was not recognised: one query."""
    return list(AwardType.objects.filter(active=True).order_by("name").only("pk", "name", "for_individual",
                                                                             "for_collective"))
