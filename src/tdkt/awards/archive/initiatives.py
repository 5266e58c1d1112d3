"""Recording the lines of archived decisions that recognise initiatives (tdkt.lib.awarddoc INITIATIVE_DECISION):
each initiative of such a decision becomes a per-person history record (tdkt.awards.models.Initiative, what
eligibility reads) with its kept authors, linked to the archived document, and — through the signal
tdkt.awards.signals.initiatives_recorded, which the initiatives register (an app above this one) receives in
the same transaction — a recognised register entry with the authors' shares: the shares written in the
decision when every kept author has one and they add up to 100, equal shares when none is written.

An initiative the history already holds (its folded title under the same decision number) is not written
again: a batch recorded twice, or a second scan of the same decision, adds nothing. A fixed number of queries
per chunk of initiatives: new persons (1), the records (1), their authors (1), and the register's inserts.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from tdkt.awards import services as award_services
from tdkt.awards.archive.models import ArchivedLine, DocumentStatus, LineStatus
from tdkt.awards.imports.bulk import insert_returning_ids
from tdkt.awards.models import Initiative
from tdkt.awards.signals import initiatives_recorded
from tdkt.lib.vntext import fold

KEPT = (LineStatus.LINKED, LineStatus.NEW)


def share_problems(batch, limit: int) -> list[str]:
    """Written shares that cannot be used (some authors have one and others not, or they do not add up to
    100), and the same person linked twice in one initiative: one query."""
    lines = (ArchivedLine.objects.filter(document__batch=batch, document__status=DocumentStatus.READ,
                                         initiative__isnull=False)
             .exclude(status=LineStatus.DROPPED).select_related("document")
             .only("document__original_name", "initiative", "initiative_title", "share", "line", "person_id")
             .order_by("document__position", "initiative", "line", "pk"))
    groups: dict[tuple, list[ArchivedLine]] = {}
    for line in lines:
        groups.setdefault((line.document_id, line.initiative), []).append(line)
    found = []
    for group in groups.values():
        first = group[0]
        where = {"file": first.document.original_name, "line": first.line, "title": first.initiative_title}
        shares = [line.share for line in group]
        if any(share is not None for share in shares) and (None in shares or sum(shares) != 100):
            found.append(_("%(file)s, line %(line)s (“%(title)s”): the authors' shares written add up to "
                           "%(total)s%% or are missing for some authors; drop the line of an author who is not "
                           "one, or correct the document.") % {**where, "total": sum(s for s in shares if s)})
        persons = [line.person_id for line in group if line.person_id]
        if len(persons) != len(set(persons)):
            found.append(_("%(file)s, line %(line)s (“%(title)s”): the same person is linked to two authors.")
                         % where)
    return found[:limit]


def _shares(group: list[ArchivedLine]) -> list[int | None]:
    """The written shares when every kept author has one and they add up to 100; else None for each, which
    the register reads as equal shares (tdkt.initiatives.shares.equal_shares)."""
    written = [line.share for line in group]
    if all(share is not None for share in written) and sum(written) == 100:
        return written
    return [None] * len(group)


def write_initiatives(lines: list[ArchivedLine], documents: dict, *, batch, by, new_persons, chunk: int) -> dict:
    """Record the kept author lines of initiative decisions. `new_persons(lines)` creates the persons the
    officer chose to create and returns {(folded name, birth): pk}."""
    groups: dict[tuple, list[ArchivedLine]] = {}
    for line in lines:
        groups.setdefault((line.document_id, line.initiative), []).append(line)
    numbers = {documents[document_id].number for document_id, _index in groups}
    existing = {(fold(title), number) for title, number in Initiative.objects.filter(
        Q(decision_number__in=numbers)).values_list("title", "decision_number")}
    written, skipped, persons = 0, 0, set()
    keys = list(groups)
    for start in range(0, len(keys), chunk):
        part = keys[start:start + chunk]
        created = new_persons([line for key in part for line in groups[key]])
        records, details, links = [], {}, []
        for document_id, index in part:
            document, group = documents[document_id], groups[(document_id, index)]
            entry = document.reading["initiatives"][index]
            title = (entry.get("title") or "")[:500]
            if (fold(title), document.number) in existing:
                skipped += 1
                continue
            existing.add((fold(title), document.number))
            authors = [line.person_id or created[(fold(line.name), line.birth)] for line in group]
            record = Initiative(title=title, year=document.date.year if document.date else document.year,
                                scope=entry.get("scope") or document.scope, decision_number=document.number,
                                decision_date=document.date, recognised_by=_issuer(document)[:255],
                                archived_document=document, created_by=by)
            try:
                award_services._validate_initiative(record, authors)
            except ValidationError as exc:
                raise ValidationError(_("%(file)s, line %(line)s (“%(title)s”): %(error)s") % {
                    "file": document.original_name, "line": group[0].line, "title": title,
                    "error": "; ".join(exc.messages)}) from exc
            records.append(record)
            details[id(record)] = {"authors": list(zip(authors, _shares(group), strict=True)),
                                   "field": entry.get("field") or "", "names": [line.name for line in group],
                                   "unit_id": next((line.person.unit_id for line in group if line.person_id
                                                    and line.person), None) or batch.unit_id}
            persons.update(authors)
        insert_returning_ids(records)
        through = Initiative.authors.through
        for record in records:
            links += [through(initiative_id=record.pk, person_id=person_id)
                      for person_id, _share in details[id(record)]["authors"]]
        through.objects.bulk_create(links)
        initiatives_recorded.send(sender=Initiative, records=records,
                                  details={record.pk: details[id(record)] for record in records}, by=by,
                                  source=_("archived decision"))
        written += len(records)
    return {"initiatives": written, "initiatives_already": skipped, "person_ids": persons}


def _issuer(document) -> str:
    return document.issuing_authority.name if document.issuing_authority_id else document.issuer
