"""Upload and reading of an archive batch.

create_batch (the request): every file checked (size, content sniffed: tdkt.lib.uploads), a file already in
the archive (same SHA-256, any batch) reported and left out, the others stored privately; ONE background job
is queued that reads them all (read_batch). OCR runs only in the job. Each document is read in its own
try and transaction: a bad file fails alone with its Vietnamese message, the others go on."""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.archive.matching import LineMatcher, batch_unit_ids, match_authority
from tdkt.awards.archive.models import ArchiveBatch, ArchivedDocument, ArchivedLine, ArchiveState, DocumentStatus
from tdkt.awards.archive.transitions import ARCHIVE_BATCH
from tdkt.awards.matching import AwardMatcher
from tdkt.jobs.services import start_job
from tdkt.lib.awarddoc import INITIATIVE_DECISION, read_award_bytes
from tdkt.lib.docguard import DocumentError
from tdkt.lib.uploads import UploadError, check_size, sniff_upload
from tdkt.workflow.machine import SYSTEM

logger = logging.getLogger(__name__)

READ = "awards.archive_read"  # job kinds (tdkt.awards.archive.jobs)
COMMIT = "awards.archive_commit"
MAX_FILES = 100
ACCEPTED = {"pdf", "docx", "image", "csv"}  # "csv": plain text (sniffed as UTF-8 text)
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "csv": ".txt"}


@dataclass
class UploadReport:
    batch: ArchiveBatch | None = None
    skipped: list[str] = field(default_factory=list)  # Vietnamese messages, one per file left out


def _suffix(kind: str, mime: str) -> str:
    return SUFFIX.get(kind) or (".png" if mime == "image/png" else ".jpg")


def batch_counts(batch: ArchiveBatch) -> dict[str, int]:
    return dict(ArchivedDocument.objects.filter(batch=batch).order_by().values_list("status")
                .annotate(n=Count("id")))


def create_batch(*, by, unit, files) -> UploadReport:
    """Store the files of a new batch of `unit`'s archive and queue its reading. A file refused (type, size)
    or already archived is reported in `skipped`; when none is left, no batch is made. ValidationError when
    the user may not write for the unit or sends too many files."""
    if not get_scope(by).can_write_unit(unit.pk):
        raise ValidationError({"unit": _("You may not digitise the archive of “%(unit)s”.") % {"unit": unit}})
    if len(files) > MAX_FILES:
        raise ValidationError({"files": _("At most %(count)s files at once.") % {"count": MAX_FILES}})
    report = UploadReport()
    accepted = []
    hashes: dict[str, str] = {}
    for uploaded in files:
        name = str(uploaded.name or "")[:255]
        try:
            check_size(uploaded.size, max_bytes=settings.UPLOAD_MAX_BYTES, field_label=name)
            upload = sniff_upload(uploaded.read(settings.UPLOAD_MAX_BYTES + 1), allowed=ACCEPTED,
                                  max_bytes=settings.UPLOAD_MAX_BYTES, field_label=name)
        except UploadError as exc:
            report.skipped.append(str(exc))
            continue
        digest = hashlib.sha256(upload.data).hexdigest()
        if digest in hashes:
            report.skipped.append(_("%(file)s: the same file as %(other)s in this upload.") % {
                "file": name, "other": hashes[digest]})
            continue
        hashes[digest] = name
        accepted.append((name, digest, upload))
    earlier = dict(ArchivedDocument.objects.filter(sha256__in=hashes).exclude(status=DocumentStatus.FAILED)
                   .values_list("sha256", "batch_id"))
    for name, digest, _upload in accepted:
        if digest in earlier:
            report.skipped.append(_("%(file)s: already in the archive (batch %(batch)s).") % {
                "file": name, "batch": earlier[digest]})
    accepted = [item for item in accepted if item[1] not in earlier]
    if not accepted:
        return report
    with transaction.atomic():
        batch = ArchiveBatch.objects.create(uploaded_by=by, unit=unit, total=len(accepted))
        for position, (name, digest, upload) in enumerate(accepted, start=1):
            document = ArchivedDocument(batch=batch, position=position, original_name=name, sha256=digest)
            document.original.save("upload" + _suffix(upload.kind, upload.mime), ContentFile(upload.data),
                                   save=False)
            document.save()
        batch.counts = batch_counts(batch)
        batch.save(update_fields=["counts"])
        record(by, AuditAction.CREATE, batch, changes={"unit": unit.pk, "files": [n for n, _d, _u in accepted],
                                                       "skipped": report.skipped})
        start_job(READ, by=by, params={"batch": batch.pk},
                  title=_("Read %(count)s archived documents") % {"count": len(accepted)})
    report.batch = batch
    return report


def _apply_reading(document: ArchivedDocument, reading, data: bytes) -> None:
    """Store what was read: the header fields, the searchable PDF (the OCR'd scan, or the PDF itself)."""
    as_json = reading.as_json()
    document.reading = as_json
    document.page_count = reading.page_count
    document.ocr = bool(reading.ocr)
    document.number = (reading.number or "")[:64]
    document.date = reading.date
    document.issuer = (reading.issuer or "")[:255]
    document.title = reading.title or ""
    years = reading.years
    document.year = years[1] if years else (reading.date.year if reading.date else None)
    document.issuing_authority = match_authority(reading.issuer, reading.number)
    document.recognises_initiatives = reading.kind == INITIATIVE_DECISION
    document.scope = (reading.scope or "") if document.recognises_initiatives else ""
    pdf = reading.ocr_pdf if reading.ocr_pdf else (data if document.original.name.endswith(".pdf") else None)
    if pdf:
        document.searchable_pdf.save("searchable.pdf", ContentFile(pdf), save=False)


def read_document(document: ArchivedDocument, *, matcher: LineMatcher) -> ArchivedDocument:
    """Read one stored file and match its lines; on failure the document keeps its Vietnamese reason."""
    with document.original.open("rb") as handle:
        data = handle.read()
    name = Path(document.original_name).stem + Path(document.original.name).suffix
    try:
        reading = read_award_bytes(data, name, ocr=True)
    except DocumentError as exc:
        # The reader's message names the page or line; the file's name goes first (a batch has many).
        document.status, document.error = DocumentStatus.FAILED, f"{document.original_name}: {exc}"[:2000]  # not a state: a document's outcome
        document.save(update_fields=["status", "error"])
        return document
    except Exception as exc:  # a reader bug must not stop the batch: the file fails alone, the log keeps why
        logger.exception("archive: reading %s failed", document.pk)
        document.status = DocumentStatus.FAILED  # not a state: a document's outcome
        document.error = _("%(file)s could not be read (%(error)s).") % {"file": document.original_name,
                                                                        "error": type(exc).__name__}
        document.save(update_fields=["status", "error"])
        return document
    with transaction.atomic():
        _apply_reading(document, reading, data)
        lines = matcher.lines(document, document.reading)
        if not lines:
            document.status = DocumentStatus.FAILED  # not a state: a document's outcome
            document.error = _("%(file)s: no recipient could be read (%(warnings)s).") % {
                "file": document.original_name,
                "warnings": "; ".join(f"dòng {w.line}: {w.message}" if w.line else w.message
                                      for w in reading.warnings[:5]) or "—"}
        else:
            document.status, document.error = DocumentStatus.READ, ""  # not a state: a document's outcome
        document.save()
        ArchivedLine.objects.filter(document=document).delete()  # a retried job reads again from the start
        ArchivedLine.objects.bulk_create(lines)
    return document


def read_batch(batch: ArchiveBatch, *, by, progress=None) -> ArchiveBatch:
    """Read every document not yet read, then read → `read`. Safe to retry: read documents are kept."""
    matcher = LineMatcher(batch, batch_unit_ids(batch), AwardMatcher())
    documents = list(ArchivedDocument.objects.filter(batch=batch).order_by("position", "pk"))
    if progress:
        progress.set_total(len(documents))
    done = 0
    for document in documents:
        if document.status in (DocumentStatus.QUEUED, DocumentStatus.READING):
            ArchivedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.READING)  # not a state: a document's outcome
            read_document(document, matcher=matcher)
        done += 1
        ArchiveBatch.objects.filter(pk=batch.pk).update(done=done, counts=batch_counts(batch))
        if progress:
            progress.advance(1)
    batch.refresh_from_db()
    if batch.state == ArchiveState.READING:
        batch = ARCHIVE_BATCH.perform(batch, "read", by=SYSTEM, extra={"for": getattr(by, "username", "")},
                                      counts=batch_counts(batch), done=done)
    return batch


def parse_day(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
