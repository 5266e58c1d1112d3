"""Demo data: the levels below the province deciding their own awards (after the authorities and the province's
decisions demo).

- The Sở Y tế's year-end round: its clerk's Lao động tiên tiến list sent to the Sở Y tế's own authority,
  received and in appraisal by its own officer, most lines accepted.
- Two signed decisions under their own headers and registers: the Sở Y tế director's Chiến sĩ thi đua cơ sở
  ("…/QĐ-SYT", GIÁM ĐỐC over his name) and the home commune chairman's Giấy khen ("…/QĐ-UBND"), both in the
  award history at once.

Like the decisions demo, the lines of the decisions are written from the registry (the demo has no council
result to draft from); every step after that goes through the services."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.awards.enums import RecipientKind
from tdkt.awards.models import AwardType
from tdkt.decisions import drafting, services
from tdkt.decisions.demo import _pdf
from tdkt.decisions.events import log_decision_event
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.dossiers import workflow
from tdkt.dossiers.documents import add_document
from tdkt.dossiers.models import Nomination
from tdkt.orgs.enums import SignerRank
from tdkt.orgs.models import IssuingAuthority, SignerPost
from tdkt.people.models import Person

REASON = "Đã đối chiếu biên bản bình xét của đơn vị."


def _user(username):
    return User.objects.filter(username=username).first()


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _pdf(f"Tài liệu mẫu: {name}"), content_type="application/pdf")


def _staff(unit, count: int) -> list[Person]:
    """The unit's people (its sub-units' too), staff before leaders: a small demo province has few of either;
    never those who sign for it."""
    leaders_last = Case(When(category="leader", then=Value(1)), default=Value(0))
    return list(Person.objects.filter(Q(unit=unit) | Q(unit__parent=unit), merged_into__isnull=True)
                .exclude(full_name__in=SignerPost.objects.values("full_name")).order_by(leaders_last, "id")[:count])


def _round(authority, people, clerk, leader, year: int) -> str:
    """The Sở Y tế's LĐTT list to its own director, received and appraised by its own officer."""
    unit = authority.unit
    award = AwardType.objects.get(code="LDTT")
    dossier = workflow.create_dossier(
        unit=unit, title=f"Bình xét danh hiệu Lao động tiên tiến năm {year} của {unit.name}", kind="year_end",
        by=clerk, year=year, receiving_authority=authority, cover_letter_number=f"61/TTr-{authority.symbol[3:]}",
        cover_letter_date=datetime.date(year, 12, 8))
    lines = [Nomination.objects.create(dossier=dossier, position=index + 1, person=person, proposed_award_type=award,
                                       award_type=award, position_and_unit=person.position or unit.name)
             for index, person in enumerate(people)]
    add_document(dossier, by=clerk, document_type="cover_letter", uploaded=_upload("to-trinh.pdf"))
    add_document(dossier, by=clerk, document_type="council_minutes", uploaded=_upload("bien-ban.pdf"))
    for line in lines:
        add_document(dossier, by=clerk, document_type="achievement_report", nomination=line,
                     uploaded=_upload(f"bao-cao-{line.position}.pdf"))
    workflow.submit_dossier(dossier, by=leader)
    workflow.receive_dossier(dossier, by=clerk)
    workflow.start_appraisal(dossier, by=clerk)
    accepted = lines[:-2] if len(lines) > 2 else lines  # the last two still wait for the officer
    for line in accepted:
        line.dossier = dossier
        workflow.accept_line(line, by=clerk, confirmed=True, reason=REASON)
    return f"đợt xét “{dossier.title}” đang thẩm định ({len(accepted)}/{len(lines)} dòng đã chấp nhận)"


def _decision(authority, award_code: str, people, *, by, signer, day) -> Decision | None:
    """A decision of `authority` for `people`, signed by the user of its head's post, recorded by `by`."""
    award = AwardType.objects.get(code=award_code)
    post = SignerPost.objects.filter(authority=authority, rank=SignerRank.HEAD, user=signer).first()
    if not people or post is None:
        return None
    year = day.year - 1
    decision = Decision.objects.create(
        authority=authority, year=day.year, title=drafting.decision_title(award), award_type=award,
        achievement_year=year, period_from=datetime.date(year, 1, 1), period_to=datetime.date(year, 12, 31),
        legal_bases=drafting.legal_bases_for(authority, award, "merit"),
        proposal=f"Theo đề nghị của Hội đồng Thi đua - Khen thưởng {authority.unit.name}",
        achievement_text=f"đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}",
        execution_text=f"Văn phòng, các phòng chuyên môn thuộc {authority.unit.name} và các cá nhân có tên tại "
                       "Điều 1 chịu trách nhiệm thi hành Quyết định này",
        recipients=["Như Điều 3", "Lưu: VT"], created_by=by)
    lines = [DecisionLine(decision=decision, person=person, group="individual", display_name=person.full_name,
                          position_and_unit=", ".join(p for p in (person.position, person.unit.name) if p)[:500],
                          owner_unit=person.unit, award_type=award,
                          coefficient=award.bonus_for(RecipientKind.INDIVIDUAL), sort_order=index)
             for index, person in enumerate(people, start=1)]
    drafting.apply_amounts(lines, day, year=year)
    DecisionLine.objects.bulk_create(lines)
    log_decision_event(decision, by=by, from_state="", to_state="draft", reason="Dữ liệu mẫu")
    services.update_draft(decision, by=by, signer_post=post, proposal_reference=f"72/TTr-{authority.symbol[3:]}",
                          proposal_date=day - datetime.timedelta(days=5))
    services.approve_for_signing(decision, by=signer)
    services.sign_decision(decision, by=by, signed_pdf=_pdf(f"Bản quét (dữ liệu mẫu) — {decision.title}"),
                           signed_on=day)
    services.publish_decision(decision, by=by)
    return Decision.objects.get(pk=decision.pk)


def load_demo(year: int) -> str:
    health = IssuingAuthority.objects.filter(unit__memberships__user__username="vanthu.soyte").first()
    commune = IssuingAuthority.objects.filter(unit__memberships__user__username="vanthu.xa").first()
    parts = []
    day = min(datetime.date(year, 12, 18), timezone.localdate())  # never signed in the future
    staff = _staff(health.unit, 11) if health is not None else []
    if len(staff) >= 2 and _user("lanhdao.soyte"):
        clerk, director = _user("vanthu.soyte"), _user("lanhdao.soyte")
        # A small demo province has few people: the round takes the first ones, the decision the last three.
        parts.append(_round(health, staff[:max(len(staff) - 3, 1)], clerk, director, year))
        decision = _decision(health, "CSTD_CS", staff[-3:], by=clerk, signer=director, day=day)
        if decision is not None:
            parts.append(f"quyết định số {decision.number_text} của {health.name}")
    if commune is not None and _user("lanhdao.xa"):
        clerk, chairman = _user("vanthu.xa"), _user("lanhdao.xa")
        decision = _decision(commune, "GK", _staff(commune.unit, 3), by=clerk, signer=chairman, day=day)
        if decision is not None:
            parts.append(f"quyết định số {decision.number_text} của {commune.name}")
    return "Khen thưởng của đơn vị: " + ("; ".join(parts) if parts else "bỏ qua (chưa có tài khoản mẫu của đơn vị).")


def wipe_demo() -> int:
    """Nothing, as for the decisions demo: `seed_demo --reset` recreates the database."""
    return 0
