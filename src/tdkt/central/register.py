"""The register of central decisions: record a decision of the Prime Minister or the State President, import its
list (an Excel sheet, the decision itself as a document — .pdf with text, .docx, .txt — read by
central.documents, or rows typed one by one), match each row to a line the province proposed, then commit
it into the award history at once.

Matching never creates a person. A row is matched when exactly one open proposal line to that authority
bears its name (honorifics such as "Ông", "Bà", "Đồng chí" taken off by tdkt.lib.names, compared folded as
dossiers.nominees.matching does) for the award the row names (tdkt.awards.matching); anything else waits
for review with a message naming the row: a name in no proposal, a person listed twice, an award not
proposed, two proposal lines of one name. The specialist links a reviewed row to a proposal line or leaves
it out; commit is refused while a row waits. Commit is all-or-nothing and safe to retry: a committed
decision adds nothing the second time, and the history's own unique key (recipient, award, year, decision
number) holds should two commits race."""

from __future__ import annotations

import re
from collections import defaultdict

import filetype
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.members import units_users
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.enums import AwardSource
from tdkt.awards.matching import AwardMatcher
from tdkt.awards.models import AwardRecord
from tdkt.central.documents import ListRow, ReadList, number_key, read_decision
from tdkt.central.enums import AT_CENTRAL_STATES
from tdkt.central.models import CentralDecision, CentralDecisionLine, StateProposalLine
from tdkt.central.transitions import PROPOSAL
from tdkt.dossiers.enums import NominationState
from tdkt.dossiers.transitions import NOMINATION
from tdkt.lib.names import strip_name
from tdkt.lib.safefiles import SheetLimits, SheetReader
from tdkt.lib.vntext import fold
from tdkt.notifications.models import NotificationKind
from tdkt.notifications.services import notify
from tdkt.orgs.enums import CENTRAL_AUTHORITY_KINDS
from tdkt.orgs.models import IssuingAuthority

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SHEET_LIMITS = SheetLimits(max_rows=5_000, max_columns=30)
HEADER_SEARCH_ROWS = 15
NAME_HEADINGS = ("ten tap the", "ten ca nhan", "ten don vi")  # besides "Họ và tên", folded
_ROMAN = re.compile(r"^[ivxlc]+\.?$")
_SECTION = re.compile(r"^([ivxlc]+[.)]\s*)?(ca nhan|tap the|ho gia dinh)\b")
_SPACES = re.compile(r"\s+")

# Names and symbols of the central authorities, created on demand (unit null: no rounds are run here).
CENTRAL_AUTHORITY_DEFAULTS = {
    "prime_minister": {"name": "Thủ tướng Chính phủ", "symbol": "QĐ-TTg", "decider_title": "THỦ TƯỚNG CHÍNH PHỦ",
                       "head_title": "THỦ TƯỚNG", "collective_body": "", "place": "Hà Nội"},
    "state_president": {"name": "Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam", "symbol": "QĐ-CTN",
                        "decider_title": "CHỦ TỊCH NƯỚC", "head_title": "CHỦ TỊCH NƯỚC", "collective_body": "",
                        "place": "Hà Nội"},
}


def central_authority(kind: str) -> IssuingAuthority:
    if kind not in CENTRAL_AUTHORITY_KINDS:
        raise ValidationError({"issuer": _("A central decision is issued by the Prime Minister or the State "
                                           "President.")})
    found = IssuingAuthority.objects.filter(kind=kind, unit__isnull=True).order_by("pk").first()
    return found or IssuingAuthority.objects.create(kind=kind, unit=None, **CENTRAL_AUTHORITY_DEFAULTS[kind])


def name_key(text: str) -> str:
    return _SPACES.sub(" ", fold(strip_name(text or ""))).strip()


def record_decision(*, kind: str, number: str, signed_on, note: str = "", by, document: tuple | None = None,
                    default_award=None, notes: list | None = None) -> CentralDecision:
    """Record a decision; with `document` (bytes, file name) its number and date fill the fields left blank
    and its list is imported at once (a typed number must be the document's). The file is read before the
    transaction: nothing is written when it cannot be."""
    read = read_file(document[0], name=document[1]) if document is not None else None
    if read is not None:
        number = (number or "").strip() or read.number or ""
        signed_on = signed_on or read.signed_on
    if signed_on is None:
        raise ValidationError({"signed_on": _("Give the decision's date.")})
    with transaction.atomic():
        decision = _create_decision(kind=kind, number=number, signed_on=signed_on, note=note, by=by)
        if read is not None:
            _check_number(decision, read, document[1])
            store_rows(decision, read.rows, name=document[1], default_award=default_award, by=by)
            if notes is not None:
                notes.extend(read.notes)
    return decision


def _create_decision(*, kind: str, number: str, signed_on, note: str, by) -> CentralDecision:
    issuer = central_authority(kind)
    number = (number or "").strip()
    if not number:
        raise ValidationError({"number": _("Give the decision's number.")})
    if CentralDecision.objects.filter(issuer=issuer, number=number).exists():
        raise ValidationError({"number": _("Decision %(number)s of %(issuer)s is already recorded.") % {
            "number": number, "issuer": issuer.name}})
    decision = CentralDecision.objects.create(issuer=issuer, number=number, signed_on=signed_on, note=note,
                                              created_by=by)
    record(by, AuditAction.CREATE, decision)
    return decision


# --- reading the list --------------------------------------------------------------------------------------


def _column_roles(values) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, value in enumerate(values):
        text = " ".join(fold(str(value or "")).split())
        if not text:
            continue
        if "name" not in roles and ("ho va ten" in text or "ho ten" in text or text.startswith(NAME_HEADINGS)):
            roles["name"] = index
        elif "award" not in roles and ("hinh thuc" in text or "danh hieu" in text or "khen thuong" in text):
            roles["award"] = index
        elif "position" not in roles and ("chuc vu" in text or "don vi" in text):
            roles["position"] = index
        elif "number" not in roles and text in {"tt", "stt", "so tt"}:
            roles["number"] = index
    return roles


def _cell(values, index) -> str:
    if index is None or index >= len(values) or values[index] is None:
        return ""
    return _SPACES.sub(" ", str(values[index])).strip()


def read_list(data: bytes, *, name: str) -> list[ListRow]:
    """The rows of a decision's list: the header found among the first rows (a merged title above it is
    passed over), section rows ("I. Cá nhân", "II. Tập thể") skipped."""
    with SheetReader(data, name=name, limits=SHEET_LIMITS) as book:
        rows = list(book.rows())
    header_at, roles = None, {}
    for position, (_number, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        roles = _column_roles(values)
        if "name" in roles:
            header_at = position
            break
    if header_at is None:
        raise ValidationError(_("The sheet has no “Họ và tên” column in its first %(count)s rows.") % {
            "count": HEADER_SEARCH_ROWS})
    found = []
    for number, values in rows[header_at + 1:]:
        person = _cell(values, roles["name"])
        award = _cell(values, roles.get("award"))
        first = _cell(values, roles.get("number"))
        if not person or (not award and (_ROMAN.match(fold(first)) or _SECTION.match(fold(person)))):
            continue
        found.append(ListRow(number, person, award, _cell(values, roles.get("position"))))
    if not found:
        raise ValidationError(_("The sheet lists nobody under its header."))
    return found


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def read_file(data: bytes, *, name: str) -> ReadList:
    """An Excel sheet (read_list), or any other file as the decision document (central.documents)."""
    guess = filetype.guess(data)
    if guess is not None and guess.mime == XLSX_MIME:
        return ReadList(read_list(data, name=name))
    return read_decision(data, name=name)


def _check_number(decision, read: ReadList, name: str) -> None:
    """A document of another decision is refused: its list would be entered under the wrong number."""
    if read.number and number_key(read.number) != number_key(decision.number):
        raise ValidationError(_("%(name)s is decision %(found)s, not decision %(number)s recorded here: choose "
                                "this decision's file.") % {"name": name, "found": read.number,
                                                            "number": decision.number})


# --- matching ----------------------------------------------------------------------------------------------


def recipient_name(nomination) -> str:
    recipient = nomination.person or nomination.unit or nomination.household
    return getattr(recipient, "full_name", None) or getattr(recipient, "name", None) or str(recipient)


def open_lines(issuer):
    """Proposal lines at the central level for this authority, not yet decided."""
    return (StateProposalLine.objects.filter(proposal__decider_kind=issuer.kind,
                                             proposal__state__in=AT_CENTRAL_STATES, decided_on__isnull=True)
            .select_related("proposal", "nomination__award_type", "nomination__person__unit",
                            "nomination__unit", "nomination__household", "nomination__dossier"))


class Matcher:
    """Matches rows of one decision against the open proposal lines, in three queries whatever the list."""

    def __init__(self, decision, default_award=None):
        self.decision = decision
        self.default_award = default_award
        self.awards = AwardMatcher()
        self.by_name: dict[str, list] = defaultdict(list)
        for line in open_lines(decision.issuer):
            self.by_name[name_key(recipient_name(line.nomination))].append(line)
        self.taken: dict[int, int] = dict(CentralDecisionLine.objects.filter(
            decision=decision, proposal_line__isnull=False, dropped=False).values_list("proposal_line_id", "row"))
        self.seen: dict[tuple, int] = {}

    def match(self, row: ListRow) -> CentralDecisionLine:
        line = CentralDecisionLine(decision=self.decision, row=row.row, written_name=row.name[:255],
                                   written_award=row.award[:255], written_position=row.position[:500])
        award = self.awards.match(row.award) if row.award else self.default_award
        line.award_type = award
        key = name_key(row.name)
        values = {"row": row.row, "name": row.name, "issuer": self.decision.issuer.name}
        if award is None:
            line.problem = (_("Row %(row)s: the award “%(award)s” is not in the catalogue.") % {
                **values, "award": row.award} if row.award else
                _("Row %(row)s: the sheet names no award and none was chosen for the whole list.") % values)
            return line
        values["award"] = award.name
        earlier = self.seen.get((key, award.pk))
        if earlier is not None:
            line.problem = _("Row %(row)s: “%(name)s” is listed twice for “%(award)s” (also row %(earlier)s).") % {
                **values, "earlier": earlier}
            return line
        self.seen[(key, award.pk)] = row.row
        named = self.by_name.get(key, [])
        if not named:
            line.problem = _("Row %(row)s: “%(name)s” is in no proposal sent to %(issuer)s; no one is created: "
                             "link the row to a proposal line or leave it out.") % values
            return line
        fitting = [candidate for candidate in named if candidate.nomination.award_type_id == award.pk]
        if not fitting:
            proposed = ", ".join(sorted({c.nomination.award_type.name for c in named}))
            line.problem = _("Row %(row)s: “%(name)s” was not proposed for “%(award)s” (proposed: %(proposed)s).") % {
                **values, "proposed": proposed}
            return line
        if len(fitting) > 1:
            line.problem = _("Row %(row)s: %(count)s proposal lines bear the name “%(name)s”: choose the line.") % {
                **values, "count": len(fitting)}
            return line
        chosen = fitting[0]
        if chosen.pk in self.taken:
            line.problem = _("Row %(row)s: “%(name)s” is already matched by row %(earlier)s.") % {
                **values, "earlier": self.taken[chosen.pk]}
            return line
        self.taken[chosen.pk] = row.row
        line.proposal_line = chosen
        return line


def _check_open(decision) -> None:
    if decision.committed_at is not None:
        raise ValidationError(_("Decision %(number)s is already entered into the history: its list is final.") % {
            "number": decision.number})


def import_list(decision, data: bytes, *, name: str, default_award=None, by, notes: list | None = None) -> int:
    """Replace the decision's list by the rows of the sheet or the decision document, each matched or sent to
    review; `notes` receives what the document reader doubted (a line cut off, a name twice), and a date other
    than the decision's."""
    read = read_file(data, name=name)
    _check_number(decision, read, name)
    count = store_rows(decision, read.rows, name=name, default_award=default_award, by=by)
    if notes is not None:
        notes.extend(read.notes)
        if read.signed_on and read.signed_on != decision.signed_on:
            notes.append(_("%(name)s is dated %(found)s; the decision is recorded as signed on %(date)s.") % {
                "name": name, "found": read.signed_on.strftime("%d/%m/%Y"),
                "date": decision.signed_on.strftime("%d/%m/%Y")})
    return count


@transaction.atomic
def store_rows(decision, rows: list[ListRow], *, name: str, default_award=None, by) -> int:
    decision = CentralDecision.objects.select_for_update().get(pk=decision.pk)
    _check_open(decision)
    decision.lines.all().delete()
    matcher = Matcher(decision, default_award)
    lines = CentralDecisionLine.objects.bulk_create([matcher.match(row) for row in rows])
    record(by, AuditAction.UPDATE, decision, changes={"imported_rows": len(lines), "file": name})
    return len(lines)


@transaction.atomic
def add_line(decision, *, name: str, award_type, position: str = "", by) -> CentralDecisionLine:
    """Manual entry, the fallback when the list comes on paper: the row is matched as an imported one."""
    decision = CentralDecision.objects.select_for_update().get(pk=decision.pk)
    _check_open(decision)
    if not (name or "").strip():
        raise ValidationError({"name": _("Give the name as the decision writes it.")})
    matcher = Matcher(decision, award_type)
    for existing in decision.lines.filter(dropped=False):
        matcher.seen[(name_key(existing.written_name), existing.award_type_id)] = existing.row
    number = (decision.lines.order_by("-row").values_list("row", flat=True).first() or 0) + 1
    line = matcher.match(ListRow(number, name.strip(), "", (position or "").strip()))
    line.save()
    record(by, AuditAction.CREATE, line)
    return line


@transaction.atomic
def link_line(decision, line_pk, proposal_line_pk, *, by) -> CentralDecisionLine:
    """The specialist's choice for a row in review: this proposal line (open, to this authority, not taken)."""
    decision = CentralDecision.objects.select_for_update().get(pk=decision.pk)
    _check_open(decision)
    line = decision.lines.filter(pk=line_pk).first()
    chosen = open_lines(decision.issuer).filter(pk=proposal_line_pk).first()
    if line is None or chosen is None:
        raise ValidationError(_("Choose a line of a proposal sent to %(issuer)s and not yet decided.") % {
            "issuer": decision.issuer.name})
    other = decision.lines.filter(proposal_line=chosen, dropped=False).exclude(pk=line.pk).first()
    if other is not None:
        raise ValidationError(_("Row %(row)s: this proposal line is already matched by row %(other)s.") % {
            "row": line.row, "other": other.row})
    line.proposal_line, line.problem, line.dropped = chosen, "", False
    line.award_type = line.award_type or chosen.nomination.award_type
    line.save(update_fields=["proposal_line", "problem", "dropped", "award_type"])
    record(by, AuditAction.UPDATE, line, changes={"proposal_line": chosen.pk})
    return line


@transaction.atomic
def drop_line(decision, line_pk, *, by) -> None:
    """Leave a row out (a name the province did not propose, a duplicate): it enters no history."""
    decision = CentralDecision.objects.select_for_update().get(pk=decision.pk)
    _check_open(decision)
    updated = decision.lines.filter(pk=line_pk).update(dropped=True)
    if not updated:
        raise ValidationError(_("This row is not in the decision."))
    record(by, AuditAction.UPDATE, decision, changes={"dropped_row": line_pk})


# --- commit ------------------------------------------------------------------------------------------------


def _recipient(nomination) -> dict:
    if nomination.person_id:
        return {"person_id": nomination.person_id}
    if nomination.unit_id:
        return {"unit_id": nomination.unit_id}
    return {"household_id": nomination.household_id}


def commit(decision, *, by) -> int:
    """Enter the decision into the history: every matched row an award record (source "external"), its
    proposal line decided, its proposals decided, the units notified. Returns the records added (0 on a
    retry)."""
    with transaction.atomic():
        decision = CentralDecision.objects.select_for_update().select_related("issuer").get(pk=decision.pk)
        if decision.committed_at is not None:
            return 0
        lines = list(decision.lines.filter(dropped=False).select_related(
            "proposal_line__proposal", "proposal_line__nomination__dossier", "proposal_line__nomination__person",
            "award_type"))
        waiting = [line.row for line in lines if line.problem or line.proposal_line_id is None]
        if waiting:
            raise ValidationError(_("Rows %(rows)s wait for review: link each to a proposal line or leave it out.")
                                  % {"rows": ", ".join(str(row) for row in waiting)})
        if not lines:
            raise ValidationError(_("The decision has no row to enter into the history."))
        added, proposals, unit_ids = 0, {}, set()
        for line in lines:
            nomination = line.proposal_line.nomination
            award_record, created = AwardRecord.objects.get_or_create(
                **_recipient(nomination), award_type=line.award_type, year=line.proposal_line.proposal.year,
                decision_number=decision.number, defaults={
                    "decision_date": decision.signed_on, "decision_issuer": decision.issuer.name,
                    "source": AwardSource.EXTERNAL, "basis": nomination.basis, "created_by": by})
            added += created
            line.award_record = award_record
            line.save(update_fields=["award_record"])
            StateProposalLine.objects.filter(pk=line.proposal_line_id).update(decided_on=decision.signed_on)
            if nomination.state == NominationState.APPROVED:
                NOMINATION.perform(nomination, "award", by=by)
            proposals[line.proposal_line.proposal_id] = line.proposal_line.proposal
            unit_ids.add(nomination.dossier.unit_id)
            if nomination.person_id and nomination.person.unit_id:
                unit_ids.add(nomination.person.unit_id)
        for proposal in proposals.values():
            if proposal.state in AT_CENTRAL_STATES:
                PROPOSAL.perform(proposal, "decide", by=by, reason=decision.number)
        CentralDecision.objects.filter(pk=decision.pk).update(committed_at=timezone.now(), committed_by=by)
        record(by, AuditAction.UPDATE, decision, changes={"committed_records": added})
        notify(units_users(unit_ids), key=f"central_decision:{decision.pk}", kind=NotificationKind.DECISION_SIGNED,
               url=reverse("awards:types"),
               text=_("Decision %(number)s of %(issuer)s awards people or collectives of your unit: "
                      "see their award history.") % {"number": decision.number, "issuer": decision.issuer.name})
    return added


@transaction.atomic
def record_handover(decision, line_pks, *, received_on=None, handed_over_on=None, by) -> int:
    """Medals and certificates received from the centre, then handed over (a date per line)."""
    decision = CentralDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.committed_at is None:
        raise ValidationError(_("Enter the decision into the history first."))
    if received_on is None and handed_over_on is None:
        raise ValidationError(_("Give the date received or the date handed over."))
    lines = list(decision.lines.filter(pk__in=line_pks, award_record__isnull=False))
    if not lines:
        raise ValidationError(_("Tick the rows received or handed over."))
    for line in lines:
        line.received_on = received_on or line.received_on
        line.handed_over_on = handed_over_on or line.handed_over_on
        if line.handed_over_on and not line.received_on:
            raise ValidationError(_("Row %(row)s: record when the medal or certificate was received before "
                                    "handing it over.") % {"row": line.row})
        if line.handed_over_on and line.handed_over_on < line.received_on:
            raise ValidationError(_("Row %(row)s: handed over before it was received.") % {"row": line.row})
    CentralDecisionLine.objects.bulk_update(lines, ["received_on", "handed_over_on"])
    record(by, AuditAction.UPDATE, decision, changes={"handover_rows": [line.row for line in lines]})
    return len(lines)
