"""The documents checklist of a dossier (thành phần hồ sơ, Luật TĐKT 2022 Đ84): which configured
requirements apply to it and whether its files satisfy them. Three queries whatever the dossier's size."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from tdkt.dossiers.enums import LIVE_NOMINATION_STATES, DocumentType
from tdkt.dossiers.models import DocumentRequirement, DossierDocument, Nomination


@dataclass
class ChecklistRow:
    requirement: DocumentRequirement
    satisfied: bool
    documents: list = field(default_factory=list)
    missing_nominees: list = field(default_factory=list)  # Nomination rows lacking their own document

    @property
    def blocking(self) -> bool:
        return self.requirement.mandatory and not self.satisfied

    @property
    def missing_text(self) -> str:
        """The nominees lacking their document, "; "-separated (a few hundred on a fresh dossier)."""
        return "; ".join(str(line.recipient) for line in self.missing_nominees)


def live_lines(dossier) -> list[Nomination]:
    lines = list(dossier.nominations.filter(state__in=LIVE_NOMINATION_STATES)
                 .select_related("person", "unit", "household", "award_type", "proposed_award_type")
                 .order_by("position", "id"))
    for line in lines:
        line.dossier = dossier  # no query per line when its timeline row is written
    return lines


def applicable_requirements(dossier, award_type_ids: set[int]) -> list[DocumentRequirement]:
    """Requirements for this kind (or any kind) and for the awards proposed (or any award).

    A requirement written for the dossier's kind replaces the "any kind" one of the same document and award."""
    rows = list(DocumentRequirement.objects.filter(Q(kind="") | Q(kind=dossier.kind))
                .filter(Q(award_type__isnull=True) | Q(award_type_id__in=award_type_ids))
                .select_related("award_type").order_by("document_type", "award_type_id", "kind"))
    specific = {(r.document_type, r.award_type_id) for r in rows if r.kind}
    rows = [r for r in rows if r.kind or (r.document_type, r.award_type_id) not in specific]
    order = {value: index for index, value in enumerate(DocumentType.values)}  # tờ trình first, as filed
    return sorted(rows, key=lambda r: (order.get(r.document_type, 99), r.award_type_id or 0))


def checklist_status(dossier, *, lines=None) -> list[ChecklistRow]:
    """One row per applicable requirement: satisfied or not, its files, and the nominees still lacking one."""
    lines = live_lines(dossier) if lines is None else lines
    award_type_ids = {line.award_type_id for line in lines}
    requirements = applicable_requirements(dossier, award_type_ids)
    documents = list(DossierDocument.objects.filter(dossier=dossier).order_by("id"))
    by_type: dict[str, list] = {}
    for document in documents:
        by_type.setdefault(document.document_type, []).append(document)
    rows = []
    for requirement in requirements:
        files = by_type.get(requirement.document_type, [])
        if requirement.per_nomination:
            concerned = [line for line in lines
                         if requirement.award_type_id is None or line.award_type_id == requirement.award_type_id]
            covered = {doc.nomination_id for doc in files if doc.nomination_id}
            missing = [line for line in concerned if line.pk not in covered and not _line_carries(line, requirement)]
            mine = [doc for doc in files if doc.nomination_id in {line.pk for line in concerned}]
            rows.append(ChecklistRow(requirement, not missing, mine, missing))
        else:
            rows.append(ChecklistRow(requirement, bool(files), files, []))
    return rows


def _line_carries(line, requirement) -> bool:
    """The achievement report may also be attached to the line itself (nominee entry)."""
    return requirement.document_type == DocumentType.ACHIEVEMENT_REPORT and bool(line.report_file)


def missing_messages(rows: list[ChecklistRow]) -> list[str]:
    """Vietnamese messages naming each missing mandatory document (and the nominees it is missing for)."""
    messages = []
    for row in rows:
        if not row.blocking:
            continue
        label = row.requirement.get_document_type_display()
        if row.requirement.award_type_id:
            label = f"{label} ({row.requirement.award_type.name})"
        if row.missing_nominees:
            names = "; ".join(str(line.recipient) for line in row.missing_nominees)
            messages.append(_("Missing mandatory document “%(document)s” for: %(names)s.") % {
                "document": label, "names": names})
        else:
            messages.append(_("Missing mandatory document “%(document)s”.") % {"document": label})
    return messages
