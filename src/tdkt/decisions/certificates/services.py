"""Issuing, printing and verifying certificates of signed decisions."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record, record_create, record_update, snapshot
from tdkt.decisions.certificates.models import Certificate, CertificateTemplate, RegisterCounter
from tdkt.decisions.certificates.render import (
    GIVES,
    CertificateText,
    default_layout,
    layout_from_config,
    layout_to_config,
    render_pdf,
)
from tdkt.decisions.enums import ISSUED_STATES, DecisionKind, LineKind
from tdkt.decisions.models import DecisionLine
from tdkt.decisions.signing.models import DocumentSignature
from tdkt.decisions.signing.services import sign_certificate_pdf

# No 0/O, 1/I/L, 5/S, 2/Z: a code read aloud or typed from paper is not mistaken.
CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed or a QR carried -> the stored form: upper case, no dashes or spaces."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def template_for(award_type, authority=None) -> CertificateTemplate | None:
    """The authority's own layout for the award, else its default, else the shared one for the award, else the
    shared default: a department's Giấy khen prints on the department's blank, not the province's."""
    for scope in ([authority] if authority is not None else []) + [None]:
        templates = CertificateTemplate.objects.filter(authority=scope)
        found = templates.filter(award_types=award_type).first() or templates.filter(is_default=True).first()
        if found is not None:
            return found
    return None


def _allocate_register_numbers(year: int, count: int) -> list[int]:
    counter, _created = RegisterCounter.objects.get_or_create(year=year)
    counter = RegisterCounter.objects.select_for_update().get(pk=counter.pk)
    first = counter.last_number + 1
    RegisterCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + count)
    return list(range(first, first + count))


@transaction.atomic
def issue_certificates(decision, *, by) -> list[Certificate]:
    """A certificate (register number + code) for every line of a signed award decision that has none yet.

    Register numbers run per year without gaps, in the order of the annex. Returns all the decision's
    certificates, in annex order."""
    if decision.state not in ISSUED_STATES:
        raise ValidationError(_("Certificates are issued only for a signed decision."))
    if decision.kind != DecisionKind.AWARD:
        raise ValidationError(_("A correcting or revoking decision has no certificates of its own."))
    # A contest prize is cash paid with the decision: no certificate of its own.
    lines = list(decision.lines.filter(certificate__isnull=True, kind=LineKind.AWARD).select_related("award_type")
                 .order_by("group", "sort_order", "id"))
    if lines:
        year = decision.decision_date.year
        numbers = _allocate_register_numbers(year, len(lines))
        for line, number in zip(lines, numbers, strict=True):
            template = template_for(line.award_type, decision.authority)
            for _attempt in range(5):  # a code collision is astronomically rare; try again if it happens
                try:
                    with transaction.atomic():
                        certificate = Certificate.objects.create(line=line, year=year, register_number=number,
                                                                 code=new_code(), template=template,
                                                                 issued_by=by if getattr(by, "pk", None) else None)
                    break
                except IntegrityError:
                    continue
            else:
                raise ValidationError(_("Could not make a unique verification code; try again."))
            record(by, AuditAction.CREATE, certificate, changes={"line": line.pk, "register": certificate.register_text})
    return list(Certificate.objects.filter(line__decision=decision).select_related("line")
                .order_by("line__group", "line__sort_order", "line__id"))


def verify_url(certificate: Certificate, base_url: str = "") -> str:
    """Absolute address of the public verification page (what the QR carries): SITE_URL, else the request's."""
    path = reverse("portal:verify_code", kwargs={"code": certificate.code})
    return (settings.SITE_URL or base_url).rstrip("/") + path


def certificate_text(certificate: Certificate, base_url: str = "") -> CertificateText:
    line = certificate.line
    decision = line.decision
    award = line.award_type
    block = decision.signature()  # frozen at signing (tdkt.decisions.signature)
    title_lines, signer_name = list(block.lines), block.name
    return CertificateText(values={
        # The issuing authority's own header: "GIÁM ĐỐC SỞ Y TẾ", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …".
        "issuer_line": decision.authority.decider_title,
        # The form itself ("Bằng khen"): who gives it is the issuer line above it.
        "award_title": award.name.split(" của ")[0],
        "verb": GIVES,
        "recipient": line.display_name,
        "position": line.position_and_unit,
        "reason": decision.achievement_text,
        "decision": _("Decision No. %(number)s of %(date)s") % {
            "number": decision.number_text, "date": decision.decision_date.strftime("%d/%m/%Y")},
        "place_date": _("%(place)s, %(day)02d/%(month)02d/%(year)d") % {
            "place": decision.authority.place, "day": decision.decision_date.day,
            "month": decision.decision_date.month, "year": decision.decision_date.year},
        "signer_title": "\n".join(title_lines),
        "signer_name": signer_name,
        "register_number": _("Register No. %(number)s") % {"number": certificate.register_text},
        "code": _("Verification code: %(code)s") % {"code": certificate.code_text},
    }, verify_url=verify_url(certificate, base_url))


def print_certificates(certificates: list[Certificate], *, by, template: CertificateTemplate | None = None,
                       base_url: str = "") -> bytes:
    """One PDF, a page per certificate, on the template given or each certificate's own (same paper per batch)."""
    if not certificates:
        raise ValidationError(_("There is no certificate to print."))
    chosen = template or certificates[0].template
    layout = layout_from_config(chosen.config) if chosen else default_layout("A4")
    # Signed with the server's key when one is configured (an invisible field: the blank's layout is untouched).
    data = sign_certificate_pdf(render_pdf(layout, [certificate_text(c, base_url) for c in certificates]))
    Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(
        print_count=F("print_count") + 1, last_printed_at=timezone.now())
    record(by, AuditAction.EXPORT, certificates[0].line.decision, changes={
        "printed_certificates": len(certificates)})
    return data


@dataclass(frozen=True)
class Verification:
    status: str  # "genuine", "revoked", "unknown"
    certificate: Certificate | None = None
    revoking_decision: object | None = None
    # The digital signatures found valid on the decision's signed copy when it was recorded (none for a scan).
    signatures: tuple = ()


def verify(code_text: str) -> Verification:
    """Whether a certificate code is genuine, and which decision it belongs to (a fixed number of queries)."""
    code = normalise_code(code_text)
    if len(code) != CODE_LENGTH:
        return Verification("unknown")
    certificate = (Certificate.objects.select_related("line__decision__authority", "line__award_type")
                   .filter(code=code).first())
    if certificate is None:
        return Verification("unknown")
    revoking = (DecisionLine.objects.filter(amends_line=certificate.line, decision__kind=DecisionKind.REVOCATION,
                                            decision__state__in=ISSUED_STATES)
                .select_related("decision__authority").first())
    signatures = tuple(DocumentSignature.objects.filter(decision_id=certificate.line.decision_id))
    if revoking is not None:
        return Verification("revoked", certificate, revoking.decision, signatures)
    return Verification("genuine", certificate, signatures=signatures)


SAMPLE = CertificateText(values={
    "issuer_line": "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai", "award_title": "Bằng khen", "verb": GIVES,
    "recipient": "Ông Nguyễn Văn An", "position": "Trưởng phòng Nghiệp vụ Y, Sở Y tế",
    "reason": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2026.",
    "decision": "Quyết định số 123/QĐ-UBND ngày 15/12/2026", "place_date": "Lào Cai, ngày 15 tháng 12 năm 2026",
    "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "signer_name": "Nguyễn Văn Bình",
    "register_number": "Số vào sổ: 0001/2026", "code": "Mã xác thực: K7QF-2M9X",
}, verify_url="https://example.invalid/portal/verify/K7QF2M9X/")


def preview_pdf(layout, authority=None) -> bytes:
    """The layout filled with a sample (under the authority's own header when given), to hold a test print
    against a blank before printing a batch."""
    sample = SAMPLE
    if authority is not None:
        sample = CertificateText(values=SAMPLE.values | {"issuer_line": authority.decider_title},
                                 verify_url=SAMPLE.verify_url)
    return render_pdf(layout, [sample])


@transaction.atomic
def save_template(template: CertificateTemplate | None, *, name, layout, award_types, is_default, by,
                  authority=None):
    before = snapshot(template) if template else None
    template = template or CertificateTemplate()
    template.name, template.config, template.is_default = name, layout_to_config(layout), is_default
    template.authority = authority
    template.save()
    template.award_types.set(award_types)
    if is_default:  # one default at a time per authority (and one shared)
        CertificateTemplate.objects.exclude(pk=template.pk).filter(
            is_default=True, authority=authority).update(is_default=False)
    if before is None:
        record_create(by, template)
    else:
        record_update(by, template, before)
    return template
