"""The officer's edits of a read batch: a document's header, the settling of a line. Both refuse once
the batch is being recorded or recorded; each is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.archive.models import (
    ArchiveBatch,
    ArchivedDocument,
    ArchivedLine,
    ArchiveState,
    DocumentStatus,
    LineChoice,
    LineStatus,
)

EDITABLE = (ArchiveState.READ, ArchiveState.FAILED)


def _editable(batch_id: int) -> ArchiveBatch:
    batch = ArchiveBatch.objects.select_for_update().get(pk=batch_id)
    if batch.state not in EDITABLE:
        raise ValidationError(_("This archive batch cannot be changed now: it is “%(state)s”.") % {
            "state": batch.get_state_display()})
    return batch


@transaction.atomic
def update_header(document: ArchivedDocument, *, by, number: str, date, issuing_authority, year) -> None:
    _editable(document.batch_id)
    before = {"number": document.number, "date": str(document.date or ""), "year": document.year,
              "issuing_authority": document.issuing_authority_id}
    ArchivedDocument.objects.filter(pk=document.pk).update(
        number=number.strip(), date=date, issuing_authority=issuing_authority, year=year)
    record(by, AuditAction.UPDATE, document, changes={"before": before, "after": {
        "number": number.strip(), "date": str(date or ""), "year": year,
        "issuing_authority": issuing_authority.pk if issuing_authority else None}})


@transaction.atomic
def settle_line(line: ArchivedLine, *, by, choice: str) -> ArchivedLine:
    """Link the line to one of its candidates, create a person for it at commit, or drop it."""
    _editable(line.document.batch_id)
    line = ArchivedLine.objects.select_for_update().get(pk=line.pk)
    if line.document.status != DocumentStatus.READ:
        raise ValidationError(_("This document is not waiting for review."))
    if choice.startswith(LineChoice.LINK + ":"):
        pk = choice.partition(":")[2]
        if line.kind == "collective" or not pk.isdigit() or int(pk) not in {c["pk"] for c in line.candidates}:
            raise ValidationError(_("Line %(line)s: choose one of the persons proposed.") % {"line": line.line})
        line.person_id, line.status, line.choice = int(pk), LineStatus.LINKED, LineChoice.LINK  # not a state: a line's outcome
    elif choice == LineChoice.CREATE:
        if line.kind == "collective" or line.award_type_id is None:
            raise ValidationError(_("Line %(line)s: a person cannot be created for this line.") % {"line": line.line})
        line.person_id, line.status, line.choice = None, LineStatus.NEW, LineChoice.CREATE  # not a state: a line's outcome
    elif choice == LineChoice.DROP:
        line.status, line.choice = LineStatus.DROPPED, LineChoice.DROP  # not a state: a line's outcome
    else:
        raise ValidationError(_("Line %(line)s: choose what to do with it.") % {"line": line.line})
    line.save(update_fields=["person", "status", "choice"])
    record(by, AuditAction.UPDATE, line.document, changes={"line": line.line, "choice": choice})
    return line
