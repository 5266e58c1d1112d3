"""The steps of a history import, one function each:

create_batch (upload) → map_columns (mapping, then validation starts) → validate_batch → resolve_row
(doubtful matches) → start_commit → commit_batch (tdkt.awards.imports.commit).

Files of more than BACKGROUND_ROWS rows are validated and committed by a background job
(tdkt.awards.imports.jobs, run by the worker), enqueued when the request's transaction commits; the batch page shows
rows_done / total_rows. Validation writes its rows chunk by chunk (progress visible at once); it changes
no domain data. Every change of the batch's state goes through IMPORT_BATCH.perform (tdkt.awards.imports.transitions):
conditional update, history row, audit row. Other facts are audited here (the mapping, a review decision); the commit
writes one IMPORT row with the counts (persons and records created), and the per-row report (ImportRow) is the
detailed trail.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.imports import columns
from tdkt.awards.imports.batches import CHUNK, COMMIT, VALIDATE, as_system, count_rows, refuse_unless
from tdkt.awards.imports.checks import Existing, FileDuplicates, identity
from tdkt.awards.imports.commit import commit_batch
from tdkt.awards.imports.models import BatchState, ImportBatch, ImportKind, ImportRow, ReviewDecision, RowStatus
from tdkt.awards.imports.persons import PersonIndex
from tdkt.awards.imports.readers import ImportFileError, check_text_encoding, inspect_file, iter_data_rows
from tdkt.awards.imports.rows import RowContext, UnitLookup, parse_row
from tdkt.awards.imports.transitions import IMPORT_BATCH
from tdkt.awards.matching import AwardMatcher
from tdkt.jobs.services import start_job
from tdkt.lib.uploads import SniffedUpload, UploadError, read_upload
from tdkt.workflow.machine import SYSTEM

BACKGROUND_ROWS = 2000


def chunked(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _check_unit(by, unit) -> None:
    if not get_scope(by).can_write_unit(unit.pk):
        raise ValidationError({"unit": _("You may not import the history of “%(unit)s”.") % {"unit": unit}})


def stored_upload(batch: ImportBatch) -> SniffedUpload:
    with batch.file.open("rb") as handle:
        data = handle.read()
    kind = "xlsx" if batch.file.name.endswith(".xlsx") else "csv"
    return SniffedUpload(kind=kind, mime="", data=data, name=batch.original_name)


def previous_imports(batch: ImportBatch):
    """Earlier batches of the very same file (same SHA-256): re-importing it adds nothing."""
    return ImportBatch.objects.filter(sha256=batch.sha256, kind=batch.kind).exclude(pk=batch.pk).order_by("-created_at")


@transaction.atomic
def create_batch(*, by, kind: str, unit, uploaded, field_label: str) -> ImportBatch:
    """Store an uploaded file (size checked before it is read, content sniffed: tdkt.lib.uploads) after
    refusing what cannot be imported; guess the columns, remembered mappings first.
    Refusals are ValidationError({"file": [precise message]})."""
    _check_unit(by, unit)
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Choose what the file holds.")})
    try:
        try:
            upload = read_upload(uploaded, allowed={"xlsx", "csv"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                                 field_label=field_label)
        except UploadError:
            if uploaded.size <= settings.UPLOAD_MAX_BYTES:  # UTF-16 text gets its own message
                uploaded.seek(0)
                check_text_encoding(uploaded.read(2), field_label)
            raise
        info = inspect_file(upload)
    except (UploadError, ImportFileError) as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    batch = ImportBatch(kind=kind, uploaded_by=by, unit=unit, original_name=str(uploaded.name or "")[:255],
                        sha256=hashlib.sha256(upload.data).hexdigest(), header_row=info.header_row,
                        header=info.header, total_rows=info.total_rows)
    batch.mapping = columns.guess_mapping(kind, info.header)
    batch.file.save(f"upload.{upload.kind}", ContentFile(upload.data), save=False)
    batch.save()
    record(by, AuditAction.CREATE, batch, changes={"file": batch.original_name, "sha256": batch.sha256,
                                                   "rows": batch.total_rows, "kind": kind, "unit": unit.pk})
    return batch


def map_columns(batch: ImportBatch, mapping: dict, *, by) -> ImportBatch:
    """Save the column mapping (remembered for files with the same headings) and start validation."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        refuse_unless(batch, BatchState.DRAFT, BatchState.VALIDATED, BatchState.FAILED)
        mapping = columns.clean_mapping(batch.kind, mapping, len(batch.header))
        errors = columns.mapping_errors(batch.kind, mapping, batch.header)
        if errors:
            raise ValidationError(errors)
        before = batch.mapping
        batch.mapping = mapping
        batch.save(update_fields=["mapping"])
        columns.remember_mapping(batch.kind, batch.header, mapping)
        record(by, AuditAction.UPDATE, batch, changes={"mapping": [before, mapping]})
    return start_validation(batch, by=by)


def start_validation(batch: ImportBatch, *, by) -> ImportBatch:
    """Validate now, or in the background for a long file."""
    if batch.total_rows <= BACKGROUND_ROWS:
        return validate_batch(batch, by=by)
    _begin_validation(batch, by=by)
    start_job(VALIDATE, by=by, params={"batch": batch.pk}, title=_("Check %(file)s") % {"file": batch.original_name})
    batch.refresh_from_db()
    return batch


def _begin_validation(batch: ImportBatch, *, by) -> ImportBatch:
    """draft → validating (start_validation), or validated/failed → validating (revalidate). Outside an
    enclosing transaction the primitive commits at once: the batch page shows "being checked" meanwhile."""
    name = "start_validation" if batch.state == BatchState.DRAFT else "revalidate"
    return IMPORT_BATCH.perform(batch, name, by=by, rows_done=0, error="")


def _progress(batch: ImportBatch) -> Callable[[int], None]:
    def report(done: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done)
    return report


def _row_verdict(parsed, errors, match, existing, duplicates, units, number) -> tuple[str, list[str], int | None]:
    """Status, messages and matched person of one parsed row."""
    if errors:
        return RowStatus.ERROR, errors, None
    if match.doubtful:
        problem = duplicates.problem(parsed, identity(None, parsed["person_key"]), number)
        return (RowStatus.ERROR, [problem], None) if problem else (RowStatus.REVIEW, [match.message], None)
    if match.person_id is None and parsed["unit_id"] in units.dissolved:
        return RowStatus.ERROR, [_("A new person cannot be added to “%(unit)s”: that unit has been dissolved.") % {
            "unit": parsed["unit_name"]}], None
    problem = duplicates.problem(parsed, identity(match.person_id, parsed["person_key"]), number)
    if problem:
        return RowStatus.ERROR, [problem], match.person_id
    if match.person_id is None:
        return RowStatus.READY, [_("A new person will be created.")], None
    status, message, _pk = existing.verdict(parsed, match.person_id, parsed["name"])
    messages = [message] if message else [_("Matched to an existing person.")]
    return status, messages, match.person_id


def _insert_rows(rows: list[tuple]) -> None:
    """One statement per chunk: Django's bulk_create spends most of its time building the SQL of 2,000
    rows of JSON. PostgreSQL: INSERT … SELECT FROM unnest(arrays); SQLite: one executemany."""
    table = ImportRow._meta.db_table
    values = [(batch_id, number, json.dumps(raw, ensure_ascii=False), json.dumps(parsed, ensure_ascii=False), status,
               json.dumps(messages, ensure_ascii=False), key, person_id)
              for batch_id, number, raw, parsed, status, messages, key, person_id in rows]
    columns = "batch_id, number, raw, parsed, status, messages, person_key, match_person_id, review_decision"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT *, '' FROM unnest(%s::bigint[], %s::integer[], "  # noqa: S608
                "%s::jsonb[], %s::jsonb[], %s::varchar[], %s::jsonb[], %s::varchar[], %s::bigint[])",
                [list(column) for column in zip(*values, strict=True)])
        else:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, '')",  # noqa: S608
                               values)


def run_validation(batch: ImportBatch, *, by, progress: Callable[[int], None] | None = None) -> int:
    """Read every row, check it and match its person; store the rows chunk by chunk. Returns the row count.

    Queries per chunk of CHUNK rows, whatever the file: persons (1), existing records (1–2), row inserts.
    """
    ctx = RowContext(kind=batch.kind, mapping=batch.mapping, header=batch.header, default_unit_id=batch.unit_id,
                     units=UnitLookup(get_scope(by)), today=timezone.localdate(),
                     awards=AwardMatcher() if batch.kind == ImportKind.AWARDS else None)
    duplicates = FileDuplicates(batch.kind)
    ImportRow.objects.filter(batch=batch).delete()
    done = 0
    for chunk in chunked(iter_data_rows(stored_upload(batch), batch.header_row)):
        parsed_rows = [(number, *parse_row(ctx, number, cells)) for number, cells in chunk]
        index = PersonIndex((parsed.get("unit_id"), parsed.get("name_folded")) for _n, _r, parsed, _e in parsed_rows)
        matches = {number: index.match(parsed) for number, _raw, parsed, errors in parsed_rows if parsed}
        existing = Existing(batch.kind, [m.person_id for m in matches.values()],
                            [parsed for _n, _r, parsed, _e in parsed_rows])
        rows = []
        for number, raw, parsed, errors in parsed_rows:
            match = matches.get(number)
            status, messages, person_id = _row_verdict(parsed, errors, match, existing, duplicates, ctx.units, number) \
                if match else (RowStatus.ERROR, errors, None)
            if match and match.doubtful:
                parsed["candidates"] = match.candidates
            rows.append((batch.pk, number, raw, parsed, status, messages, parsed.get("person_key", ""), person_id))
        _insert_rows(rows)
        done += len(chunk)
        if progress:
            progress(done)
    return done


def validate_batch(batch: ImportBatch, *, by) -> ImportBatch:
    """Check every row; doubtful person matches wait in the review queue. Nothing is recorded yet."""
    batch = ImportBatch.objects.get(pk=batch.pk)
    refuse_unless(batch, BatchState.DRAFT, BatchState.VALIDATING, BatchState.VALIDATED, BatchState.FAILED)
    if batch.state == BatchState.VALIDATING:  # started by start_validation (a job, or its retry)
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=0, error="")
    else:
        _begin_validation(batch, by=by)
    try:  # no enclosing transaction: each chunk of rows is stored at once, so the progress shows
        total = run_validation(batch, by=by, progress=_progress(batch))
    except Exception as exc:
        batch = ImportBatch.objects.get(pk=batch.pk)
        IMPORT_BATCH.perform(batch, "validation_failed", by=SYSTEM, reason=str(exc)[:2000], extra=as_system(by),
                             error=str(exc)[:2000])
        raise
    batch.refresh_from_db()
    return IMPORT_BATCH.perform(batch, "validated", by=SYSTEM, extra=as_system(by), total_rows=total,
                                rows_done=total, counts=count_rows(batch), validated_at=timezone.now(), error="")


@transaction.atomic
def resolve_row(row: ImportRow, *, by, person_id: int | None) -> int:
    """Decide a doubtful match: one of the proposed persons, or a new person (person_id None). Applies
    to every waiting row of the batch about the same person (same person key). Returns the rows decided."""
    batch = ImportBatch.objects.select_for_update().get(pk=row.batch_id)
    refuse_unless(batch, BatchState.VALIDATED)
    row = ImportRow.objects.get(pk=row.pk)
    if row.status != RowStatus.REVIEW:
        raise ValidationError(_("This row does not wait for a review."))
    proposed = {candidate["id"] for candidate in row.parsed.get("candidates", [])}
    if person_id is not None and person_id not in proposed:
        raise ValidationError(_("Choose one of the persons proposed for this row."))
    decision = ReviewDecision.PERSON if person_id else ReviewDecision.NEW
    message = _("Matched to an existing person.") if person_id else _("A new person will be created.")
    waiting = ImportRow.objects.filter(batch=batch, status=RowStatus.REVIEW, person_key=row.person_key)
    decided = waiting.update(status=RowStatus.READY, review_decision=decision,  # not a state: a row's outcome
                             match_person_id=person_id, messages=[message])
    batch.counts = count_rows(batch)
    batch.save(update_fields=["counts"])
    record(by, AuditAction.UPDATE, batch, changes={"review": {"row": row.number, "decision": decision,
                                                              "person": person_id, "rows": decided}})
    return decided


def _check_committable(batch: ImportBatch) -> None:
    refuse_unless(batch, BatchState.VALIDATED)
    errors, waiting = batch.count(RowStatus.ERROR), batch.count(RowStatus.REVIEW)
    if errors:
        raise ValidationError(_("Correct the %(count)s rows with errors and upload the file again; nothing has been "
                                "imported.") % {"count": errors})
    if waiting:
        raise ValidationError(_("Decide the %(count)s rows waiting for review first.") % {"count": waiting})


def start_commit(batch: ImportBatch, *, by) -> ImportBatch:
    """Commit now, or in the background for a long file. Refuses while rows have errors or wait for review."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        locked.counts = count_rows(locked)
        _check_committable(locked)
        IMPORT_BATCH.perform(locked, "start_commit", by=by, rows_done=0, error="", counts=locked.counts)
    if locked.total_rows <= BACKGROUND_ROWS:
        return commit_batch(locked, by=by)
    start_job(COMMIT, by=by, params={"batch": locked.pk}, title=_("Import %(file)s") % {"file": locked.original_name})
    return locked


def _step(service: Callable) -> Callable:
    """A service as the handler of its transition: the generated action page and the API run the step through
    the service (its checks, the job of a long file), never around it; the object they hold is brought up to date."""
    def handler(batch: ImportBatch, *, by, reason: str = "") -> ImportBatch:
        service(batch, by=by)
        batch.refresh_from_db()
        return batch
    return handler


IMPORT_BATCH.implements("start_validation")(_step(start_validation))
IMPORT_BATCH.implements("revalidate")(_step(start_validation))
IMPORT_BATCH.implements("start_commit")(_step(start_commit))
