"""Recording a reviewed archive batch: every line of every read document, or nothing.

Refused while a line is doubtful or in error, or a document lacks its number or year (the message names
the document and the line). Persons the officer chose to create are inserted first (one statement per
chunk), then the award records (source IMPORTED, the decision's number, date and issuer, the document's
year, the archived document linked): a fixed number of queries per chunk of CHUNK lines. A record the
registry already holds (the unique key recipient, award, year, number) is not written again, so a batch
recorded twice — or a second scan of the same decision — adds nothing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards import facts
from tdkt.awards.archive.initiatives import share_problems, write_initiatives
from tdkt.awards.archive.matching import parse_birth
from tdkt.awards.archive.models import (
    ArchiveBatch,
    ArchivedDocument,
    ArchivedLine,
    ArchiveState,
    DocumentStatus,
    LineStatus,
)
from tdkt.awards.archive.reading import COMMIT, batch_counts, parse_day
from tdkt.awards.archive.transitions import ARCHIVE_BATCH
from tdkt.awards.enums import AwardSource
from tdkt.awards.imports.bulk import insert_returning_ids
from tdkt.awards.models import AwardRecord
from tdkt.jobs.services import start_job
from tdkt.lib.vntext import fold
from tdkt.people.enums import PersonCategory
from tdkt.people.models import Person
from tdkt.workflow.machine import SYSTEM

CHUNK = 2000
BACKGROUND_LINES = 2000


def problems(batch: ArchiveBatch, limit: int = 20) -> list[str]:
    """What stops the commit, in Vietnamese, naming the document and the line (two queries)."""
    found = []
    initiatives = False
    for document in ArchivedDocument.objects.filter(batch=batch, status=DocumentStatus.READ).defer(
            "reading").order_by("position"):
        if not document.number:
            found.append(_("%(file)s: the decision number is missing.") % {"file": document.original_name})
        if not document.year:
            found.append(_("%(file)s: the achievement year is missing.") % {"file": document.original_name})
        if document.recognises_initiatives and not document.scope:
            found.append(_("%(file)s: the scope of effect of the recognised initiatives could not be read; choose "
                           "it with the decision's details.") % {"file": document.original_name})
        initiatives = initiatives or document.recognises_initiatives
    waiting = (ArchivedLine.objects.filter(document__batch=batch, document__status=DocumentStatus.READ,
                                           status__in=(LineStatus.DOUBTFUL, LineStatus.ERROR))
               .select_related("document").order_by("document__position", "line")[:limit])
    for line in waiting:
        what = (_("doubtful match, to settle") if line.status == LineStatus.DOUBTFUL else line.message)
        found.append(_("%(file)s, line %(line)s (%(name)s): %(problem)s") % {
            "file": line.document.original_name, "line": line.line, "name": line.name or line.initiative_title,
            "problem": what})
    if initiatives:
        found += share_problems(batch, limit)
    return found[:limit]


def _new_persons(batch: ArchiveBatch, lines: list[ArchivedLine], created: dict[tuple, int]) -> dict[tuple, int]:
    """One new person per (folded name, birth) the officer chose to create, in the batch's unit."""
    wanted = {}
    for line in lines:
        key = (fold(line.name), line.birth)
        if line.status == LineStatus.NEW and line.person_id is None and key not in created:
            wanted.setdefault(key, line)
    persons = []
    for (folded, _birth), line in wanted.items():
        birth = parse_birth(line.birth)
        persons.append(Person(full_name=line.name, name_folded=folded, unit_id=batch.unit_id,
                              birth_date=parse_day(birth["birth_date"]), birth_year=birth["birth_year"],
                              category=PersonCategory.OTHER))
    insert_returning_ids(persons)
    created.update({key: person.pk for key, person in zip(wanted, persons, strict=True)})
    return created


def _write(batch: ArchiveBatch, by) -> dict:
    documents = {d.pk: d for d in ArchivedDocument.objects.filter(batch=batch, status=DocumentStatus.READ)}
    kept = list(ArchivedLine.objects.filter(document_id__in=documents, status__in=(LineStatus.LINKED,
                                                                                  LineStatus.NEW))
                .select_related("person").order_by("document_id", "line", "pk"))
    lines = [line for line in kept if line.initiative is None]
    numbers = {d.number for d in documents.values()}
    existing = set(AwardRecord.objects.filter(decision_number__in=numbers).filter(
        Q(person__isnull=False) | Q(unit__isnull=False)).values_list(
        "person_id", "unit_id", "award_type_id", "year", "decision_number"))
    created_persons: dict[tuple, int] = {}
    written, skipped, person_ids, unit_ids = 0, 0, set(), set()
    for start in range(0, len(lines), CHUNK):
        chunk = lines[start:start + CHUNK]
        _new_persons(batch, chunk, created_persons)
        records = []
        for line in chunk:
            document = documents[line.document_id]
            person_id = line.person_id or (created_persons.get((fold(line.name), line.birth))
                                           if line.status == LineStatus.NEW else None)
            key = (person_id, line.unit_id, line.award_type_id, document.year, document.number)
            if key in existing:
                skipped += 1
                continue
            existing.add(key)
            records.append(AwardRecord(
                person_id=person_id, unit_id=line.unit_id, award_type_id=line.award_type_id, year=document.year,
                decision_number=document.number, decision_date=document.date,
                decision_issuer=(document.issuing_authority.name if document.issuing_authority_id
                                 else document.issuer)[:255],
                source=AwardSource.IMPORTED, archived_document=document, created_by=by,
                note=_("Digitised from %(file)s, line %(line)s.") % {"file": document.original_name,
                                                                    "line": line.line}))
            person_ids.add(person_id)
            unit_ids.add(line.unit_id)
        AwardRecord.objects.bulk_create(records, batch_size=CHUNK)
        written += len(records)
    authors = [line for line in kept if line.initiative is not None]
    initiatives = write_initiatives(authors, documents, batch=batch, by=by, chunk=CHUNK,
                                    new_persons=lambda chunk: _new_persons(batch, chunk, created_persons))
    ArchivedDocument.objects.filter(pk__in=documents).update(status=DocumentStatus.COMMITTED)  # not a state: a document's outcome
    facts.changed(person_ids=person_ids | initiatives.pop("person_ids"), unit_ids=unit_ids)
    return {"records": written, "already": skipped, "persons": len(created_persons), "documents": len(documents),
            **initiatives}


def start_commit(batch: ArchiveBatch, *, by) -> ArchiveBatch:
    """Check, then commit now or — for a big batch — in the background (tdkt.awards.archive.jobs)."""
    with transaction.atomic():
        locked = ArchiveBatch.objects.select_for_update().get(pk=batch.pk)
        found = problems(locked)
        if found:
            raise ValidationError(found)
        ARCHIVE_BATCH.perform(locked, "start_commit", by=by, error="")
        size = ArchivedLine.objects.filter(document__batch=locked).count()
        if size > BACKGROUND_LINES:
            start_job(COMMIT, by=by, params={"batch": locked.pk},
                      title=_("Record archive batch %(number)s") % {"number": locked.pk})
            return locked
    return commit_batch(locked, by=by)


def commit_batch(batch: ArchiveBatch, *, by) -> ArchiveBatch:
    """committing → committed with every record, or → failed with nothing recorded (and the reason)."""
    batch = ArchiveBatch.objects.get(pk=batch.pk)
    if batch.state != ArchiveState.COMMITTING:
        raise ValidationError(_("This archive batch is not being recorded: it is “%(state)s”.") % {
            "state": batch.get_state_display()})
    try:
        with transaction.atomic():
            found = problems(batch)
            if found:
                raise ValidationError(found)
            summary = _write(batch, by)
            record(by, AuditAction.IMPORT, batch, changes=summary)
            return ARCHIVE_BATCH.perform(batch, "committed", by=SYSTEM, extra={"for": getattr(by, "username", "")},
                                         committed_at=timezone.now(), counts=batch_counts(batch), error="")
    except ValidationError as exc:
        message = "; ".join(exc.messages)[:2000]
        return ARCHIVE_BATCH.perform(batch, "commit_failed", by=SYSTEM, reason=message, error=message,
                                     extra={"for": getattr(by, "username", "")})


def _commit_step(batch: ArchiveBatch, *, by, reason: str = "") -> ArchiveBatch:
    """The generated action page and the API run the step through start_commit (its checks, its job)."""
    result = start_commit(batch, by=by)
    batch.refresh_from_db()
    return result


ARCHIVE_BATCH.implements("start_commit")(_commit_step)
