"""Demo data: dossiers of the demo units in several states, made through the workflow functions so each
carries a real timeline. The clerks vanthu.soyte (Sở Y tế) and vanthu.xa (the home commune) prepare them; the
leader lanhdao.soyte approves and sends Sở Y tế's, and the commune's leader lanhdao.xa delegates sending to
vanthu.xa for the year (so the commune's timeline says "on behalf of"); the specialist chuyenvien receives, appraises, returns one and makes one ready for the council (which the
council demo then puts on its agenda). Files are tiny generated PDFs; they go with the dossiers on wipe."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.awards.models import AwardType
from tdkt.dossiers import workflow
from tdkt.dossiers.delegations import delegate_sending
from tdkt.dossiers.documents import add_document
from tdkt.dossiers.models import Dossier, DossierDocument, Nomination, SendingDelegation
from tdkt.people.models import Person

SPECIALIST = "chuyenvien"
CLERKS = ("vanthu.soyte", "vanthu.xa")
DEMO_UNIT_CODES = r"^P[0-9]+-"  # every demo unit's code carries the province prefix (tdkt.orgs.demo)


def _pdf(name: str, title: str) -> SimpleUploadedFile:
    body = f"%PDF-1.4\n% {title}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _dossier(clerk, unit, title, year, people, award):
    dossier = workflow.create_dossier(unit=unit, title=title, kind="year_end", by=clerk, year=year,
                                      cover_letter_number=f"{len(title) % 90 + 10}/TTr", cover_letter_date=datetime.date(
                                          year, 12, 5))
    lines = [Nomination.objects.create(dossier=dossier, position=index + 1, person=person,
                                       position_and_unit=person.position or unit.name, proposed_award_type=award,
                                       award_type=award,
                                       achievement_summary="Hoàn thành xuất sắc nhiệm vụ được giao trong năm.")
             for index, person in enumerate(people)]
    add_document(dossier, by=clerk, document_type="cover_letter", uploaded=_pdf("to-trinh.pdf", "To trinh"))
    add_document(dossier, by=clerk, document_type="council_minutes", uploaded=_pdf("bien-ban.pdf", "Bien ban"))
    for line in lines:
        add_document(dossier, by=clerk, document_type="achievement_report", nomination=line,
                     uploaded=_pdf(f"bao-cao-{line.position}.pdf", "Bao cao thanh tich"))
    return dossier, lines


def _sender(clerk, unit):
    """Who approves and sends the unit's demo dossiers: its leader, or (the home commune) the clerk under the
    leader's delegation for the coming year; None when the unit has no leader account."""
    membership = (Membership.objects.filter(unit=unit, role=Role.UNIT_LEADER).select_related("user")
                  .order_by("user__username").first())
    if membership is None:
        return None
    if clerk.username != CLERKS[1]:
        return membership.user
    today = datetime.date.today()
    delegate_sending(unit=unit, clerk=clerk, valid_from=today, valid_to=today + datetime.timedelta(days=365),
                     by=membership.user)
    return clerk


def load_demo(year: int) -> str:
    users = {user.username: user for user in User.objects.filter(username__in=(SPECIALIST, *CLERKS))}
    if SPECIALIST not in users or not any(name in users for name in CLERKS):
        return "Hồ sơ đề nghị: bỏ qua (chưa có tài khoản mẫu chuyenvien, vanthu.soyte, vanthu.xa)."
    specialist = users[SPECIALIST]
    award = AwardType.objects.get(code="BK_TINH")  # the province's to decide (NĐ152 Đ6.2.b): these go to it
    achievement_year = year or datetime.date.today().year
    made = []
    for username in CLERKS:
        clerk = users.get(username)
        membership = clerk.memberships.select_related("unit").first() if clerk else None
        if membership is None:
            continue
        unit = membership.unit
        # The unit's own staff and its sub-units' (a department's people mostly sit in its offices).
        people = list(Person.objects.filter(Q(unit=unit) | Q(unit__parent=unit), merged_into__isnull=True)
                      .order_by("unit_id", "id")[:12])
        if len(people) < 4:
            continue
        name = unit.short_name or unit.name
        draft, _ = _dossier(clerk, unit, f"Đề nghị khen thưởng năm {achievement_year} (đang soạn) — {name}",
                            achievement_year, people[:2], award)
        made.append(draft)
        sender = _sender(clerk, unit)
        if sender is None:
            continue
        sent, _ = _dossier(clerk, unit, f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm {achievement_year} — {name}",
                           achievement_year, people[2:4], award)
        workflow.submit_dossier(sent, by=sender)
        made.append(sent)
        if len(people) < 10:
            continue
        returned, lines = _dossier(clerk, unit, f"Đề nghị khen thưởng tổng kết năm {achievement_year} — {name}",
                                   achievement_year, people[4:7], award)
        workflow.submit_dossier(returned, by=sender)
        workflow.receive_dossier(returned, by=specialist)
        workflow.start_appraisal(returned, by=specialist)
        workflow.return_for_completion(
            returned, by=specialist, reason="Đề nghị đơn vị bổ sung báo cáo thành tích có xác nhận của thủ trưởng.",
            line_fixes={lines[0].pk: "Báo cáo thành tích chưa có chữ ký, đóng dấu của thủ trưởng đơn vị."})
        made.append(returned)
        appraised, lines = _dossier(clerk, unit, f"Đề nghị khen thưởng chuyên đề năm {achievement_year} — {name}",
                                    achievement_year, people[7:10], award)
        workflow.submit_dossier(appraised, by=sender)
        workflow.receive_dossier(appraised, by=specialist)
        workflow.start_appraisal(appraised, by=specialist)
        for line in lines:
            line.dossier = appraised
        for line in lines[:2]:  # a demo line may lack a rating: the specialist accepts knowingly, with a reason
            workflow.accept_line(line, by=specialist, confirmed=True,
                                 reason="Đã đối chiếu bản gốc báo cáo thành tích và xác nhận của thủ trưởng.")
        if username == CLERKS[0]:
            workflow.reject_line(lines[2], by=specialist, reason="Chưa đủ 10 tháng công tác trong năm.")
            workflow.mark_ready_for_council(appraised, by=specialist)
        made.append(appraised)
    states = ", ".join(sorted({dossier.get_state_display() for dossier in made}))
    return f"Hồ sơ đề nghị: {len(made)} hồ sơ mẫu ({states})."


def wipe_demo() -> int:
    """Delete the demo units' dossiers (lines, timeline, files with them) and their sending delegations."""
    SendingDelegation.objects.filter(unit__code__regex=DEMO_UNIT_CODES).delete()
    dossiers = Dossier.objects.filter(Q(unit__code__regex=DEMO_UNIT_CODES))
    paths = list(DossierDocument.objects.filter(dossier__in=dossiers).values_list("file", flat=True))
    deleted = dossiers.delete()[1].get(Dossier._meta.label, 0)
    storage = DossierDocument._meta.get_field("file").storage
    for path in paths:
        if path and not DossierDocument.objects.filter(file=path).exists():
            storage.delete(path)
    return deleted
