"""The officer's edits of a read batch: a document's header, the settling of a line. Both refuse once
the batch is being recorded or recorded; each is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards import recipients
from tdkt.awards.archive.matching import LineMatcher, batch_unit_ids
from tdkt.awards.archive.models import (
    ArchiveBatch,
    ArchivedDocument,
    ArchivedLine,
    ArchiveState,
    DocumentStatus,
    LineChoice,
    LineStatus,
)
from tdkt.awards.models import AwardType
from tdkt.lib.vntext import fold

EDITABLE = (ArchiveState.READ, ArchiveState.FAILED)


def _editable(batch_id: int) -> ArchiveBatch:
    batch = ArchiveBatch.objects.select_for_update().get(pk=batch_id)
    if batch.state not in EDITABLE:
        raise ValidationError(_("This archive batch cannot be changed now: it is “%(state)s”.") % {
            "state": batch.get_state_display()})
    return batch


@transaction.atomic
def update_header(document: ArchivedDocument, *, by, number: str, date, issuing_authority, year,
                  scope: str | None = None) -> None:
    """The decision's number, date, authority and year; for a decision recognising initiatives, also the scope
    of effect (chosen when the reader could not read it)."""
    _editable(document.batch_id)
    before = {"number": document.number, "date": str(document.date or ""), "year": document.year,
              "issuing_authority": document.issuing_authority_id}
    after = {"number": number.strip(), "date": date, "issuing_authority": issuing_authority, "year": year}
    if document.recognises_initiatives and scope is not None:
        before["scope"], after["scope"] = document.scope, scope
    ArchivedDocument.objects.filter(pk=document.pk).update(**after)
    record(by, AuditAction.UPDATE, document, changes={"before": before, "after": {
        **after, "date": str(date or ""), "issuing_authority": issuing_authority.pk if issuing_authority else None}})


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
        if line.kind == "collective" or (line.award_type_id is None and line.initiative is None) or not line.name:
            raise ValidationError(_("Line %(line)s: a person cannot be created for this line.") % {"line": line.line})
        line.person_id, line.status, line.choice = None, LineStatus.NEW, LineChoice.CREATE  # not a state: a line's outcome
    elif choice.startswith("award:"):
        return _choose_award(line, choice.partition(":")[2], by=by)
    elif choice == LineChoice.DROP:
        line.status, line.choice = LineStatus.DROPPED, LineChoice.DROP  # not a state: a line's outcome
    else:
        raise ValidationError(_("Line %(line)s: choose what to do with it.") % {"line": line.line})
    line.save(update_fields=["person", "status", "choice"])
    record(by, AuditAction.UPDATE, line.document, changes={"line": line.line, "choice": choice})
    return line


def _choose_award(line: ArchivedLine, pk: str, *, by) -> ArchivedLine:
    """The officer names the award of a line whose award text was not recognised; the line is then matched
    as the reading would have matched it (its person or collective)."""
    award = AwardType.objects.filter(pk=int(pk), active=True).first() if pk.isdigit() else None
    fits = award is not None and (award.for_collective if line.kind == "collective" else award.for_individual)
    if not fits:
        raise ValidationError(_("Line %(line)s: choose an award given to this kind of recipient.") % {
            "line": line.line})
    batch = line.document.batch
    matcher = LineMatcher(batch, batch_unit_ids(batch))
    line.award_type, line.message, line.choice = award, "", LineChoice.NONE
    if line.kind == "collective":
        matcher._collective(line, recipients.units_by_name(matcher.unit_ids))
    else:
        matcher._person(line, recipients.persons_by_name(matcher.unit_ids, {fold(line.name)}))
    line.save(update_fields=["award_type", "message", "choice", "status", "person", "unit", "candidates"])
    record(by, AuditAction.UPDATE, line.document, changes={"line": line.line, "award": award.pk})
    return line
