"""Commit of a checked batch: every row or none, in one transaction.

Rows are read back in chunks of CHUNK, in file order. For each chunk, a fixed number of queries whatever
its content: the chunk's rows (1), new persons (1 bulk insert), what is already recorded for its persons
(1–2), the new records (1 bulk insert; initiatives 2), the rows' outcomes (bulk update). Every record is
checked again with the award services' own rules (the same functions create_award_record, create_rating
and create_initiative use) and against the database as it is now: a row that became a conflict since
validation fails the whole commit with its row number, and nothing is saved.
"""

import datetime
import json

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards import facts
from tdkt.awards import services as award_services
from tdkt.awards.enums import AwardSource, RecipientKind
from tdkt.awards.imports.batches import CHUNK, as_system, count_rows, refuse_unless
from tdkt.awards.imports.bulk import insert_returning_ids
from tdkt.awards.imports.checks import Existing, FileDuplicates, identity
from tdkt.awards.imports.models import BatchState, ImportBatch, ImportKind, ImportRow, RowStatus
from tdkt.awards.imports.transitions import IMPORT_BATCH
from tdkt.awards.models import AwardRecord, AwardType, Initiative, Rating
from tdkt.awards.signals import initiatives_recorded
from tdkt.jobs import idempotency
from tdkt.lib.vntext import fold
from tdkt.people.enums import PersonCategory
from tdkt.people.models import Person
from tdkt.workflow.machine import SYSTEM


class ImportCommitError(Exception):
    def __init__(self, number: int, message: str):
        super().__init__(_("Row %(row)s: %(error)s") % {"row": number, "error": message})


class CommitProgress:
    """rows_done written through a second connection, so that the batch page sees it while the commit's
    transaction is still open. Only on PostgreSQL and outside an enclosing transaction: SQLite has one
    writer at a time, so there the figure appears when the commit ends."""

    def __init__(self, batch_id: int):
        self.batch_id = batch_id
        self.side = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int) -> None:
        if self.side is None:
            return
        try:
            with self.side.cursor() as cursor:
                cursor.execute("SET lock_timeout = '1s'")
                cursor.execute(f"UPDATE {ImportBatch._meta.db_table} SET rows_done = %s WHERE id = %s",  # noqa: S608
                               [done, self.batch_id])
        except DatabaseError:
            self.side = None  # progress is a courtesy: never let it stop the commit

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def _day(value):
    return datetime.date.fromisoformat(value) if value else None


def _messages(exc: ValidationError) -> str:
    return "; ".join(exc.messages)


class _Committer:
    def __init__(self, batch: ImportBatch, by):
        self.batch, self.by, self.kind = batch, by, batch.kind
        self.new_persons: dict[str, int] = {}
        self.initiatives: dict[tuple, int] = {}
        self.duplicates = FileDuplicates(self.kind)
        self.types = {t.pk: t for t in AwardType.objects.all()} if self.kind == ImportKind.AWARDS else {}
        self.records = 0

    def _create_persons(self, rows: list[ImportRow]) -> None:
        wanted: dict[str, dict] = {}
        for row in rows:
            if row.match_person_id is None and row.person_key not in self.new_persons:
                wanted.setdefault(row.person_key, row.parsed)
        people = [Person(full_name=parsed["name"], name_folded=fold(parsed["name"]), unit_id=parsed["unit_id"],
                         birth_date=_day(parsed["birth_date"]), birth_year=parsed["birth_year"],
                         category=PersonCategory.OTHER) for parsed in wanted.values()]
        insert_returning_ids(people)
        self.new_persons.update({key: person.pk for key, person in zip(wanted, people, strict=True)})

    def _award(self, row: ImportRow, person_id: int) -> AwardRecord:
        parsed = row.parsed
        award = AwardRecord(person_id=person_id, award_type=self.types[parsed["award_type_id"]], basis=parsed["basis"],
                            person_group=parsed.get("person_group", ""),  # batches checked before the column: none
                            year=parsed["year"], school_year=parsed.get("school_year", ""),
                            decision_number=parsed["decision_number"], decision_date=_day(parsed["decision_date"]),
                            decision_issuer=parsed["decision_issuer"], note=parsed["note"],
                            source=AwardSource.IMPORTED, created_by=self.by)
        errors = award_services.Errors()
        award_services._complete_achievement_time(award, errors)
        award_services._check_award_recipient(award, RecipientKind.INDIVIDUAL, errors)
        award_services._check_award_dates(award, errors)
        if errors:
            raise ImportCommitError(row.number, "; ".join(m for messages in errors.values() for m in messages))
        return award

    def _rating(self, row: ImportRow, person_id: int) -> Rating:
        errors = award_services.Errors()
        award_services._check_year(errors, "year", row.parsed["year"])
        if errors:
            raise ImportCommitError(row.number, "; ".join(errors["year"]))
        return Rating(person_id=person_id, year=row.parsed["year"], level=row.parsed["level"], note=row.parsed["note"],
                      created_by=self.by)

    def _initiative(self, row: ImportRow, person_id: int, existing: Existing, pending: dict) -> tuple:
        parsed = row.parsed
        key = (parsed["title_key"], parsed["year"])
        known = self.initiatives.get(key) or existing.initiative_id(parsed)
        if known is None and key not in pending:
            initiative = Initiative(title=parsed["title"], year=parsed["year"], scope=parsed["scope"],
                                    decision_number=parsed["decision_number"],
                                    decision_date=_day(parsed["decision_date"]),
                                    recognised_by=parsed["recognised_by"], created_by=self.by)
            try:
                award_services._validate_initiative(initiative, [person_id])
            except ValidationError as exc:
                raise ImportCommitError(row.number, _messages(exc)) from exc
            pending[key] = initiative
        return key, known

    def chunk(self, rows: list[ImportRow]) -> None:
        for row in rows:
            if row.status not in (RowStatus.READY, RowStatus.EXISTS):
                raise ImportCommitError(row.number, row.get_status_display())
        self._create_persons(rows)
        existing = Existing(self.kind, [row.match_person_id for row in rows], [row.parsed for row in rows])
        created, pending_initiatives, authorships = [], {}, []
        for row in rows:
            person_id = row.match_person_id or self.new_persons[row.person_key]
            is_new = row.match_person_id is None
            status, message, pk = existing.verdict(row.parsed, person_id, row.parsed["name"])
            if status == RowStatus.ERROR:
                raise ImportCommitError(row.number, message)
            row.match_person_id = person_id
            if status == RowStatus.EXISTS:
                row.status, row.record_id, row.messages = RowStatus.SKIPPED, pk, [message]  # not a state: a row's outcome
                continue
            problem = self.duplicates.problem(row.parsed, identity(person_id, ""), row.number)
            if problem:
                raise ImportCommitError(row.number, problem)
            row.status = RowStatus.CREATED if is_new else RowStatus.MATCHED  # not a state: a row's outcome
            row.messages = [_("A new person was created.") if is_new else _("Matched to an existing person.")]
            if self.kind == ImportKind.AWARDS:
                created.append((row, self._award(row, person_id)))
            elif self.kind == ImportKind.RATINGS:
                created.append((row, self._rating(row, person_id)))
            else:
                authorships.append((row, person_id, *self._initiative(row, person_id, existing, pending_initiatives)))
        if created:
            insert_returning_ids([obj for _row, obj in created])
            for row, obj in created:
                row.record_id = obj.pk
        if authorships:
            insert_returning_ids(list(pending_initiatives.values()))
            self.initiatives.update({key: obj.pk for key, obj in pending_initiatives.items()})
            through = Initiative.authors.through
            links = {}
            for row, person_id, key, known in authorships:
                row.record_id = known or self.initiatives[key]
                links[(row.record_id, person_id)] = through(initiative_id=row.record_id, person_id=person_id)
            through.objects.bulk_create(links.values())
        self.records += len(created) + len(pending_initiatives)
        _store_outcomes(rows)
        # Bulk inserts send no signal: the registry says itself whose facts changed (one task per commit).
        facts.changed(person_ids=[row.match_person_id for row in rows if row.status != RowStatus.SKIPPED])


def _store_outcomes(rows: list[ImportRow]) -> None:
    """The rows' outcomes, a fixed number of statements per chunk (faster than bulk_update's CASE
    expressions): on PostgreSQL one UPDATE … FROM unnest(arrays), on SQLite one executemany."""
    table = ImportRow._meta.db_table
    values = [(row.pk, row.status, row.match_person_id, row.record_id, json.dumps(row.messages, ensure_ascii=False))
              for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(
                f"UPDATE {table} SET status = %s, match_person_id = %s, record_id = %s, messages = %s "  # noqa: S608
                "WHERE id = %s", [(status, person, record, messages, pk) for pk, status, person, record, messages in values])
            return
        columns = list(zip(*values, strict=True))
        cursor.execute(
            f"UPDATE {table} AS r SET status = v.status, match_person_id = v.person, record_id = v.record, "  # noqa: S608
            "messages = v.messages FROM unnest(%s::bigint[], %s::varchar[], %s::bigint[], %s::bigint[], %s::jsonb[]) "
            "AS v(id, status, person, record, messages) WHERE r.id = v.id", [list(column) for column in columns])


def _run(batch: ImportBatch, by, progress) -> dict:
    committer = _Committer(batch, by)
    last, done = 0, 0
    while rows := list(ImportRow.objects.filter(batch=batch, number__gt=last).order_by("number")
                       .only("id", "number", "status", "parsed", "person_key", "match_person_id", "messages")[:CHUNK]):
        committer.chunk(rows)
        last, done = rows[-1].number, done + len(rows)
        progress(done)
    if committer.initiatives:
        # The initiatives register (an app above this one) enters the new records now, in this transaction,
        # rather than at the next daily adopt_initiatives.
        initiatives_recorded.send(sender=Initiative, by=by, source=_("history import %(batch)s") % {"batch": batch.pk},
                                  records=list(Initiative.objects.filter(pk__in=committer.initiatives.values())))
    return {"persons_created": len(committer.new_persons), "records_created": committer.records, "rows": done}


IMPORT_KIND = "awards.history_import"


def commit_key(batch: ImportBatch):
    """The batch is the staged import: its commit, in the request or in the background job, is remembered
    under this key, and a resent commit shows that result (tdkt.jobs.idempotency)."""
    return idempotency.staged_key(IMPORT_KIND, batch.pk)


def commit_batch(batch: ImportBatch, *, by) -> ImportBatch:
    """Record every row of a batch that start_commit has marked "committing", or nothing. A failure leaves
    the batch "failed" with the reason; it can be checked again and committed once corrected."""
    batch = ImportBatch.objects.get(pk=batch.pk)
    refuse_unless(batch, BatchState.COMMITTING)
    progress = CommitProgress(batch.pk)
    try:
        with transaction.atomic():
            totals = _run(batch, by, progress)
            IMPORT_BATCH.perform(batch, "committed", by=SYSTEM, extra=as_system(by), rows_done=totals["rows"],
                                 total_rows=totals["rows"], counts=count_rows(batch), committed_at=timezone.now(), error="")
            record(by, AuditAction.IMPORT, batch, changes={**totals, "counts": batch.counts})
            idempotency.remember(commit_key(batch), by=by, kind=IMPORT_KIND,
                                 result_url=reverse("awards:import_detail", args=[batch.pk]), summary=_(
                                     "%(records)s records and %(persons)s new persons recorded.") % {
                                     "records": totals["records_created"], "persons": totals["persons_created"]})
    except (ImportCommitError, ValidationError, DatabaseError) as exc:
        reason = str(exc) if not isinstance(exc, ValidationError) else _messages(exc)
        error = _("The import failed and nothing was saved: %(error)s") % {"error": reason}
        batch = ImportBatch.objects.get(pk=batch.pk)  # as the rollback left it
        IMPORT_BATCH.perform(batch, "commit_failed", by=SYSTEM, reason=reason[:2000], extra=as_system(by),
                             error=error[:2000])
    finally:
        progress.close()
    return batch
