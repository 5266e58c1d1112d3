"""A published award decision with two lines (a collective and an individual), made directly in the
database so the certificate tests do not depend on the decision workflow's screens."""

import datetime

from django.utils import timezone

from tdkt.awards.models import AwardType
from tdkt.decisions.enums import DecisionKind, DecisionState, LineGroup
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.orgs.models import IssuingAuthority


def authority():
    return IssuingAuthority.objects.get_or_create(
        name="Ủy ban nhân dân tỉnh Lào Cai",
        defaults={"place": "Lào Cai", "decider_title": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI"})[0]


def issued_decision(world, *, number=123, state=DecisionState.PUBLISHED, kind=DecisionKind.AWARD, revokes=None,
                    lines=None, issuer=None, award_code="BK_TINH", **signer):
    award = AwardType.objects.get(code=award_code)
    signer = {"signing_mode": "KT", "signer_on_behalf_of": "CHỦ TỊCH", "signer_position": "PHÓ CHỦ TỊCH",
              "signer_name": "Nguyễn Văn Bình"} | signer
    title = "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh" if award_code == "BK_TINH" else f"Về việc tặng {award.name}"
    decision = Decision.objects.create(
        authority=issuer or authority(), kind=kind, year=2026, title=title, award_type=award, achievement_year=2026, achievement_text="Đã có thành tích xuất sắc trong công tác năm 2026",
        revokes=revokes, **signer)
    for order, (group, recipient, name, position) in enumerate(lines if lines is not None else [
            (LineGroup.COLLECTIVE, {"unit": world.unit_a}, "Sở Y tế", "tỉnh Lào Cai"),
            (LineGroup.INDIVIDUAL, {"person": world.person_a}, "Ông Nguyễn Văn An", "Trưởng phòng, Sở Y tế")]):
        DecisionLine.objects.create(decision=decision, group=group, display_name=name, position_and_unit=position,
                                    award_type=award, sort_order=order, **recipient)
    Decision.objects.filter(pk=decision.pk).update(
        state=state, number=number, decision_date=datetime.date(2026, 12, 15), signed_pdf_sha256="a" * 64,
        published_at=timezone.now() if state == DecisionState.PUBLISHED else None)
    decision.refresh_from_db()
    return decision


def revoke_line(world, line, *, number=200):
    """A signed revocation decision whose line amends `line` (the revoked line itself stays untouched)."""
    recipient = {"person": line.person} if line.person_id else {"unit": line.unit}
    return issued_decision(world, number=number, kind=DecisionKind.REVOCATION, revokes=line.decision,
                           state=DecisionState.SIGNED,
                           lines=[(line.group, recipient | {"amends_line": line}, line.display_name, "")])


def decision_of(world):
    return issued_decision(world)


def certificate_of(world):
    from tdkt.decisions.certificates.services import issue_certificates

    return issue_certificates(issued_decision(world), by=world.users["specialist"])[0]


def template_of(world):
    from tdkt.decisions.certificates.models import CertificateTemplate

    return CertificateTemplate.objects.create(name="Bằng khen (phôi tỉnh)")


def health_authority(world):
    """Sở Y tế's own authority: its director decides its Giấy khen (QĐ-SYT)."""
    from tests.factories import make_authority

    return make_authority(world.unit_a, symbol="QĐ-SYT")
