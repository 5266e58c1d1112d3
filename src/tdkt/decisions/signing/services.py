"""Signing a decision in the system: with the server's key (the demo's, or the province's PKCS#12 file), or in
two steps for a key the system does not hold (the officer's token through his signing plug-in, a provincial
remote signer): `start_remote` hands out the digest, `finish_remote` takes the CMS back. Either way the signed
file is then recorded exactly as an uploaded signed copy is (decisions.services.sign_decision), so the same
checks (verify.py) decide whether it is accepted."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.decisions import documents, queries
from tdkt.decisions import services as decision_services
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.pdf import docx_to_pdf
from tdkt.decisions.signing import checks, pades
from tdkt.decisions.signing.models import PendingSignature
from tdkt.decisions.transitions import DECISION


def draft_pdf(decision, *, by=None) -> bytes:
    """The PDF of the decision to be signed, registered as a draft for signing."""
    data = docx_to_pdf(documents.decision_docx(decision, queries.all_lines(decision)))
    checks.register_draft(decision, data, by=by)
    return data


def _ready(decision, by) -> None:
    DECISION.check_actor(decision, DECISION["sign"], by)
    if decision.state != DecisionState.APPROVED_FOR_SIGNING:
        raise ValidationError(_("Only a decision approved for signing can be signed."))


def sign_on_server(decision, *, by, signed_on: datetime.date):
    """Sign the decision's draft with the server's key and record it as the signed copy."""
    _ready(decision, by)
    signer = checks.server_signer()
    if signer is None:
        raise ValidationError(_("No signing certificate is configured on the server."))
    signed = pades.sign_pdf(draft_pdf(decision, by=by), signer, tsa_url=settings.SIGNING["TSA_URL"],
                            reason=_("Signing the decision"), location=decision.authority.place)
    return decision_services.sign_decision(decision, by=by, signed_pdf=signed, signed_on=signed_on)


@transaction.atomic
def start_remote(decision, *, by, signing_cert, chain=()) -> PendingSignature:
    """Step 1 of the hash-out / CMS-in path: the draft prepared for the remote signer's certificate; the
    returned row's document_digest (SHA-256, hex) is what the signer signs."""
    _ready(decision, by)
    prepared = pades.prepare_external(draft_pdf(decision, by=by), signing_cert, chain,
                                      prefer_pss=settings.SIGNING["PREFER_PSS"], location=decision.authority.place)
    pending = PendingSignature.objects.create(
        decision=decision, prepared_pdf=prepared.pdf, document_digest=prepared.document_digest.hex(),
        reserved_start=prepared.reserved_start, reserved_end=prepared.reserved_end,
        created_by=by if getattr(by, "pk", None) else None)
    record(by, AuditAction.EXPORT, decision, changes={"remote_signing_digest": pending.document_digest})
    return pending


def finish_remote(pending: PendingSignature, cms_der: bytes, *, by, signed_on: datetime.date):
    """Step 2: the signer's CMS embedded and the result recorded as the signed copy (checked like any upload:
    a CMS over another digest or from an untrusted key is refused there with its reason)."""
    prepared = pades.Prepared(bytes(pending.prepared_pdf), bytes.fromhex(pending.document_digest),
                              pending.reserved_start, pending.reserved_end)
    try:
        signed = pades.finish_external(prepared, cms_der)
    except pades.SigningError:
        raise ValidationError(_("The signature returned by the signer cannot be put into the document (empty, "
                                "unreadable or too large).")) from None
    decision = decision_services.sign_decision(pending.decision, by=by, signed_pdf=signed, signed_on=signed_on)
    PendingSignature.objects.filter(decision=pending.decision).delete()
    return decision


def sign_certificate_pdf(data: bytes, *, box=None) -> bytes:
    """A certificate PDF signed with the server's key (invisible field unless `box`); unchanged without a key."""
    signer = checks.server_signer()
    if signer is None:
        return data
    return pades.sign_pdf(data, signer, box=box, tsa_url=settings.SIGNING["TSA_URL"])
