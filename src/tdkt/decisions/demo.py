"""Demo data of the decisions app (called by the demo builder after units, people, council and dossiers):
the demo province's issuing authority, legal-basis templates, the reward fund with an opening receipt,
and — when the council demo left approved nominations — one decision per award drafted from them, the
first one signed digitally with the demo's own test certificate (tdkt.decisions.signing) and published, so that the history, payments
and portal have something to show. The base salaries come with migration 0003."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from fpdf import FPDF

from tdkt.accounts.models import User
from tdkt.awards.enums import RecipientKind
from tdkt.awards.models import AwardType
from tdkt.decisions import drafting, services
from tdkt.decisions.enums import FundEntryKind
from tdkt.decisions.events import log_decision_event
from tdkt.decisions.models import (
    Decision,
    DecisionLine,
    LegalBasisTemplate,
    RewardFund,
    RewardFundEntry,
)
from tdkt.decisions.money import vnd
from tdkt.decisions.payments import post_payout
from tdkt.decisions.queries import draftable_nominations
from tdkt.decisions.signing import services as signing
from tdkt.decisions.signing.credentials import demo_credentials
from tdkt.lib.fonts import SERIF
from tdkt.orgs.enums import SignerRank, UnitKind
from tdkt.orgs.models import IssuingAuthority, SignerPost, Unit
from tdkt.people.models import Person

ACTOR = "seed_demo"
OPENING_BALANCE_VND = 5_000_000_000
DEMO_DECISIONS = 3  # at most, so that the demo stays fast
CSTD_TINH_BASES = drafting.DEFAULT_LEGAL_BASES + [
    "Căn cứ Quy định công tác thi đua, khen thưởng trên địa bàn tỉnh ban hành kèm theo Quyết định của Ủy ban "
    "nhân dân tỉnh",
    "Căn cứ kết quả bỏ phiếu kín của Hội đồng Thi đua - Khen thưởng tỉnh",
]


def _province_unit():
    return Unit.objects.filter(parent__isnull=True, kind=UnitKind.PEOPLES_COMMITTEE).order_by("id").first()


def _place(name: str) -> str:
    for marker in ("tỉnh ", "thành phố "):
        if marker in name:
            return name.split(marker, 1)[1]
    return name


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_font("Serif", "", str(SERIF[""]))
    pdf.add_page()
    pdf.set_font("Serif", size=14)
    pdf.multi_cell(0, 8, text)
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def load_demo(year: int) -> str:
    province = _province_unit()
    if province is None:
        return "Quyết định: chưa có tỉnh mẫu, bỏ qua."
    place = _place(province.name)
    authority = IssuingAuthority.objects.filter(unit=province).first() or IssuingAuthority.objects.create(
        unit=province, name=province.name, place=place,
        decider_title=f"CHỦ TỊCH {province.name.upper()}".replace("UỶ", "ỦY"))
    LegalBasisTemplate.objects.create(authority=authority, lines=list(drafting.DEFAULT_LEGAL_BASES),
                                      note="Mặc định")
    cstd = AwardType.objects.filter(code="CSTD_TINH").first()
    if cstd:
        LegalBasisTemplate.objects.create(authority=authority, award_type=cstd, lines=CSTD_TINH_BASES,
                                          note="Chiến sĩ thi đua cấp tỉnh")
    fund = RewardFund.objects.create(name=f"Quỹ thi đua, khen thưởng {province.name[len('Ủy ban nhân dân '):]}"
                                     if province.name.startswith("Ủy ban nhân dân ") else "Quỹ thi đua, khen thưởng",
                                     authority=authority)
    RewardFundEntry.objects.create(fund=fund, kind=FundEntryKind.RECEIPT, entry_date=datetime.date(year, 1, 5),
                                   amount=OPENING_BALANCE_VND, description=f"Dự toán ngân sách năm {year} giao cho Quỹ",
                                   document_reference=f"Quyết định giao dự toán ngân sách năm {year}")
    templates = LegalBasisTemplate.objects.filter(authority=authority).count()
    message = (f"Quyết định: cơ quan ban hành {authority.name}, {templates} mẫu căn cứ, quỹ thi đua, khen thưởng "
               f"số dư đầu kỳ {vnd(OPENING_BALANCE_VND)} đồng")
    return message + _demo_decisions(authority, fund)


def _demo_decisions(authority, fund) -> str:
    # The province's decision takes the province's awards of dossiers sent to it (a unit's round and a
    # grassroots title are decided by the unit's own authority: services.draft_decisions refuses them).
    nominations = list(draftable_nominations().filter(dossier__receiving_authority__isnull=True,
                                                      award_type__level="province")[:60])
    specialist = User.objects.filter(username="chuyenvien").first() or ACTOR
    signer = User.objects.filter(username="chutich").first() or ACTOR
    today = timezone.localdate()
    if isinstance(signer, User) and not SignerPost.objects.filter(authority=authority).exists():
        # The chairman's post: the drafts default to it and the signature is derived from it.
        SignerPost.objects.create(authority=authority, user=signer, rank=SignerRank.HEAD,
                                  full_name=signer.full_name or "Chủ tịch UBND tỉnh", title=authority.head_title,
                                  valid_from=datetime.date(today.year - 1, 1, 1))
    if nominations:
        decisions = services.draft_decisions(nominations, by=specialist, authority=authority,
                                             date=today)[:DEMO_DECISIONS]
    else:  # no council result in the demo: a decision straight from the registry, without nominations
        decisions = [_direct_decision(authority, specialist, today)]
        if decisions[0] is None:
            return "; chưa có cá nhân phù hợp để lập quyết định mẫu."
    first = decisions[0]
    head = next(iter(services.posts_on(authority, today)), None)
    services.update_draft(first, by=specialist, proposal_reference="45/TTr-SNV",
                          proposal_date=today - datetime.timedelta(days=7),
                          **({"signer_post": head} if head and head.user_id else {}))
    services.approve_for_signing(first, by=signer)
    if not settings.SIGNING["PKCS12"]:  # the demo's own test CA and signer (var/signing), made once
        demo_credentials(Path(settings.SIGNING["DEMO_DIR"]))
    signing.sign_on_server(first, by=specialist, signed_on=today)  # PAdES, checked like an uploaded copy
    services.publish_decision(first, by=specialist)
    if any(line.amount for line in first.lines.all()):
        post_payout(fund, first, list(first.lines.all()), by=specialist, voucher_number=f"PC-{first.number:04d}",
                    payer="Thủ quỹ Văn phòng UBND tỉnh (dữ liệu mẫu)")
    return f"; {len(decisions)} quyết định mẫu, quyết định số {first.number_text} đã ký và công bố"


def _direct_decision(authority, by, today):
    """A Bằng khen decision for a few people and one unit of the demo's Sở Y tế (lines without nominations)."""
    award = AwardType.objects.filter(code="BK_TINH").first()
    department = Unit.objects.filter(name="Sở Y tế").order_by("id").first()
    if award is None or department is None:
        return None
    people = list(Person.objects.filter(unit=department, merged_into__isnull=True).order_by("id")[:5])
    units = list(Unit.objects.filter(parent=department).order_by("id")[:1])
    if not people and not units:
        return None
    year = today.year - 1
    decision = Decision.objects.create(
        authority=authority, year=today.year, title=drafting.decision_title(award), award_type=award,
        achievement_year=year, period_from=datetime.date(year, 1, 1), period_to=datetime.date(year, 12, 31),
        legal_bases=drafting.legal_bases_for(authority, award, "merit"), proposal=drafting.DEFAULT_PROPOSAL,
        achievement_text=f"đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}",
        execution_text=drafting.DEFAULT_EXECUTION, recipients=list(drafting.DEFAULT_RECIPIENTS),
        signer_on_behalf_of=authority.head_title)
    lines = [DecisionLine(decision=decision, unit=unit, group="collective", display_name=unit.name,
                          position_and_unit=department.name, owner_unit=unit, award_type=award,
                          coefficient=award.bonus_for(RecipientKind.COLLECTIVE), sort_order=i)
             for i, unit in enumerate(units, start=1)]
    lines += [DecisionLine(decision=decision, person=person, group="individual", display_name=person.full_name,
                           position_and_unit=", ".join(p for p in (person.position, department.name) if p)[:500],
                           owner_unit=person.unit, award_type=award,
                           coefficient=award.bonus_for(RecipientKind.INDIVIDUAL), sort_order=i)
              for i, person in enumerate(people, start=1)]
    drafting.apply_amounts(lines, today, year=year)
    DecisionLine.objects.bulk_create(lines)
    log_decision_event(decision, by=by, from_state="", to_state="draft", reason="Dữ liệu mẫu")
    return decision


def wipe_demo() -> int:
    """Nothing: the decisions demo is never deleted row by row. Its signed decision, lines and award records
    are immutable for every role (migration 0006, no switch), and nothing may pick "the demo's" rows by an
    authority's name, which a real authority shares. `seed_demo --reset` recreates the database instead."""
    return 0
