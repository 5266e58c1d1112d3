"""Importing a unit's nominee list into a dossier: all or nothing per file.

read (tdkt.lib.uploads: sniffed, size-limited) → parse (parsing.py) → match (matching.py) → if any
problem, nothing is saved and every problem is returned, naming its row and column; else the new
persons (when the user opted in) and the lines are bulk-created with one import batch id, the engine
runs over all of them in bulk (check_nominations) and the import can be undone by its batch id.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers.eligibility import evaluate_lines
from tdkt.dossiers.enums import EventKind
from tdkt.dossiers.models import Nomination
from tdkt.dossiers.nominees.matching import ResolvedLine, Resolver
from tdkt.dossiers.nominees.parsing import ListFileError, ListProblem, parse_list, read_rows
from tdkt.dossiers.nominees.services import check_editable, default_basis
from tdkt.dossiers.state import log_event
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.lib.vntext import fold, normalize
from tdkt.people.enums import PersonCategory
from tdkt.people.models import Person


@dataclass
class ImportOutcome:
    batch: str = ""
    lines: int = 0
    persons_created: int = 0
    problems: list[ListProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def new_batch_id() -> str:
    return timezone.localtime().strftime("%Y%m%d%H%M") + "-" + uuid.uuid4().hex[:8]


def read_list_file(uploaded) -> tuple[str, list[tuple[int, list[str]]]]:
    """(kind, rows) of an uploaded list; ListFileError with a precise message when it cannot be read."""
    try:
        upload = read_upload(uploaded, allowed={"xlsx", "docx"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                             field_label=_("List file"))
    except UploadError as error:
        raise ListFileError(str(error)) from error
    return upload.kind, read_rows(upload.kind, upload.data)


def import_rows(dossier, rows, *, by, create_missing: bool = False, file_name: str = "",
                today: datetime.date | None = None) -> ImportOutcome:
    """Parse, match and (when nothing is wrong) save the lines of a list."""
    check_editable(dossier, by)
    parsed = parse_list(rows, today=today or timezone.localdate())
    resolver = Resolver(dossier, parsed, create_missing=create_missing)
    resolved = resolver.resolve() if parsed.lines else []
    problems = sorted(parsed.problems + resolver.problems, key=lambda p: (p.row or 0))
    if problems:
        return ImportOutcome(problems=problems)
    return _save(dossier, resolved, by=by, file_name=file_name, today=today)


def import_list(dossier, uploaded, *, by, create_missing: bool = False) -> ImportOutcome:
    check_editable(dossier, by)
    try:
        _kind, rows = read_list_file(uploaded)
    except ListFileError as error:
        return ImportOutcome(problems=[ListProblem(None, "", str(error))])
    return import_rows(dossier, rows, by=by, create_missing=create_missing,
                       file_name=getattr(uploaded, "name", "") or "")


@transaction.atomic
def _save(dossier, resolved: list[ResolvedLine], *, by, file_name: str, today) -> ImportOutcome:
    check_editable(dossier, by)
    batch = new_batch_id()
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
    for line, verdict in zip(lines, evaluate_lines(lines, today=today), strict=True):
        line.verdict_live = verdict
    Nomination.objects.bulk_create(lines, batch_size=500)
    record(by, AuditAction.IMPORT, dossier, changes={
        "import_batch": batch, "file": file_name[:255], "lines": len(lines), "persons_created": len(created)})
    log_event(dossier, by=by, kind=EventKind.NOTE, reason=_(
        "Nominee list %(file)s imported: %(count)s lines (batch %(batch)s).") % {
        "file": file_name or "", "count": len(lines), "batch": batch})
    return ImportOutcome(batch=batch, lines=len(lines), persons_created=len(created))


def _create_persons(dossier, items: list[ResolvedLine]) -> dict[str, int]:
    """New persons of the dossier's unit, one per person key, created in bulk; key -> id."""
    wanted: dict[str, Person] = {}
    for item in items:
        line = item.parsed
        if item.new_person_key in wanted:
            continue
        name = normalize(line.name)
        wanted[item.new_person_key] = Person(
            full_name=name, name_folded=fold(name), birth_date=line.birth_date, birth_year=line.birth_year,
            gender=line.gender, unit_id=dossier.unit_id, category=PersonCategory.OTHER,
            national_id=line.national_id or None, position="")
    if not wanted:
        return {}
    persons = Person.objects.bulk_create(list(wanted.values()), batch_size=500)
    if any(person.pk is None for person in persons):
        raise ValidationError("bulk_create did not return ids")  # every supported backend does
    return {key: person.pk for key, person in zip(wanted, persons, strict=True)}
