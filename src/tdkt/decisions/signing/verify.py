"""Whether an uploaded "signed copy" is the approved draft, signed, intact and trusted (framework-free but for
gettext: the refusals are the user's messages).

The rules, in the order they are checked (the first that fails is the reason given):
1. The file carries a PAdES/CMS signature. Without one it is refused when the policy asks for a digital
   signature; otherwise it is taken as a scan of the signed paper, except when it begins with the bytes of a
   draft the system produced for signing (the unsigned draft itself, or the draft with something appended).
2. Every signature is intact (the bytes it covers are unchanged) and cryptographically valid (RSA PKCS#1 v1.5
   or RSASSA-PSS), and its signer's certificate chains to one of the configured trust roots (no fetching: a
   closed network; revocation soft-fail when the certificate names no reachable responder).
3. The last signature covers the whole file: anything appended after it (an edit, a new page, a signature
   over an earlier revision only) is refused. Between signatures only another signature, a form fill or
   long-term-validation data may have been added.
4. "The document matches the approved draft": the first signature was added as an incremental update to a
   PDF the system produced for this decision, i.e. the file begins with exactly the bytes of one of the
   decision's registered drafts (size and SHA-256 recorded when the draft was handed out for signing), and
   the first signature's byte range covers that prefix. Every PAdES signer (pyHanko, the VGCA plug-in,
   Acrobat) appends rather than rewrites, so the signed revision of the draft is the draft itself, byte for
   byte; a file re-saved or re-printed by another tool is not the approved draft and is refused.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import ModificationLevel, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from tdkt.decisions.signing.pades import run_async

# What may be added between two signatures: a co-signature (the văn thư's seal after the approver's), a
# form fill, or long-term-validation data. Anything else after a signature is an edit.
ALLOWED_BETWEEN_SIGNATURES = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


class SignatureRefused(Exception):
    """The signed copy is refused; the message (Vietnamese) names what failed."""


@dataclass(frozen=True)
class DraftRef:
    """A PDF the system produced for signing: its size and SHA-256."""

    size: int
    sha256: str


@dataclass(frozen=True)
class SignatureReport:
    signer: str  # the certificate's common name
    issuer: str
    serial: str
    signed_at: datetime.datetime | None  # the timestamp's time when there is one, else the signer's own claim
    timestamped: bool
    mechanism: str  # "rsassa_pss", "sha256_rsa", …


@dataclass(frozen=True)
class Report:
    signatures: tuple[SignatureReport, ...]
    draft: DraftRef | None

    @property
    def last(self) -> SignatureReport:
        return self.signatures[-1]


def _common_name(name) -> str:
    native = name.native
    return str(native.get("common_name") or name.human_friendly)


def _matching_draft(data: bytes, drafts) -> DraftRef | None:
    for draft in drafts:
        if len(data) >= draft.size and hashlib.sha256(data[:draft.size]).hexdigest() == draft.sha256:
            return draft
    return None


def _report(status) -> SignatureReport:
    cert = status.signing_cert
    stamp = getattr(status, "timestamp_validity", None)
    signed_at = stamp.timestamp if stamp is not None else status.signer_reported_dt
    return SignatureReport(signer=_common_name(cert.subject), issuer=_common_name(cert.issuer),
                           serial=format(cert.serial_number, "X"), signed_at=signed_at, timestamped=stamp is not None,
                           mechanism=str(status.pkcs7_signature_mechanism))


def _check_one(number: int, status, field: str, *, last: bool) -> None:
    signer = _common_name(status.signing_cert.subject)
    values = {"field": field, "number": number, "signer": signer}
    if not status.intact:
        raise SignatureRefused(_("%(field)s: signature %(number)d (%(signer)s) is broken: the bytes it covers were "
                                 "changed after signing.") % values)
    if not status.valid:
        raise SignatureRefused(_("%(field)s: signature %(number)d (%(signer)s) is not valid: the signature value "
                                 "does not match the document and the signer's key.") % values)
    if not status.trusted:
        raise SignatureRefused(_("%(field)s: the certificate of signature %(number)d (%(signer)s) does not chain to a "
                                 "trust root configured in the system (or has expired or been revoked).") % values)
    stamp = getattr(status, "timestamp_validity", None)
    if stamp is not None and not (stamp.intact and stamp.valid):
        raise SignatureRefused(_("%(field)s: the timestamp of signature %(number)d (%(signer)s) is broken.") % values)
    if stamp is not None and not stamp.trusted:
        raise SignatureRefused(_("%(field)s: the timestamp authority of signature %(number)d (%(signer)s) does not "
                                 "chain to a trust root configured in the system.") % values)
    if last and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise SignatureRefused(_("%(field)s: the file was changed after signature %(number)d (%(signer)s): that "
                                 "signature covers an earlier revision only.") % values)
    if not last and status.modification_level not in ALLOWED_BETWEEN_SIGNATURES:
        raise SignatureRefused(_("%(field)s: after signature %(number)d (%(signer)s) the document was changed beyond "
                                 "adding another signature.") % values)


def inspect(data: bytes, *, trust_roots, drafts=(), require_signature: bool, field: str) -> Report | None:
    """The signatures of a signed copy, checked against rules 1–4 above; None for an accepted scan (no
    signature, policy allows it). SignatureRefused with the reason otherwise."""
    try:
        signatures = list(PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures)
    except Exception:  # pyHanko raises several kinds on a malformed file; the reason given is the same
        if require_signature:
            raise SignatureRefused(_("%(field)s: the PDF cannot be read to check its digital signature.") % {
                "field": field}) from None
        signatures = []
    draft = _matching_draft(data, drafts)
    if not signatures:
        if draft is not None:
            raise SignatureRefused(_("%(field)s: this is the unsigned draft the system produced, not a signed copy. "
                                     "Sign it digitally, or upload the scan of the signed paper.") % {"field": field})
        if require_signature:
            raise SignatureRefused(_("%(field)s: the file carries no digital signature.") % {"field": field})
        return None
    reports = _validated(signatures, trust_roots, field)
    first_range = list(signatures[0].byte_range)
    if draft is None or first_range[0] != 0 or first_range[1] < draft.size:
        raise SignatureRefused(_("%(field)s: the signed document is not the draft approved in the system. Sign the "
                                 "PDF downloaded for signing from the decision's page, without changing it.") % {
            "field": field})
    return Report(tuple(reports), draft)


def _validated(signatures, trust_roots, field: str) -> list[SignatureReport]:
    """Rules 2 and 3 for every embedded signature, in order; their reports."""
    if not list(trust_roots):
        raise SignatureRefused(_("%(field)s: no trust root is configured for digital signatures; ask the "
                                 "administrator to configure one.") % {"field": field})
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False, revocation_mode="soft-fail")
    reports = []
    for number, embedded in enumerate(signatures, start=1):
        try:
            status = run_async(lambda embedded=embedded: async_validate_pdf_signature(embedded, signer_validation_context=context))
        except Exception:  # a CMS that does not parse, a byte range pointing outside the file
            raise SignatureRefused(_("%(field)s: signature %(number)d cannot be read.") % {
                "field": field, "number": number}) from None
        _check_one(number, status, field, last=number == len(signatures))
        reports.append(_report(status))
    return reports


def check_package_pdf(data: bytes, *, trust_roots, field: str) -> Report | None:
    """A PDF of an incoming document package (tdkt.central.packages): rules 1–3 without the draft (rule 4: the
    sender's text was not drafted here). An unsigned PDF is an attachment like another (None); a signature that
    is broken, forged, untrusted or that covers an earlier revision only is refused (SignatureRefused)."""
    try:
        signatures = list(PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures)
    except Exception:  # as in inspect: a malformed file
        raise SignatureRefused(_("%(field)s: the PDF cannot be read to check its digital signature.") % {
            "field": field}) from None
    if not signatures:
        return None
    return Report(tuple(_validated(signatures, trust_roots, field)), None)
