"""The group's minutes (biên bản) as Word in the Decree 30 layout, and every score of a round in Excel.

Official documents are written in Vietnamese whatever the interface language (as the plan exports)."""

from django.utils import timezone

from tdkt.lib import nd30
from tdkt.lib.progress import Progress, Ticker
from tdkt.lib.sheets import SheetWriter
from tdkt.movements.scoring.enums import CriterionKind, RoundKind
from tdkt.movements.scoring.queries import criteria_tree, members, review_matrix
from tdkt.movements.scoring.sheets import format_points
from tdkt.orgs.enums import GroupKind, GroupRole

ROLE_TEXT = {GroupRole.HEAD: "Trưởng", GroupRole.DEPUTY: "Phó Trưởng", GroupRole.MEMBER: "Thành viên"}
KIND_TEXT = {CriterionKind.NORMAL: "Tiêu chí", CriterionKind.BONUS: "Điểm thưởng", CriterionKind.PENALTY: "Điểm trừ"}


def group_word(group_year) -> str:
    return "khối" if group_year.group.kind == GroupKind.BLOCK else "cụm"


def round_title(scoring_round) -> str:
    review = "tổng kết" if scoring_round.kind == RoundKind.YEAR_END else "sơ kết"
    return (f"Họp {review} công tác thi đua năm {scoring_round.group_year.year} "
            f"của {scoring_round.group_year.group.name}")


def _percent(votes, voters) -> str:
    return f"{votes * 100 / voters:.1f}%".replace(".", ",") if voters else ""


def minutes_docx(scoring_round, ranked, tallies, proposals, *, place: str = "") -> bytes:
    """Biên bản: attendance, scores, ranking, the ballot tally and the proposals."""
    group_year = scoring_round.group_year
    word = group_word(group_year)
    head = next((m.unit for m in members(group_year) if m.role == GroupRole.HEAD), None)
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer=(head.name if head else group_year.group.name), parent=group_year.group.name, place=place,
        date=None, number=None, symbol="BB-" + word.upper(), doc_type="BIÊN BẢN", title=round_title(scoring_round),
    ), year=group_year.year)
    nd30.add_paragraph(document, "I. THÀNH PHẦN THAM DỰ", bold=True)
    attendance = [[str(i), m.unit.name, ROLE_TEXT.get(m.role, "")] for i, m in enumerate(members(group_year), 1)]
    nd30.add_table(document, ["TT", "Đơn vị", "Vai trò"], [12, 120, 33], attendance)
    voters = max((t.members_voting for t in tallies), default=0)
    if voters:
        nd30.add_paragraph(document, f"Số thành viên tham gia bỏ phiếu: {voters}/{len(attendance)} đơn vị.")
    nd30.add_paragraph(document, "II. KẾT QUẢ CHẤM ĐIỂM VÀ XẾP HẠNG", bold=True, space_before=6)
    ranking_rows = [[str(r.rank), r.name + (" (*)" if r.tie_unresolved else ""), format_points(r.total),
                     format_points(r.bonus), format_points(r.penalty)] for r in ranked]
    nd30.add_table(document, ["Hạng", "Đơn vị", "Tổng điểm", "Điểm thưởng", "Điểm trừ"], [15, 90, 22, 20, 18],
                   ranking_rows)
    if any(r.tie_unresolved for r in ranked):
        nd30.add_paragraph(document, "(*) Bằng điểm theo mọi tiêu chí phụ: thứ tự do cụm, khối bỏ phiếu quyết định.",
                           italic=True, size=12)
    nd30.add_paragraph(document, "III. KẾT QUẢ BỎ PHIẾU KÍN", bold=True, space_before=6)
    if tallies:
        nd30.add_table(document, ["TT", "Đơn vị được đề xuất", "Số phiếu đồng ý", "Số thành viên bỏ phiếu", "Tỷ lệ"],
                       [12, 78, 25, 30, 20],
                       [[str(i), t.unit.name, str(t.votes_for), str(t.members_voting),
                         _percent(t.votes_for, t.members_voting)] for i, t in enumerate(tallies, 1)])
    else:
        nd30.add_paragraph(document, "Chưa ghi nhận kết quả bỏ phiếu.", italic=True)
    nd30.add_paragraph(document, "IV. ĐỀ NGHỊ KHEN THƯỞNG", bold=True, space_before=6)
    if proposals:
        nd30.add_table(document, ["TT", "Đơn vị", "Hạng", "Hình thức đề nghị"], [12, 88, 15, 50],
                       [[str(i), p.unit.name, str(p.rank), p.award_type.name] for i, p in enumerate(proposals, 1)])
    else:
        nd30.add_paragraph(document, "Chưa lập đề nghị.", italic=True)
    nd30.add_paragraph(document, f"Biên bản lập lúc {timezone.localtime():%H giờ %M, ngày %d/%m/%Y}.", italic=True,
                       space_before=6)
    signatures = document.add_table(rows=1, cols=2)
    for cell, text in zip(signatures.rows[0].cells, ("THƯ KÝ", f"TRƯỞNG {word.upper()}"), strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = 1
        for run in cell.paragraphs[0].runs:
            run.bold = True
    return nd30.to_bytes(document)


def write_scores_xlsx(target, scoring_round, ranked, adjustments, *, progress: Progress | None = None) -> int:
    """Sheet 1: criteria × units (points as they count now); sheet 2: the ranking; sheet 3: adjustments.
    Written row by row to `target` (a path or a binary file); returns the number of criteria rows."""
    units, rows = review_matrix(scoring_round)
    ticker = Ticker(progress, len(rows))
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        bold = book.style(bold=True, wrap=False, valign="")
        sheet = book.sheet("Điểm", widths=[None, 60])
        sheet.row([f"Điểm thi đua – {round_title(scoring_round)}"],
                  styles=[book.style(bold=True, size=13, wrap=False, valign="")])
        header = ["Mã", "Tiêu chí", "Loại", "Điểm tối đa", "Hệ số"] + [unit.name for unit in units]
        sheet.row(header, book.style(bold=True, valign="vcenter"))
        for row in rows:
            criterion = row["criterion"]
            values = [criterion.code, ("   " * row["depth"]) + criterion.title, KIND_TEXT[criterion.kind],
                      float(criterion.max_points), float(criterion.weight)]
            if row["heading"]:
                sheet.row(values + [None] * len(units), styles=[bold] * len(header))
            else:
                sheet.row(values + [float(cell.points) if cell is not None and cell.points is not None else None
                                    for cell in row["cells"]])
            ticker.tick()
        ranking = book.sheet("Xếp hạng")
        ranking.row(["Hạng", "Đơn vị", "Tổng điểm", "Điểm thưởng", "Điểm trừ", "Bằng điểm chưa phân định"])
        for r in ranked:
            ranking.row([r.rank, r.name, float(r.total), float(r.bonus), float(r.penalty),
                         "x" if r.tie_unresolved else ""])
        changes = book.sheet("Điều chỉnh")
        changes.row(["Đơn vị", "Tiêu chí", "Điểm cũ", "Điểm mới", "Lý do", "Người điều chỉnh", "Thời điểm",
                     "Ý kiến đơn vị"])
        for adjustment in adjustments:
            changes.row([adjustment.score.sheet.unit.name, adjustment.score.criterion.code,
                         float(adjustment.old_points) if adjustment.old_points is not None else None,
                         float(adjustment.new_points), adjustment.reason, str(adjustment.by),
                         timezone.localtime(adjustment.at).strftime("%d/%m/%Y %H:%M"), adjustment.unit_answer])
    ticker.finish()
    return len(rows)


def template_rows(template) -> list[list]:
    return [[c.code, c.title, KIND_TEXT[c.kind], format_points(c.max_points)] for c, _d, _h in criteria_tree(template.pk)]


def cover_letter_docx(scoring_round, proposals, *, place: str = "") -> bytes:
    """Tờ trình of the group (a draft: number and date left blank for the head unit's registry)."""
    group_year = scoring_round.group_year
    word = group_word(group_year)
    head = next((m.unit for m in members(group_year) if m.role == GroupRole.HEAD), None)
    awards = sorted({p.award_type.name for p in proposals})
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer=(head.name if head else group_year.group.name), parent=group_year.group.name, place=place,
        date=None, number=None, symbol="TTr-" + word.upper(), doc_type="TỜ TRÌNH",
        title=f"Về việc đề nghị tặng {' và '.join(awards)} năm {group_year.year}"), year=group_year.year)
    nd30.add_paragraph(document, "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh (qua Sở Nội vụ).", align="center")
    nd30.add_paragraph(document, (
        f"Căn cứ kết quả chấm điểm, xếp hạng thi đua năm {group_year.year} và kết quả bình xét, bỏ phiếu của "
        f"{group_year.group.name}, Trưởng {word} đề nghị Hội đồng Thi đua - Khen thưởng tỉnh xem xét, trình Chủ "
        f"tịch Ủy ban nhân dân tỉnh khen thưởng các tập thể sau:"), align="justify")
    nd30.add_table(document, ["TT", "Tập thể", "Xếp hạng", "Hình thức đề nghị"], [12, 88, 20, 45],
                   [[str(i), p.unit.name, str(p.rank), p.award_type.name] for i, p in enumerate(proposals, 1)])
    nd30.add_paragraph(document, "(Kèm theo biên bản họp, bảng điểm và báo cáo thành tích của các tập thể.)",
                       italic=True, space_before=6)
    nd30.add_paragraph(document, f"TRƯỞNG {word.upper()}", bold=True, align="right", space_before=12)
    return nd30.to_bytes(document)
