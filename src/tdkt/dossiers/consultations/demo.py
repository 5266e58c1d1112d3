"""Demo data for hiệp y and công khai, on a demo dossier in appraisal (left by tdkt.dossiers.demo).

The seeded agency "Thuế tỉnh" is linked to the unit of lanhdao.soyte (Sở Y tế) so that account can answer
in its inbox; the specialist chuyenvien asks Công an tỉnh (answer received on paper, no objection) and
Thuế tỉnh (still open), gives one line an award that must be posted when none has one, publishes the
notice and handles one of the two public comments. Everything goes through the services, so the dossier's
timeline, the audit log and the notifications read as in real use."""

from django.db import transaction
from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.audit.services import record_update, snapshot
from tdkt.awards.models import AwardType
from tdkt.dossiers.consultations import services as consultations
from tdkt.dossiers.consultations.models import ConsultationRequest, ConsultedAgency
from tdkt.dossiers.demo import DEMO_UNIT_CODES, SPECIALIST
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.line_decisions import change_line_award
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.postings import services as postings
from tdkt.dossiers.postings.enums import CommentState
from tdkt.dossiers.postings.models import PublicNotice

LEADER = "lanhdao.soyte"
POLICE, TAX = "Công an tỉnh", "Thuế tỉnh"
POSTED_AWARD = "CSTD_TQ"  # Chiến sĩ thi đua toàn quốc: posted before the council (NĐ152 Đ44.2)
LIVE = (NominationState.PROPOSED, NominationState.ACCEPTED)
# Documentation addresses (RFC 5737): the comments' flood limits hash them like any sender's.
SENDER_ADDRESSES = ("192.0.2.10", "192.0.2.11")


def _skip(why: str) -> str:
    return f"Hiệp y và công khai: bỏ qua ({why})."


def _link_agency_to_unit(agency, unit, *, by) -> None:
    """What the settings screen does: the unit's clerks and leaders then answer for the agency."""
    if agency.unit_id == unit.pk:
        return
    before = snapshot(agency)
    agency.unit = unit
    agency.save(update_fields=["unit"])
    record_update(by, agency, before)


def _leader_unit():
    membership = (Membership.objects.filter(user__username=LEADER, role=Role.UNIT_LEADER)
                  .select_related("unit").order_by("id").first())
    return membership.unit if membership else None


@transaction.atomic
def load_demo(year: int) -> str:
    specialist = User.objects.filter(username=SPECIALIST).first()
    if specialist is None:
        return _skip("chưa có tài khoản mẫu chuyenvien")
    dossier = (Dossier.objects.filter(unit__code__regex=DEMO_UNIT_CODES, state=DossierState.IN_APPRAISAL)
               .order_by("id").first())
    if dossier is None:
        return _skip("chưa có hồ sơ mẫu đang thẩm định")
    lines = list(dossier.nominations.filter(state__in=LIVE).select_related(
        "award_type", "person", "unit", "household", "dossier").order_by("position", "id"))
    agencies = {a.name: a for a in ConsultedAgency.objects.filter(name__in=(POLICE, TAX), active=True)}
    if not lines or len(agencies) < 2:
        return _skip("hồ sơ không còn đề nghị nào, hoặc thiếu cơ quan Công an tỉnh, Thuế tỉnh")
    unit = _leader_unit()
    if unit is not None:
        _link_agency_to_unit(agencies[TAX], unit, by=specialist)

    if not any(line.award_type.requires_public_posting for line in lines):  # decided during appraisal
        change_line_award(lines[0], AwardType.objects.get(code=POSTED_AWARD), by=specialist,
                          reason="Thành tích tiêu biểu, đề nghị cấp trên xét tặng (dữ liệu mẫu).")
    today = timezone.localdate()
    consulted = lines[:2]
    police, tax = consultations.send_consultation(dossier, by=specialist, agencies=[agencies[POLICE], agencies[TAX]],
                                                  nominations=consulted, sent_on=today)
    consultations.answer_consultation(
        police, by=specialist, objection=False, on_paper=True, answered_on=today,
        reference=f"Công văn số 215/CAT-PV01 ngày {today:%d/%m/%Y}",
        text="Qua kiểm tra, các cá nhân được đề nghị không vi phạm pháp luật về an ninh, trật tự.")

    dossier.refresh_from_db()
    notice = postings.publish_notice(dossier, by=specialist, published_on=today)
    nominee = notice.nominations.order_by("position", "id").first()
    general = postings.submit_comment(
        notice, name="Trần Văn Bình", contact="Thôn Sín Chải, số điện thoại 0912 000 111",
        text="Đề nghị ghi rõ số quyết định công nhận sáng kiến của các cá nhân trong danh sách.",
        ip=SENDER_ADDRESSES[0])
    postings.handle_comment(general, by=specialist, outcome=CommentState.DISMISSED,
                            reason="Số và ngày quyết định công nhận sáng kiến đã có trong báo cáo thành tích kèm hồ sơ.")
    postings.submit_comment(
        notice, nomination=nominee, name="Lò Thị Mai", contact="lo.thi.mai@example.vn",
        text="Đề nghị xác minh thời gian công tác thực tế tại đơn vị của người được đề nghị.",
        ip=SENDER_ADDRESSES[1])

    answering = f"{LEADER} trả lời trên hệ thống" if unit is not None else "trả lời bằng văn bản giấy"
    return (f"Hiệp y và công khai: hồ sơ “{dossier.title}” — hiệp y {POLICE} (đã trả lời bằng văn bản, không có "
            f"ý kiến), {TAX} (chờ trả lời đến {tax.due_on:%d/%m/%Y}, {answering}); thông báo công khai nhận ý kiến "
            f"đến hết ngày {notice.ends_on:%d/%m/%Y}, 2 ý kiến của nhân dân (1 đã xử lý, 1 chưa xử lý).")


@transaction.atomic
def _counted(result) -> int:
    return sum(count for label, count in result[1].items() if not label.lower().endswith("statechange"))


def wipe_demo() -> int:
    """Delete the notices (with their comments) and requests of the demo units' dossiers, and unlink the
    agencies from demo units (they are deleted next). Returns the rows deleted or unlinked (their state
    histories go with them, uncounted)."""
    dossiers = Dossier.objects.filter(unit__code__regex=DEMO_UNIT_CODES)
    notice_ids = set(PublicNotice.objects.filter(nominations__dossier__in=dossiers).values_list("pk", flat=True))
    deleted = _counted(PublicNotice.objects.filter(pk__in=notice_ids).delete())
    deleted += _counted(ConsultationRequest.objects.filter(dossier__in=dossiers).delete())
    unlinked = 0
    for agency in ConsultedAgency.objects.filter(unit__code__regex=DEMO_UNIT_CODES):
        before = snapshot(agency)
        agency.unit = None
        agency.save(update_fields=["unit"])
        record_update("seed_demo", agency, before)
        unlinked += 1
    return deleted + unlinked
