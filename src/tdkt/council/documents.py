"""Word documents of a meeting in the Decree 30/2020 layout (tdkt.lib.nd30): the members' papers and the
minutes (biên bản). The texts are Vietnamese: these are official documents, whatever the UI language."""

from __future__ import annotations

from django.db.models import Case, Value, When
from django.utils import translation

from tdkt.council.enums import AttendanceStatus, BallotMode, BallotState, Outcome
from tdkt.council.minutes_feedback import feedback_for, feedback_paragraphs
from tdkt.council.models import Attendance, Ballot
from tdkt.council.papers import agenda_items, build_papers, withdrawals_of
from tdkt.council.services.meetings import quorum_of, rules_for
from tdkt.council.texts import meeting_title, percent_text
from tdkt.lib import nd30
from tdkt.orgs.enums import CouncilRole

ROLE_TEXT = {CouncilRole.CHAIR: "Chủ tịch Hội đồng", CouncilRole.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
             CouncilRole.STANDING_MEMBER: "Ủy viên thường trực", CouncilRole.MEMBER: "Ủy viên",
             CouncilRole.SECRETARY: "Ủy viên, Thư ký Hội đồng"}
ATTENDANCE_TEXT = {AttendanceStatus.PRESENT: "Có mặt", AttendanceStatus.ABSENT: "Vắng mặt",
                   AttendanceStatus.WRITTEN_OPINION: "Vắng mặt, có ý kiến bằng văn bản"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def locality(council) -> str:
    """"Lào Cai" from "Ủy ban nhân dân tỉnh Lào Cai": the place written before the date."""
    name = council.unit.name
    for marker in (" tỉnh ", " thành phố ", " Tỉnh ", " Thành phố "):
        if marker in name:
            return name.split(marker, 1)[1]
    return ""


def _heading(meeting, doc_type: str, title: str) -> nd30.Heading:
    council = meeting.council
    return nd30.Heading(issuer=council.name, parent=council.unit.name, place=locality(council), date=meeting.date,
                        number=None, symbol="BB-HĐTĐKT" if doc_type == "BIÊN BẢN" else "HĐTĐKT",
                        doc_type=doc_type, title=title)


def papers_docx(meeting) -> bytes:
    with translation.override("vi"):
        papers = build_papers(meeting)
        document = nd30.new_document(landscape=True)
        nd30.add_heading_block(document, _heading(
            meeting, "TÀI LIỆU", f"Danh sách đề nghị khen thưởng trình {meeting_title(meeting)} của Hội đồng"))
        rows = []
        for index, group in enumerate(papers.groups):
            rows.append(nd30.SectionRow(group.award_name, ROMAN[index] if index < len(ROMAN) else str(index + 1)))
            for line in group.lines:
                eligibility = "\n".join([line.verdict, *line.findings])
                rows.append([str(line.number), line.recipient, line.position_and_unit, eligibility,
                             "\n".join(line.answers) or "Không có",
                             "\n".join(line.comments) or "Không có"])
        if not rows:
            nd30.add_paragraph(document, "Chưa có đề nghị nào trong chương trình phiên họp.")
        else:
            nd30.add_table(document, ["TT", "Tập thể, cá nhân", "Chức vụ, đơn vị", "Kết quả thẩm định",
                                      "Ý kiến hiệp y", "Ý kiến nhân dân"], [12, 55, 55, 55, 45, 45], rows)
        _withdrawals(document, meeting, space_before=12)
        _general_comments(document, papers)
        return nd30.to_bytes(document)


def _withdrawals(document, meeting, **style) -> None:
    """The lines taken off the agenda before the ballot, each with its reason (nothing when none was)."""
    withdrawals = withdrawals_of(meeting)
    if not withdrawals:
        return
    nd30.add_paragraph(document, "Các trường hợp rút khỏi chương trình phiên họp:", bold=True, **style)
    for withdrawal in withdrawals:
        nd30.add_paragraph(document, (f"- {withdrawal.nomination.recipient} ({withdrawal.award_type.name}): "
                                      f"{withdrawal.reason}"), first_line_mm=10)


def _general_comments(document, papers) -> None:
    """NĐ152 Đ44.2: the public's feedback and its handling are reported to the council in writing — the
    comments about a whole list (naming no nominee) are printed once each, by notice."""
    if not (papers.general_comments or papers.posted):
        return
    p = nd30.add_paragraph
    p(document, "Ý KIẾN CHUNG CỦA NHÂN DÂN VỀ DANH SÁCH CÔNG KHAI", bold=True, space_before=12)
    if not papers.general_comments:
        p(document, "Không có ý kiến chung về danh sách công khai.", first_line_mm=10)
    for group in papers.general_comments:
        p(document, f"Thông báo: {group.title}", italic=True)
        for number, comment in enumerate(group.comments, start=1):
            sent = f", ngày {comment.submitted_on:%d/%m/%Y}" if comment.submitted_on else ""
            p(document, f"{number}. {comment.author or 'Không ghi tên'}{sent}: {comment.text}", first_line_mm=10,
              space_after=0)
            p(document, f"Kết quả xử lý: {comment.handling}", first_line_mm=10)


ROLE_ORDER = [CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.STANDING_MEMBER, CouncilRole.MEMBER,
              CouncilRole.SECRETARY]


def attendance_list(meeting):
    """Members in the order of the council's list: chair, vice-chairs, standing member, members, secretary."""
    rank = Case(*[When(member__role=role, then=Value(index)) for index, role in enumerate(ROLE_ORDER)],
                default=Value(len(ROLE_ORDER)))
    return list(Attendance.objects.filter(meeting=meeting).select_related("member__person").order_by(
        rank, "member__person__full_name", "pk"))


def _signatures(document, meeting, attendances):
    chair = next((a.member for a in attendances if a.member.role == CouncilRole.CHAIR), None)
    secretary = next((a.member for a in attendances if a.member.role == CouncilRole.SECRETARY), None)
    table = document.add_table(rows=1, cols=2)  # the default table style has no borders
    for cell, title, member in ((table.rows[0].cells[0], "THƯ KÝ", secretary),
                                (table.rows[0].cells[1], "CHỦ TỊCH", chair)):
        nd30.add_paragraph(cell, title, bold=True, align="center", space_after=48)
        nd30.add_paragraph(cell, member.person.full_name if member else "", bold=True, align="center")


def minutes_docx(meeting) -> bytes:
    with translation.override("vi"):
        return _minutes_document(meeting)


def _minutes_document(meeting) -> bytes:
    council = meeting.council
    rules = rules_for(council)
    attendances = attendance_list(meeting)
    counts = {}
    for row in attendances:
        counts[row.status] = counts.get(row.status, 0) + 1
    status = quorum_of(meeting, rules, counts=counts)
    ballot = Ballot.objects.filter(meeting=meeting).first()
    items = agenda_items(meeting)
    document = nd30.new_document()
    nd30.add_heading_block(document, _heading(meeting, "BIÊN BẢN", f"Họp {council.name} - {meeting_title(meeting)}"))
    p = nd30.add_paragraph
    p(document, f"Thời gian: ngày {meeting.date:%d/%m/%Y}. Địa điểm: {meeting.place}.", first_line_mm=10)
    p(document, "I. THÀNH PHẦN", bold=True)
    p(document, (f"Tổng số thành viên Hội đồng: {status.members_total}. "
                 f"{attendance_text(status.present, status.members_total)}; "
                 f"vắng mặt có ý kiến bằng văn bản: {counts.get(AttendanceStatus.WRITTEN_OPINION, 0)}; "
                 f"vắng mặt: {counts.get(AttendanceStatus.ABSENT, 0)}."), first_line_mm=10)
    nd30.add_table(document, ["TT", "Họ và tên", "Chức danh trong Hội đồng", "Tham dự"], [12, 60, 55, 38], [
        [str(i), a.member.person.full_name, ROLE_TEXT.get(a.member.role, a.member.role),
         ATTENDANCE_TEXT.get(a.status, a.status)] for i, a in enumerate(attendances, start=1)])
    reached = "đủ" if status.reached else "không đủ"
    p(document, (f"Số thành viên có mặt {status.present}/{status.members_total} "
                 f"({percent_text(status.present, status.members_total)}), {reached} điều kiện tiến hành phiên họp "
                 f"(cần ít nhất {status.required} thành viên có mặt theo {rules.legal_basis or 'quy chế Hội đồng'})."),
      first_line_mm=10, space_before=6)
    p(document, "II. NỘI DUNG", bold=True)
    for line in filter(None, (meeting.minutes_opening or "").splitlines()):
        p(document, line, first_line_mm=10)
    _public_feedback(document, feedback_for(meeting, items))
    _withdrawals(document, meeting, first_line_mm=10)
    for line in filter(None, (meeting.minutes_discussion or "").splitlines()):
        p(document, line, first_line_mm=10)
    p(document, "III. KẾT QUẢ BỎ PHIẾU KÍN", bold=True)
    _results(document, ballot, items)
    p(document, "IV. KẾT LUẬN", bold=True)
    for line in filter(None, (meeting.minutes_conclusion or "").splitlines()):
        p(document, line, first_line_mm=10)
    p(document, "Biên bản được lập và thông qua tại phiên họp./.", italic=True, first_line_mm=10)
    _signatures(document, meeting, attendances)
    return nd30.to_bytes(document)


FEEDBACK_STYLE = {"heading": {"bold": True, "space_before": 6}, "notice": {"first_line_mm": 10},
                  "group": {"italic": True, "first_line_mm": 10}, "comment": {"first_line_mm": 15, "space_after": 0},
                  "handling": {"first_line_mm": 15}, "none": {"first_line_mm": 15}}


def _public_feedback(document, feedback) -> None:
    """NĐ152 Đ44.2: the public's feedback and its handling, recorded in the minutes (nothing when no line
    of the agenda required public posting)."""
    for style, text in feedback_paragraphs(feedback):
        nd30.add_paragraph(document, text, **FEEDBACK_STYLE[style])


def attendance_text(present: int, total: int) -> str:
    """Attendance counted exactly: "đầy đủ" (all present) only when every member is."""
    full = " (có mặt đầy đủ)" if total and present == total else ""
    return f"Có mặt {present}/{total} thành viên{full}"


def ballot_figures_text(ballot) -> str:
    """Who was present, then the ballots as counted: never the members present as if they had all voted
    (13 ballots cast by 17 members present is printed as such). The count refuses unless cast equals the
    members marked as having voted, and cast = valid + invalid."""
    written = f", {ballot.written_count} ý kiến bằng văn bản" if ballot.written_count else ""
    present = f"{ballot.present_count} thành viên có mặt{written}"
    if ballot.cast_count is None:  # a paper ballot: the secretary's count gives the per-item totals
        return f"{present}; số phiếu phát ra: {ballot.issued_count}; kết quả theo biên bản kiểm phiếu giấy."
    return (f"{present}; số phiếu phát ra: {ballot.issued_count}, thu về: {ballot.cast_count}, "
            f"hợp lệ: {ballot.valid_count}, không hợp lệ: {ballot.invalid_count}.")


def _results(document, ballot, items):
    p = nd30.add_paragraph
    if ballot is None or ballot.state != BallotState.CLOSED:  # results exist only once counted
        p(document, "Chưa bỏ phiếu." if ballot is None or ballot.closed_at is None else "Chưa kiểm phiếu.",
          first_line_mm=10)
        return
    mode = "bỏ phiếu kín điện tử" if ballot.mode == BallotMode.ELECTRONIC else "bỏ phiếu kín bằng phiếu giấy"
    p(document, (f"Hình thức: {mode}. Tỷ lệ đồng ý tính trên tổng số {ballot.members_total} thành viên "
                 "Hội đồng."), first_line_mm=10)
    p(document, ballot_figures_text(ballot), first_line_mm=10)
    rows, group, approved = [], None, 0
    total = ballot.members_total
    for item in items:
        if item.award_type_id != group:
            group = item.award_type_id
            rows.append(nd30.SectionRow(item.award_type.name, ""))
        rule = f"≥ {item.threshold_percent}%" if item.threshold_percent else "> 50%"
        outcome = "Đạt" if item.outcome == Outcome.APPROVED else "Không đạt"
        approved += item.outcome == Outcome.APPROVED
        rows.append([str(item.position), str(item.nomination.recipient),
                     f"{item.agree} ({percent_text(item.agree or 0, total)})",
                     f"{item.disagree} ({percent_text(item.disagree or 0, total)})",
                     f"{item.abstain} ({percent_text(item.abstain or 0, total)})", rule, outcome])
    nd30.add_table(document, ["TT", "Tập thể, cá nhân", "Đồng ý", "Không đồng ý", "Không biểu quyết", "Ngưỡng",
                              "Kết quả"], [10, 45, 22, 22, 22, 22, 22], rows)
    p(document, f"Số đề nghị đạt: {approved}/{len(items)}.", first_line_mm=10, space_before=6)
