"""What the decisions app asks of signing when a signed copy is recorded: the configured keys and trust roots,
the drafts handed out for signing, the check of the uploaded file (verify.py) and the record of its
signatures. Kept apart from services.py, which signs and therefore calls decisions.services."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db.models import Max

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.signing import credentials, pades, verify
from tdkt.decisions.signing.models import DocumentSignature, SigningDraft


def _demo_files() -> credentials.DemoFiles | None:
    """The demo's CA and signer, when no PKCS#12 file is configured and seed_demo made them."""
    if settings.SIGNING["PKCS12"]:
        return None
    directory = Path(settings.SIGNING["DEMO_DIR"])
    files = credentials.DemoFiles(directory / credentials.DEMO_CA_FILE, directory / credentials.DEMO_SIGNER_FILE,
                                  credentials.DEMO_PASSPHRASE)
    return files if files.ca_pem.exists() and files.signer_p12.exists() else None


def trust_roots() -> list:
    """The configured trust roots (PEM/DER files), and the demo's CA when the demo's key is in use."""
    paths = list(settings.SIGNING["TRUST_ROOTS"])
    demo = _demo_files()
    if demo is not None:
        paths.append(demo.ca_pem)
    return credentials.load_certificates(paths)


def server_key_configured() -> bool:
    """Whether the server holds a signing key (without loading it)."""
    return bool(settings.SIGNING["PKCS12"]) or _demo_files() is not None


def server_signer():
    """The server's own signer (PKCS#12 of settings, else the demo's), or None when there is neither."""
    config = settings.SIGNING
    if config["PKCS12"]:
        return pades.signer_from_pkcs12(config["PKCS12"], (config["PASSPHRASE"] or "").encode() or None,
                                        prefer_pss=config["PREFER_PSS"])
    demo = _demo_files()
    if demo is None:
        return None
    return pades.signer_from_pkcs12(demo.signer_p12, demo.passphrase, prefer_pss=config["PREFER_PSS"])


def register_draft(decision, data: bytes, *, by=None) -> SigningDraft | None:
    """Remember a PDF of a decision approved for signing (a PDF made at any other state is not a draft to sign)."""
    if decision.state != DecisionState.APPROVED_FOR_SIGNING:
        return None
    draft, _created = SigningDraft.objects.get_or_create(
        decision=decision, sha256=hashlib.sha256(data).hexdigest(),
        defaults={"size": len(data), "created_by": by if getattr(by, "pk", None) else None})
    return draft


def drafts_of(decision) -> list[verify.DraftRef]:
    """The drafts made since the decision was last approved for signing: one returned to draft, changed and
    approved again must be signed from a new PDF."""
    approved_at = decision.events.filter(to_state=DecisionState.APPROVED_FOR_SIGNING).aggregate(at=Max("at"))["at"]
    drafts = SigningDraft.objects.filter(decision=decision)
    if approved_at is not None:
        drafts = drafts.filter(created_at__gte=approved_at)
    return [verify.DraftRef(size, sha256) for size, sha256 in drafts.values_list("size", "sha256")]


def check_copy(decision, data: bytes, *, field: str) -> verify.Report | None:
    """The signed copy checked (verify.inspect); SignatureRefused with the reason."""
    return verify.inspect(data, trust_roots=trust_roots(), drafts=drafts_of(decision),
                          require_signature=settings.SIGNING["REQUIRE_DIGITAL"], field=field)


def check_package_pdf(name: str, data: bytes) -> str | None:
    """settings.EDXML_SIGNATURE_CHECK (tdkt.central.packages): None when the PDF of an incoming package is
    unsigned or its signatures hold against the trust roots; else the reason (Vietnamese)."""
    try:
        verify.check_package_pdf(data, trust_roots=trust_roots(), field=name)
    except verify.SignatureRefused as refused:
        return str(refused)
    return None


def store_signatures(decision, report: verify.Report | None, data: bytes, *, by) -> list[DocumentSignature]:
    """The signatures found valid, kept for the verification page and audited."""
    if report is None:
        return []
    digest = hashlib.sha256(data).hexdigest()
    rows = DocumentSignature.objects.bulk_create(
        DocumentSignature(decision=decision, position=position, signer=item.signer[:255], issuer=item.issuer[:255],
                          serial=item.serial[:80], signed_at=item.signed_at, timestamped=item.timestamped,
                          mechanism=item.mechanism[:40], file_sha256=digest)
        for position, item in enumerate(report.signatures, start=1))
    record(by, AuditAction.CREATE, decision, changes={"digital_signatures": [
        {"signer": item.signer, "serial": item.serial, "signed_at": item.signed_at.isoformat() if item.signed_at
         else "", "timestamped": item.timestamped} for item in report.signatures]})
    return rows
