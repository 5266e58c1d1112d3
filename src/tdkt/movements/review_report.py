"""The Word report of a movement's review (báo cáo sơ kết / tổng kết phong trào) in the Decree 30 layout
(tdkt.lib.nd30): the header block, "BÁO CÁO" and its title, the figures of the review's award round and of the
whole movement read from the data (dossiers, lines proposed and awards recorded by award and by level, the
decisions), places marked for the narrative the specialist writes, and the signature block. Document text, so
always Vietnamese, whatever the interface language."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from tdkt.awards.enums import AWARD_LEVEL_HEADING, AwardLevel
from tdkt.dossiers.models import Dossier
from tdkt.lib import nd30
from tdkt.lib.nd30 import add_body as _body
from tdkt.lib.nd30 import add_todo as _todo
from tdkt.lib.nd30 import vn_count as _count
from tdkt.movements.enums import MovementLevel, ReviewKind
from tdkt.movements.models import MovementReview
from tdkt.movements.reviews import AwardFigures, DecisionRef, award_figures, decisions_of
from tdkt.orgs.report_issuer import ReportIssuer, report_issuer

KIND_TEXT = {ReviewKind.MIDTERM: "Sơ kết", ReviewKind.FINAL: "Tổng kết"}


@dataclass(frozen=True)
class ReviewData:
    review: MovementReview
    round_dossiers: int
    round_figures: AwardFigures
    movement_dossiers: int
    movement_figures: AwardFigures
    decisions: list[DecisionRef]


def review_data(review: MovementReview) -> ReviewData:
    """The figures of the round (its call's dossiers) and of the whole movement, province-wide (the report is
    the standing body's): 7 queries."""
    round_dossiers = Dossier.objects.filter(call_id=review.call_id)
    movement_dossiers = Dossier.objects.filter(movement_id=review.movement_id)
    return ReviewData(review=review, round_dossiers=round_dossiers.count(),
                      round_figures=award_figures(round_dossiers), movement_dossiers=movement_dossiers.count(),
                      movement_figures=award_figures(movement_dossiers), decisions=decisions_of(round_dossiers))


def issuer_of(review: MovementReview) -> ReportIssuer:
    """A movement launched by a unit is reviewed by that unit; any other by the province's People's Committee."""
    movement = review.movement
    unit = movement.launching_unit if movement.level == MovementLevel.UNIT and movement.launching_unit_id else None
    return report_issuer(unit)


def title(review: MovementReview) -> str:
    return f"{KIND_TEXT[review.kind]} phong trào thi đua “{review.movement.name}”"


def filename(review: MovementReview) -> str:
    stem = "bao-cao-so-ket" if review.kind == ReviewKind.MIDTERM else "bao-cao-tong-ket"
    return f"{stem}-phong-trao-{review.movement_id}-{review.held_on:%Y%m%d}.docx"


def figures_sentence(data: ReviewData) -> str:
    round_figures, whole = data.round_figures, data.movement_figures
    return (f"Đợt {KIND_TEXT[data.review.kind].lower()} (hạn nhận hồ sơ ngày {data.review.call.cut_off:%d/%m/%Y}) "
            f"đã nhận {_count(data.round_dossiers)} hồ sơ đề nghị khen thưởng với {_count(round_figures.proposed)} "
            f"lượt đề nghị; đã khen thưởng {_count(round_figures.awarded)} lượt tập thể, cá nhân. Từ khi phát động "
            f"đến nay, phong trào có {_count(data.movement_dossiers)} hồ sơ, {_count(whole.proposed)} lượt đề nghị "
            f"và {_count(whole.awarded)} lượt được khen thưởng.")


def award_rows(figures: AwardFigures) -> list:
    rows: list = []
    shown = 0  # the levels with a line are numbered I, II, III in order
    for level in AwardLevel.values:
        members = [row for row in figures.rows if row.level == level]
        if not members:
            continue
        rows.append(nd30.SectionRow(f"{AWARD_LEVEL_HEADING[level]}: {_count(figures.by_level.get(level, 0))} lượt",
                                    ("I", "II", "III")[shown]))
        shown += 1
        rows += [[str(number), row.name, _count(row.proposed), _count(row.awarded)]
                 for number, row in enumerate(members, start=1)]
    rows.append(["", "Tổng cộng", _count(figures.proposed), _count(figures.awarded)])
    return rows


def decision_rows(decisions: list[DecisionRef]) -> list[list[str]]:
    return [[str(index), ref.number or "", ref.date.strftime("%d/%m/%Y") if ref.date else "", ref.issuer,
             _count(ref.awards)] for index, ref in enumerate(decisions, start=1)]


def build(data: ReviewData, issuer: ReportIssuer, day: datetime.date | None = None):
    """The python-docx Document of the review's report."""
    review, movement = data.review, data.review.movement
    document = nd30.new_document()
    nd30.add_heading_block(document, issuer.heading(title(review), day), year=review.held_on.year)
    _body(document, f"Phong trào được phát động ngày {movement.start_date:%d/%m/%Y}"
                    + (f", thực hiện đến ngày {movement.end_date:%d/%m/%Y}" if movement.end_date else "")
                    + f". Báo cáo này {KIND_TEXT[review.kind].lower()} kết quả từ ngày {review.period_from:%d/%m/%Y} "
                    f"đến ngày {review.period_to:%d/%m/%Y}; số liệu được tổng hợp từ Hệ thống thông tin thi đua, "
                    f"khen thưởng ngày {timezone.localdate():%d/%m/%Y}.")
    nd30.add_section(document, "I. KẾT QUẢ THỰC HIỆN PHONG TRÀO")
    _todo(document, "công tác chỉ đạo, tuyên truyền và kết quả nổi bật của phong trào")
    nd30.add_section(document, "II. CÔNG TÁC KHEN THƯỞNG")
    _body(document, figures_sentence(data))
    nd30.add_paragraph(document, "Bảng 1. Đề nghị và khen thưởng trong đợt theo cấp và hình thức", italic=True,
                       align="center")
    nd30.add_table(document, ["TT", "Hình thức khen thưởng", "Số lượt đề nghị", "Số lượt khen thưởng"],
                   [12, 95, 29, 29], award_rows(data.round_figures))
    nd30.add_paragraph(document, "Bảng 2. Quyết định khen thưởng của đợt", italic=True, align="center",
                       space_before=6)
    if data.decisions:
        nd30.add_table(document, ["TT", "Số quyết định", "Ngày", "Cơ quan ban hành", "Số lượt"],
                       [12, 35, 28, 65, 25], decision_rows(data.decisions))
    else:
        _body(document, "Chưa có quyết định khen thưởng nào của đợt được ghi nhận.")
    nd30.add_paragraph(document, "Bảng 3. Khen thưởng từ khi phát động phong trào", italic=True, align="center",
                       space_before=6)
    nd30.add_table(document, ["TT", "Hình thức khen thưởng", "Số lượt đề nghị", "Số lượt khen thưởng"],
                   [12, 95, 29, 29], award_rows(data.movement_figures))
    nd30.add_section(document, "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    _todo(document, "những tồn tại, hạn chế và nguyên nhân")
    nd30.add_section(document, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ" if review.kind == ReviewKind.MIDTERM
             else "IV. BÀI HỌC KINH NGHIỆM VÀ ĐỀ XUẤT, KIẾN NGHỊ")
    _todo(document, "phương hướng, nhiệm vụ thời gian tới" if review.kind == ReviewKind.MIDTERM
          else "bài học kinh nghiệm, đề xuất, kiến nghị")
    _body(document, f"Trên đây là báo cáo {title(review)[0].lower()}{title(review)[1:]} của {issuer.name}./.")
    nd30.signature_block(document, recipients=["- Hội đồng Thi đua - Khen thưởng tỉnh;", "- Lưu: VT."],
                         signature=list(issuer.signature), signer_name="")
    return document


def write_report(path, review: MovementReview) -> None:
    """Build the report of `review` and write it to `path` (tdkt.lib.downloads.send_export)."""
    nd30.save(build(review_data(review), issuer_of(review)), path)
