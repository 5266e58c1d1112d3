"""Importing a unit's nominee list into a dossier: all or nothing per file.

read (tdkt.lib.uploads: sniffed, size-limited; a Word file without a list table, a PDF with text or a text
file read as an award document into the same rows, documents.py) → parse (parsing.py) → match (matching.py) → if any
problem, nothing is saved and every problem is returned, naming its row and column; if some rows are
doubtful, nothing is saved and they are returned for review (`ImportOutcome.review`) until the clerk has
chosen, row by row, to link, create or drop (`choices`); else the persons the clerk chose to create and the
lines are bulk-created with one import batch id, the engine runs over all of them in bulk and the import
can be undone by its batch id (services.undo_import, which also removes the persons it created).

A batch id given by the caller makes the commit idempotent: a second commit of the same batch (a retried
confirmation) adds nothing and answers the first one's outcome.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers.authority import award_refusal
from tdkt.dossiers.eligibility import evaluate_lines, store_live
from tdkt.dossiers.enums import EventKind
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.nominees.documents import DocumentList, read_document_list, scan_message
from tdkt.dossiers.nominees.matching import ResolvedLine, Resolver, ReviewRow
from tdkt.dossiers.nominees.parsing import ListFileError, ListProblem, NoListTableError, parse_list, read_rows
from tdkt.dossiers.nominees.paste import paste_rows
from tdkt.dossiers.nominees.quotas import check_entry
from tdkt.dossiers.nominees.services import check_editable, check_lines_can_be_added, default_basis
from tdkt.dossiers.state import log_event
from tdkt.jobs import idempotency
from tdkt.lib.docparse import TEXT_SUFFIXES
from tdkt.lib.uploads import UploadError, check_size, sniff_upload
from tdkt.lib.vntext import fold
from tdkt.people.enums import PersonCategory
from tdkt.people.models import Person


@dataclass
class ImportOutcome:
    batch: str = ""
    lines: int = 0
    persons_created: int = 0
    problems: list[ListProblem] = field(default_factory=list)
    review: list[ReviewRow] = field(default_factory=list)  # doubtful rows, decided or not
    saved: bool = False
    repeated: bool = False  # the batch had already been committed: nothing was added
    warnings: list[ListProblem] = field(default_factory=list)  # a document's reader's, with their line

    @property
    def ok(self) -> bool:
        return not self.problems and self.saved

    @property
    def needs_review(self) -> bool:
        return not self.problems and not self.saved and bool(self.review)

IMPORT_KIND = "nominees.import"


def new_batch_id() -> str:
    return timezone.localtime().strftime("%Y%m%d%H%M") + "-" + uuid.uuid4().hex[:8]


# Sniffed kinds taken: an image is a scan, refused with its own message rather than "not accepted".
SNIFFED = {"xlsx", "docx", "pdf", "image"}


@dataclass
class ListSource:
    kind: str  # "xlsx", "docx" (the list table), or "document" (read by tdkt.lib.awarddoc)
    rows: list[tuple[int, list[str]]]
    document: DocumentList | None = None


def read_list_source(uploaded) -> ListSource:
    """The rows of an uploaded list, from its table (.xlsx, the Word "Danh sách đề nghị" table) or, for any other
    award document (.docx without that table, .pdf with text, .txt/.md/.html), from the document reader;
    ListFileError with a precise message when it cannot be read."""
    label, name = _("List file"), getattr(uploaded, "name", "") or ""
    try:
        check_size(uploaded.size, max_bytes=settings.UPLOAD_MAX_BYTES, field_label=label)
        # One byte more than the limit: the size a client declares is not trusted either.
        data = uploaded.read(settings.UPLOAD_MAX_BYTES + 1)
        check_size(len(data), max_bytes=settings.UPLOAD_MAX_BYTES, field_label=label)
    except UploadError as error:
        raise ListFileError(str(error)) from error
    if not data:
        raise ListFileError(_("%(field)s: the file is empty.") % {"field": label})
    if Path(name).suffix.lower() in TEXT_SUFFIXES and filetype.guess(data) is None:
        # Plain text has no signature to sniff: the document reader decodes it and refuses binaries and
        # legacy encodings with its own message.
        return ListSource("document", [], read_document_list(data, name))
    try:
        upload = sniff_upload(data, allowed=SNIFFED, max_bytes=settings.UPLOAD_MAX_BYTES, field_label=label,
                              name=name)
    except UploadError as error:
        raise ListFileError(_("%(field)s: this type of file is not accepted. Accepted: Excel (.xlsx), Word (.docx), "
                              "PDF with text, text (.txt, .md, .html).") % {"field": label}) from error
    if upload.kind == "image":
        raise ListFileError(scan_message(name))
    if upload.kind == "pdf":
        return ListSource("document", [], read_document_list(data, name))
    if upload.kind == "docx":
        try:
            return ListSource("docx", read_rows("docx", data, name))
        except NoListTableError:
            return ListSource("document", [], read_document_list(data, name))
    return ListSource(upload.kind, read_rows(upload.kind, data, name))


def read_list_file(uploaded) -> tuple[str, list[tuple[int, list[str]]]]:
    """(kind, rows) of an uploaded list; ListFileError with a precise message when it cannot be read."""
    source = read_list_source(uploaded)
    return source.kind, source.document.rows if source.document is not None else source.rows


def _document_lines(outcome: ImportOutcome, document: DocumentList | None) -> ImportOutcome:
    """A document's warnings on the outcome, and its rows named by their document line where they were
    numbered in list order (several names on one line)."""
    if document is None:
        return outcome
    outcome.warnings = list(document.warnings)
    if document.line_of:
        outcome.problems = [replace(problem, row=document.line_of.get(problem.row, problem.row))
                            for problem in outcome.problems]
        for item in outcome.review:
            item.document_line = document.line_of.get(item.row, item.row)
    return outcome


def import_rows(dossier, rows, *, by, choices: dict[int, str] | None = None, batch: str = "",
                file_name: str = "", today: datetime.date | None = None, commit: bool = True,
                document: DocumentList | None = None) -> ImportOutcome:
    """Parse, match and (when nothing is wrong and every doubtful row has the clerk's choice) save a list;
    `document` when the rows were read from an award document (its warnings and line numbers)."""
    return _document_lines(_import_rows(dossier, rows, by=by, choices=choices, batch=batch, file_name=file_name,
                                        today=today, commit=commit), document)


def _import_rows(dossier, rows, *, by, choices, batch, file_name, today, commit) -> ImportOutcome:
    check_lines_can_be_added(check_editable(dossier, by))
    if batch and commit:
        done = Nomination.objects.filter(dossier=dossier, import_batch=batch).count()
        if done:  # a retried confirmation: the batch is in already
            return ImportOutcome(batch=batch, lines=done, saved=True, repeated=True)
    parsed = parse_list(rows, today=today or timezone.localdate())
    resolver = Resolver(dossier, parsed, choices=choices, reader=by)
    resolved = resolver.resolve() if parsed.lines else []
    problems = sorted(parsed.problems + resolver.problems, key=lambda p: (p.row or 0))
    if problems or resolver.pending or not commit:
        return ImportOutcome(problems=problems, review=resolver.review)
    if not resolved:
        return ImportOutcome(problems=[ListProblem(None, "", _("Every row was dropped: nothing to import."))],
                         review=resolver.review)
    outcome = _save(dossier, resolved, by=by, file_name=file_name, today=today, batch=batch or new_batch_id())
    outcome.review = resolver.review
    return outcome


def import_list(dossier, uploaded, *, by, choices: dict[int, str] | None = None, batch: str = "",
                rows_out: list | None = None, document_out: dict | None = None) -> ImportOutcome:
    """Read and import an uploaded list; `rows_out` receives the rows read and `document_out`, for a list read
    from a document, its warnings and line map (both kept for the review screen)."""
    check_lines_can_be_added(check_editable(dossier, by))
    try:
        source = read_list_source(uploaded)
    except ListFileError as error:
        return ImportOutcome(problems=[ListProblem(None, "", str(error))])
    rows = source.document.rows if source.document is not None else source.rows
    if rows_out is not None:
        rows_out.extend(rows)
    if document_out is not None and source.document is not None:
        document_out.update(source.document.as_session())
    return import_rows(dossier, rows, by=by, choices=choices, batch=batch,
                       file_name=getattr(uploaded, "name", "") or "", document=source.document)


PASTE_NAME = "Dán từ Excel"  # the "file name" of a pasted list in its audit row and timeline entry


def import_paste(dossier, text: str, *, by, choices: dict[int, str] | None = None, batch: str = "",
                 rows_out: list | None = None) -> ImportOutcome:
    """Rows pasted from a spreadsheet (paste.paste_rows), imported exactly as an uploaded list's rows."""
    check_lines_can_be_added(check_editable(dossier, by))
    try:
        rows = paste_rows(text)
    except ListFileError as error:
        return ImportOutcome(problems=[ListProblem(None, "", str(error))])
    if rows_out is not None:
        rows_out.extend(rows)
    return import_rows(dossier, rows, by=by, choices=choices, batch=batch, file_name=PASTE_NAME)


@transaction.atomic
def _save(dossier, resolved: list[ResolvedLine], *, by, file_name: str, today, batch: str) -> ImportOutcome:
    check_lines_can_be_added(check_editable(dossier, by))
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()  # one commit of a batch at a time
    done = Nomination.objects.filter(dossier=dossier, import_batch=batch).count()
    if done:
        return ImportOutcome(batch=batch, lines=done, saved=True, repeated=True)
    refused = [ListProblem(item.parsed.row, "", message)
               for item in resolved if (message := award_refusal(dossier, item.award_type))]
    if refused:  # the whole list is refused: a line for another authority's award names its row
        return ImportOutcome(problems=refused)
    additions: dict[int, list[str]] = {}
    for item in resolved:  # the whole list is refused when it would exceed a quota, naming its rows
        additions.setdefault(item.award_type.pk, []).append(_("row %(row)s (%(name)s)") % {
            "row": item.parsed.row, "name": item.parsed.written_name or item.parsed.name})
    try:
        check_entry(dossier, additions)
    except ValidationError as error:
        return ImportOutcome(problems=[ListProblem(None, "", message) for message in error.messages])
    created = _create_persons(dossier, [item for item in resolved if item.new_person_key])
    start = Nomination.objects.filter(dossier=dossier).aggregate(last=Max("position"))["last"] or 0
    basis = default_basis(dossier)
    lines = []
    for offset, item in enumerate(resolved, 1):
        line = item.parsed
        lines.append(Nomination(
            dossier=dossier, position=start + offset,
            person_id=item.person_id or created.get(item.new_person_key), unit_id=item.unit_id,
            position_and_unit=line.position_and_unit, proposed_award_type=item.award_type,
            award_type=item.award_type, achievement_summary=line.summary, basis=basis, import_batch=batch))
    for line in lines:
        line._state.fields_cache["dossier"] = dossier
    # Evaluated before the insert: one INSERT per 500 lines carries the verdicts, no UPDATE afterwards.
    store_live(lines, evaluate_lines(lines, today=today))
    Nomination.objects.bulk_create(lines, batch_size=500)
    record(by, AuditAction.IMPORT, dossier, changes={
        "import_batch": batch, "file": file_name[:255], "lines": len(lines), "persons_created": len(created),
        "persons_created_ids": sorted(created.values())})
    log_event(dossier, by=by, kind=EventKind.NOTE, reason=_(
        "Nominee list %(file)s imported: %(count)s lines (batch %(batch)s).") % {
        "file": file_name or "", "count": len(lines), "batch": batch})
    idempotency.remember(batch_key(dossier, batch), by=by, kind=IMPORT_KIND,
                         result_url=reverse("nominees:import_result", args=[dossier.pk, batch]),
                         summary=_("%(count)s lines imported.") % {"count": len(lines)})
    return ImportOutcome(batch=batch, lines=len(lines), persons_created=len(created), saved=True)


def batch_key(dossier, batch: str):
    """The idempotency key of a batch's commit: the upload form's key is the batch id, so a resent upload or
    confirmation finds the first commit (tdkt.jobs.idempotency)."""
    return idempotency.staged_key(IMPORT_KIND, f"{dossier.pk}:{batch}")


def _create_persons(dossier, items: list[ResolvedLine]) -> dict[str, int]:
    """The persons the clerk chose to create, one per person key, in bulk: name as written without its
    honorifics, gender and unit from the file (birth date or year when written, else "năm sinh chưa rõ"); key -> id."""
    wanted: dict[str, Person] = {}
    for item in items:
        line = item.parsed
        if item.new_person_key in wanted:
            continue
        name = line.display_name
        wanted[item.new_person_key] = Person(
            full_name=name, name_folded=fold(name), birth_date=line.birth_date, birth_year=line.birth_year,
            gender=line.gender, unit_id=item.new_person_unit_id or dossier.unit_id, category=line.category or PersonCategory.OTHER,
            national_id=line.national_id or None, position="")
    if not wanted:
        return {}
    persons = Person.objects.bulk_create(list(wanted.values()), batch_size=500)
    if any(person.pk is None for person in persons):
        raise ValidationError("bulk_create did not return ids")  # every supported backend does
    return {key: person.pk for key, person in zip(wanted, persons, strict=True)}
