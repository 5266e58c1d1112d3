"""Document packages for the document-management system: each outgoing text (a decision, a State-level tờ
trình, a public notice) exported as a package, and an incoming package imported into the dossier it names or
into the central-decisions register.

The package format is the PROVISIONAL mapping of tdkt.lib.edxml, shown as "edXML (chưa đối chiếu QCVN 102)":
it does not claim conformance to QCVN 102:2016/BTTTT. Agency codes come from settings (EDXML_*), placeholders
until the province's real codes (QĐ 20/2020/QĐ-TTg) are configured; a unit of the system is known by its
unit code.

Where an incoming package goes:
- it is a decision of the Prime Minister or the State President (EDXML_CENTRAL_AGENCIES): it is recorded in
  the register with its list read from the attached document (central.register.record_decision);
- it is a decision this system issued (the sender is this province or the unit of a grassroots authority,
  and its number, symbol and date are a signed decision's): its issued copy coming back from the
  document-management system, kept against that decision;
- it is the province's own tờ trình to the central level (its number and date are a proposal's): kept
  against that proposal;
- it names a dossier (`Reference` HS-2026-000123): its files are added to that dossier, as uploads are
  (sniffed, a file of a kind a dossier does not take is refused), a tờ trình as the cover letter;
- anything else is refused with the reason. All or nothing: the package is kept only when its target took it,
  and a package already imported (same message id) is refused."""

from __future__ import annotations

import hashlib
import re
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.central import register
from tdkt.central.models import IncomingPackage, StateProposal
from tdkt.decisions import documents, drafting
from tdkt.decisions.enums import ISSUED_STATES
from tdkt.decisions.models import Decision
from tdkt.dossiers import documents as dossier_documents
from tdkt.dossiers.enums import DocumentType
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.lib import edxml, nd30
from tdkt.lib.edxml import Agency, Envelope, PackageError
from tdkt.orgs.enums import GRASSROOTS_AUTHORITY_KINDS
from tdkt.orgs.models import Unit

FORMAT_LABEL = edxml.FORMAT_LABEL
ZIP_TYPE = "application/zip"
PDF_TYPE = "application/pdf"
_REFERENCE = re.compile(r"^HS-(\d{4})-(\d{1,9})$")
_NUMBER = re.compile(r"^\s*(\d+)\s*/\s*(\S+)\s*$")


def own_agency() -> Agency:
    return Agency(settings.EDXML_AGENCY_CODE, settings.EDXML_AGENCY_NAME)


def _split_number(text: str) -> tuple[str, str]:
    """"125/TTr-UBND" -> ("125", "TTr-UBND"); a number without symbol stays whole."""
    found = _NUMBER.match(text or "")
    return (found.group(1), found.group(2)) if found else ((text or "").strip(), "")


def _unit_receivers(units) -> tuple[Agency, ...]:
    return tuple(Agency(unit.code, unit.name) for unit in sorted({u for u in units if u}, key=lambda u: u.code))


def _single_reference(dossiers) -> str:
    """The dossier a text belongs to when all its lines come from one; else none."""
    found = {dossier.pk: dossier for dossier in dossiers if dossier is not None}
    return next(iter(found.values())).reference if len(found) == 1 else ""


def _package_name(prefix: str, number_text: str, pk: int) -> str:
    return f"goi-van-ban-{prefix}-{(number_text or str(pk)).replace('/', '-')}.zip"


# --- export ------------------------------------------------------------------------------------------------


def decision_package(decision, lines) -> tuple[bytes, str]:
    """A signed decision: its Decree-30 Word text and, when recorded, the signed PDF."""
    if decision.state not in ISSUED_STATES:
        raise ValidationError(_("Only a signed decision is sent as a document package."))
    authority = decision.authority
    sender = (Agency(authority.unit.code, decision.authority_name)
              if authority.unit_id and authority.kind in GRASSROOTS_AUTHORITY_KINDS
              else Agency(settings.EDXML_AGENCY_CODE, decision.authority_name))
    signature = decision.signature()
    # Two queries whatever the number of lines: the units addressed and the dossiers the lines come from.
    units = Unit.objects.filter(pk__in={line.owner_unit_id or line.unit_id for line in lines} - {None})
    dossiers = Dossier.objects.filter(nominations__pk__in={line.nomination_id for line in lines} - {None}).distinct()
    envelope = Envelope(
        message_id=str(uuid.uuid4()), kind="decision", sender=sender, receivers=_unit_receivers(units),
        number=f"{decision.number:02d}" if decision.number is not None else "", symbol=authority.symbol,
        date=decision.decision_date, doc_type="Quyết định", title=decision.title, issuer=decision.authority_name,
        signer_name=signature.name, signer_position=" ".join(signature.lines),
        recipients=tuple(documents.recipient_lines(decision)),
        reference=_single_reference(dossiers))
    files = [(documents.decision_filename(decision, "docx"), documents.decision_docx(decision, lines),
              documents.DOCX_TYPE)]
    if decision.signed_pdf:
        with decision.signed_pdf.open("rb") as stream:
            files.append((documents.decision_filename(decision, "pdf"), stream.read(), PDF_TYPE))
    return edxml.write_package(envelope, files), _package_name("quyet-dinh", decision.number_text, decision.pk)


def proposal_package(proposal: StateProposal) -> tuple[bytes, str]:
    """The province's tờ trình to the central level with its list (Word) and the whole dossier (PDF)."""
    if not proposal.word_file:
        raise ValidationError(_("Build the proposal's package (Word and PDF files) first."))
    number, symbol = _split_number(proposal.submission_number)
    lines = list(proposal.lines.select_related("nomination__dossier__unit", "nomination__person__unit",
                                               "nomination__unit__parent", "nomination__household__unit",
                                               "nomination__award_type"))
    decider = proposal.decider_kind
    envelope = Envelope(
        message_id=str(uuid.uuid4()), kind="submission", sender=own_agency(),
        receivers=(Agency(settings.EDXML_CENTRAL_AGENCIES.get(decider, ""), proposal.get_decider_kind_display()),),
        number=number, symbol=symbol, date=proposal.submission_date, doc_type="Tờ trình",
        title=f"Về việc đề nghị tặng {documents.award_phrase(proposal.award_type)}",
        issuer=settings.EDXML_AGENCY_NAME,
        recipients=tuple(documents.recipient_lines(["Như trên", "Bộ Nội vụ", "Lưu: VT, SNV"])),
        reference=_single_reference([line.nomination.dossier for line in lines]))
    files = []
    for field, media_type in ((proposal.word_file, documents.DOCX_TYPE), (proposal.pdf_file, PDF_TYPE)):
        if field:
            with field.open("rb") as stream:
                files.append((edxml.plain_name(field.name), stream.read(), media_type))
    return edxml.write_package(envelope, files), _package_name("to-trinh", proposal.submission_number, proposal.pk)


def notice_docx(notice, nominations) -> bytes:
    """The notice as a Decree-30 document: its title, introduction and the nominees posted."""
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer=settings.EDXML_AGENCY_NAME, parent=None, place=settings.PROVINCE_NAME, date=notice.published_on,
        number=None, symbol="TB-UBND", doc_type="THÔNG BÁO", title=notice.title),
        year=notice.published_on.year if notice.published_on else None)
    if notice.introduction:
        nd30.add_paragraph(document, notice.introduction, first_line_mm=10)
    if notice.ends_on:
        nd30.add_paragraph(document, f"Ý kiến góp ý được tiếp nhận đến hết ngày {notice.ends_on:%d/%m/%Y}.",
                           first_line_mm=10)
    rows = [[str(index), drafting.display_name(n), drafting.position_and_unit(n), n.award_type.name]
            for index, n in enumerate(nominations, start=1)]
    nd30.add_table(document, ["TT", "Tên tập thể / Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng"],
                   [11, 55, 55, 44], rows)
    return nd30.to_bytes(document)


def notice_package(notice) -> tuple[bytes, str]:
    if notice.state == NoticeState.DRAFT:
        raise ValidationError(_("A draft notice is not sent: publish it first."))
    nominations = list(notice.nominations.select_related(
        "dossier__unit", "award_type", "person__unit", "unit__parent", "household__unit").order_by("dossier_id", "id"))
    envelope = Envelope(
        message_id=str(uuid.uuid4()), kind="notice", sender=own_agency(),
        receivers=_unit_receivers([n.dossier.unit for n in nominations]), date=notice.published_on,
        doc_type="Thông báo", title=notice.title, issuer=settings.EDXML_AGENCY_NAME,
        reference=_single_reference([n.dossier for n in nominations]))
    files = [(f"thong-bao-{notice.pk}.docx", notice_docx(notice, nominations), documents.DOCX_TYPE)]
    return edxml.write_package(envelope, files), _package_name("thong-bao", "", notice.pk)


# --- import ------------------------------------------------------------------------------------------------


def _sender_role(code: str) -> str | None:
    """"self", "prime_minister", "state_president", "unit", or None for an agency this system does not know."""
    if code and code == settings.EDXML_AGENCY_CODE:
        return "self"
    for kind, central_code in settings.EDXML_CENTRAL_AGENCIES.items():
        if code and code == central_code:
            return kind
    return "unit" if code and Unit.objects.filter(code=code).exists() else None


def check_signatures(files: dict[str, bytes], label: str) -> None:
    """The hook of the signing part: each PDF through EDXML_SIGNATURE_CHECK when one is configured.
    The default is the signing app's (tdkt.decisions.signing.checks.check_package_pdf)."""
    if not settings.EDXML_SIGNATURE_CHECK:
        return
    check = import_string(settings.EDXML_SIGNATURE_CHECK)
    for name, data in files.items():
        if data[:5] == b"%PDF-":
            reason = check(name, data)
            if reason:
                raise PackageError("signature", _("Package %(name)s: the signature of %(file)s is not valid "
                                                  "(%(reason)s); the package is refused.") % {
                    "name": label, "file": name, "reason": reason})


def find_dossier(reference: str, label: str) -> Dossier:
    found = _REFERENCE.match(reference.strip())
    dossier = Dossier.objects.filter(pk=int(found.group(2))).first() if found else None
    if dossier is None or dossier.created_at.year != int(found.group(1)):
        raise PackageError("target", _("Package %(name)s names the dossier %(reference)s, which is not in the "
                                       "system.") % {"name": label, "reference": reference})
    return dossier


def _main_document(envelope: Envelope, files: dict[str, bytes], label: str) -> tuple[bytes, str]:
    for suffix in (".docx", ".pdf", ".xlsx", ".txt"):
        for name, data in files.items():
            if name.lower().endswith(suffix):
                return data, name
    raise PackageError("missing", _("Package %(name)s: the decision has no Word, PDF, Excel or text file to read "
                                    "its list from.") % {"name": label})


def _into_dossier(dossier, envelope: Envelope, files: dict[str, bytes], *, by) -> None:
    kind = DocumentType.COVER_LETTER if envelope.kind == "submission" else DocumentType.OTHER
    try:
        for name, data in files.items():
            dossier_documents.add_document(dossier, by=by, document_type=kind, uploaded=ContentFile(data, name=name))
    except PermissionDenied as exc:
        raise ValidationError(_("Dossier %(reference)s is closed: its files can no longer change.") % {
            "reference": dossier.reference}) from exc


def _into_register(kind: str, envelope: Envelope, files: dict[str, bytes], label: str, *, by):
    if envelope.kind != "decision":
        raise PackageError("target", _("Package %(name)s from %(agency)s is not a decision and names no dossier: "
                                       "nothing to file it under.") % {"name": label, "agency": envelope.sender.code})
    return register.record_decision(kind=kind, number=envelope.number_text, signed_on=envelope.date,
                                    document=_main_document(envelope, files, label), by=by)


def own_decision(envelope: Envelope):
    """The signed decision of this system the envelope describes, or None."""
    if envelope.kind != "decision" or not envelope.number.isdigit() or envelope.date is None:
        return None
    grassroots = Q(authority__kind__in=GRASSROOTS_AUTHORITY_KINDS)
    issuer = (~grassroots if envelope.sender.code == settings.EDXML_AGENCY_CODE
              else grassroots & Q(authority__unit__code=envelope.sender.code))
    return (Decision.objects.filter(issuer, number=int(envelope.number), authority__symbol=envelope.symbol,
                                    decision_date=envelope.date, state__in=ISSUED_STATES).order_by("pk").first())


def own_proposal(envelope: Envelope):
    if envelope.kind != "submission" or not envelope.number_text:
        return None
    return (StateProposal.objects.filter(submission_number=envelope.number_text, submission_date=envelope.date)
            .order_by("pk").first())


def envelope_dict(envelope: Envelope) -> dict:
    return {"format": edxml.FORMAT_VERSION, "message_id": envelope.message_id, "kind": envelope.kind,
            "sender": [envelope.sender.code, envelope.sender.name],
            "receivers": [[a.code, a.name] for a in envelope.receivers], "number": envelope.number,
            "symbol": envelope.symbol, "date": envelope.date.isoformat() if envelope.date else "",
            "doc_type": envelope.doc_type, "title": envelope.title, "issuer": envelope.issuer,
            "signer": [envelope.signer_name, envelope.signer_position], "recipients": list(envelope.recipients),
            "reference": envelope.reference,
            "attachments": [[a.name, a.size, a.sha256, a.media_type] for a in envelope.attachments]}


def import_package(data: bytes, *, name: str, by) -> IncomingPackage:
    """Check the package, then file it; ValidationError (a PackageError's message) when refused, nothing kept."""
    label = edxml.plain_name(name)
    limits = edxml.PackageLimits(max_package_bytes=settings.EDXML_MAX_PACKAGE_BYTES)
    try:
        envelope, files = edxml.read_package(data, label=label, limits=limits)
        role = _sender_role(envelope.sender.code)
        if role is None:
            raise PackageError("agency", _("Package %(name)s comes from the agency code “%(code)s”, which this "
                                           "system does not know; the package is refused.") % {
                "name": label, "code": envelope.sender.code})
        check_signatures(files, label)
        if not envelope.message_id or IncomingPackage.objects.filter(message_id=envelope.message_id).exists():
            raise PackageError("duplicate", _("Package %(name)s (message %(id)s) is already imported.") % {
                "name": label, "id": envelope.message_id})
        with transaction.atomic():
            dossier = central_decision = None
            decision = own_decision(envelope) if role in ("self", "unit") else None
            proposal = own_proposal(envelope) if role == "self" else None
            if role in settings.EDXML_CENTRAL_AGENCIES and (envelope.kind == "decision" or not envelope.reference):
                central_decision = _into_register(role, envelope, files, label, by=by)
            elif decision is None and proposal is None and envelope.reference:
                dossier = find_dossier(envelope.reference, label)
                _into_dossier(dossier, envelope, files, by=by)
            elif decision is None and proposal is None:
                raise PackageError("target", _("Package %(name)s names no dossier and is not a decision of the "
                                               "Prime Minister or the State President: nothing to file it under.")
                                   % {"name": label})
            digest = hashlib.sha256(data).hexdigest()
            package = IncomingPackage(
                message_id=envelope.message_id[:100], kind=envelope.kind, sender_code=envelope.sender.code[:64],
                sender_name=envelope.sender.name[:255], number_text=envelope.number_text[:100],
                doc_date=envelope.date, title=envelope.title[:500], envelope=envelope_dict(envelope),
                original_name=label[:255], size=len(data), sha256=digest, dossier=dossier, decision=decision,
                proposal=proposal, central_decision=central_decision, imported_by=by)
            package.package.save(f"{digest}.zip", ContentFile(data), save=False)
            package.save()
            record(by, AuditAction.CREATE, package, changes={"sha256": digest, "message_id": envelope.message_id,
                                                              "dossier": getattr(dossier, "pk", None),
                                                              "decision": getattr(decision, "pk", None),
                                                              "proposal": getattr(proposal, "pk", None),
                                                              "central_decision": getattr(central_decision, "pk",
                                                                                          None)})
    except PackageError as exc:
        raise ValidationError(exc.message, code=exc.code) from exc
    except ValidationError as exc:  # a field's error of the target (the upload, the number): the form shows it whole
        if hasattr(exc, "error_dict"):
            raise ValidationError(exc.messages) from exc
        raise
    return package
