"""The Word draft of the half-year or year-end work report in the Decree 30 layout (tdkt.lib.nd30): the header
block, "BÁO CÁO" and its title, the seed plans' headings (I. Kết quả thực hiện, II. Tồn tại, hạn chế và nguyên
nhân, III. Phương hướng, nhiệm vụ, IV. Đề xuất, kiến nghị), the figures of tdkt.reports.work.figures in sentences
and tables, places marked (highlighted, in brackets) for the narrative the specialist writes, and the signature
block. Document text, so always Vietnamese.

Built within the request: the figures are a handful of aggregate queries and the document a few small tables
(bench/bench_work_report.py measures it over the reports dataset)."""

from __future__ import annotations

import datetime

from tdkt.awards.enums import AWARD_LEVEL_HEADING, AwardBasis, AwardLevel
from tdkt.lib import nd30
from tdkt.lib.nd30 import add_body as _body
from tdkt.lib.nd30 import add_todo as _todo
from tdkt.lib.nd30 import vn_count as _count
from tdkt.movements.enums import MovementLevel
from tdkt.orgs.report_issuer import ReportIssuer
from tdkt.reports.enums import ReportKind
from tdkt.reports.work.figures import Equity, WorkFigures, share
from tdkt.training import figures as training_figures

NO_INSPECTION_DATA = ("Hệ thống chưa ghi nhận dữ liệu về công tác kiểm tra thi đua, khen thưởng nên báo cáo "
                      "không nêu số liệu về nội dung này.")
LEVEL_SHORT = {AwardLevel.STATE: "cấp Nhà nước", AwardLevel.PROVINCE: "cấp tỉnh", AwardLevel.GRASSROOTS: "cấp cơ sở"}
METHOD_TEXT = {AwardBasis.MERIT: "Khen thưởng thường xuyên (công trạng và thành tích)",
               AwardBasis.THEMATIC: "Khen thưởng theo đợt, chuyên đề", AwardBasis.ADHOC: "Khen thưởng đột xuất",
               AwardBasis.FOREIGN: "Khen thưởng đối ngoại", AwardBasis.DEDICATION: "Khen thưởng quá trình cống hiến",
               AwardBasis.SENIORITY: "Khen thưởng theo niên hạn", AwardBasis.RESISTANCE: "Khen thưởng kháng chiến"}
MOVEMENT_LEVEL_TEXT = {MovementLevel.NATIONAL: "do Trung ương phát động", MovementLevel.PROVINCE: "do tỉnh phát động",
                       MovementLevel.UNIT: "do cơ quan, đơn vị phát động"}
ROMAN = ("I", "II", "III", "IV")


def title(kind: str, year: int) -> str:
    if kind == ReportKind.HALF_YEAR:
        return (f"Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year} và phương hướng, nhiệm vụ "
                f"6 tháng cuối năm {year}")
    return f"Tổng kết công tác thi đua, khen thưởng năm {year} và phương hướng, nhiệm vụ năm {year + 1}"


def direction_heading(kind: str, year: int) -> str:
    if kind == ReportKind.HALF_YEAR:
        return f"PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM {year}"
    return f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}"


def filename(kind: str, year: int, unit=None) -> str:
    stem = "bao-cao-so-ket-6-thang" if kind == ReportKind.HALF_YEAR else "bao-cao-tong-ket-nam"
    return f"{stem}-{year}{f'-{unit.code.lower()}' if unit is not None else ''}.docx"


def recipients(unit) -> tuple[str, ...]:
    """To whom the report goes (nơi nhận): the province's to the ministry and the province's leadership; a
    unit's to the standing body."""
    if unit is None:
        return ("- Bộ Nội vụ;", "- Thường trực Tỉnh ủy, HĐND tỉnh;", "- Hội đồng Thi đua - Khen thưởng tỉnh;",
                "- Lưu: VT, SNV.")
    return ("- Sở Nội vụ (Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh);", "- Lưu: VT.")


def build(figures: WorkFigures, *, kind: str, year: int, issuer: ReportIssuer, day: datetime.date | None = None):
    """The python-docx Document of the report."""
    document = nd30.new_document()
    nd30.add_heading_block(document, issuer.heading(title(kind, year), day), year=year)
    subject = "toàn tỉnh" if figures.unit is None else issuer.name
    _body(document, f"Số liệu trong báo cáo được tổng hợp từ Hệ thống thông tin thi đua, khen thưởng cho {subject}, "
                    f"từ ngày {figures.period.start:%d/%m/%Y} đến ngày {figures.period.end:%d/%m/%Y}; cùng kỳ năm "
                    f"trước là từ ngày {figures.previous.start:%d/%m/%Y} đến ngày {figures.previous.end:%d/%m/%Y}.")
    _todo(document, "căn cứ, mục đích của báo cáo và đặc điểm tình hình của địa phương, đơn vị")
    nd30.add_section(document, "I. KẾT QUẢ THỰC HIỆN")
    _heading(document, "1. Công tác chỉ đạo, tổ chức thực hiện và công tác tuyên truyền")
    _todo(document, "các văn bản chỉ đạo, hướng dẫn đã ban hành; công tác tuyên truyền, phát hiện, bồi dưỡng, "
                    "nhân rộng điển hình tiên tiến")
    _heading(document, "2. Việc tổ chức các phong trào thi đua")
    _body(document, movements_sentence(figures))
    _todo(document, "kết quả nổi bật của các phong trào thi đua thường xuyên, chuyên đề; hoạt động của các cụm, "
                    "khối thi đua")
    _heading(document, "3. Công tác khen thưởng")
    _awards(document, figures)
    _heading(document, "4. Công tác tiếp nhận, thẩm định hồ sơ đề nghị khen thưởng")
    _body(document, dossiers_sentence(figures))
    nd30.add_table(document, ["TT", "Nội dung", "Số hồ sơ"], [12, 120, 33], dossier_rows(figures))
    _heading(document, "5. Kết quả thực hiện kế hoạch công tác thi đua, khen thưởng")
    _body(document, tasks_sentence(figures))
    _heading(document, "6. Công tác kiểm tra, tập huấn nghiệp vụ")
    _inspections(document, figures)
    _body(document, training_figures.sentence(figures.training))
    nd30.add_section(document, "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    _heading(document, "1. Tồn tại, hạn chế")
    _todo(document, "những tồn tại, hạn chế trong công tác thi đua, khen thưởng")
    _heading(document, "2. Nguyên nhân")
    _todo(document, "nguyên nhân khách quan, chủ quan")
    nd30.add_section(document, f"III. {direction_heading(kind, year)}")
    _todo(document, "phương hướng và các nhiệm vụ trọng tâm")
    nd30.add_section(document, "IV. ĐỀ XUẤT, KIẾN NGHỊ")
    _todo(document, "đề xuất, kiến nghị với cấp trên")
    _body(document, f"Trên đây là báo cáo {title(kind, year)[0].lower()}{title(kind, year)[1:]} của "
                    f"{issuer.name}./.")
    nd30.signature_block(document, recipients=list(recipients(figures.unit)), signature=list(issuer.signature),
                         signer_name="")
    return document


def _heading(document, text: str) -> None:
    nd30.add_paragraph(document, text, bold=True, first_line_mm=10, space_before=6)


def movements_sentence(figures: WorkFigures) -> str:
    parts = [f"{_count(n)} phong trào {MOVEMENT_LEVEL_TEXT[level]}" for level, n in figures.movements_launched.items()
             if n]
    launched = (f"Trong kỳ có {_count(figures.movements_total)} phong trào thi đua được phát động"
                + (f" ({'; '.join(parts)})" if parts else ""))
    return (f"{launched}; sơ kết {_count(figures.movements_midterm)} phong trào, tổng kết "
            f"{_count(figures.movements_final)} phong trào.")


def dossiers_sentence(figures: WorkFigures) -> str:
    return (f"Trong kỳ đã tiếp nhận {_count(figures.dossiers_received)} hồ sơ đề nghị khen thưởng; trả lại để bổ "
            f"sung, hoàn thiện {_count(figures.dossiers_returned)} hồ sơ; đã có quyết định khen thưởng đối với "
            f"{_count(figures.dossiers_decided)} hồ sơ, trong đó {_count(figures.dossiers_on_time)} hồ sơ được giải "
            f"quyết đúng thời hạn và {_count(figures.dossiers_late)} hồ sơ giải quyết quá thời hạn "
            f"(tính theo ngày làm việc của từng bước thẩm định).")


def dossier_rows(figures: WorkFigures) -> list[list[str]]:
    return [["1", "Hồ sơ tiếp nhận", _count(figures.dossiers_received)],
            ["2", "Hồ sơ trả lại để bổ sung, hoàn thiện", _count(figures.dossiers_returned)],
            ["3", "Hồ sơ đã có quyết định khen thưởng", _count(figures.dossiers_decided)],
            ["", "- Đúng thời hạn", _count(figures.dossiers_on_time)],
            ["", "- Quá thời hạn", _count(figures.dossiers_late)]]


def inspections_sentence(figures: WorkFigures) -> str:
    data = figures.inspections
    return (f"Trong kỳ đã tổ chức {_count(data.inspections)} cuộc kiểm tra công tác thi đua, khen thưởng tại "
            f"{_count(data.units)} đơn vị; đoàn kiểm tra đã đưa ra {_count(data.recommendations)} kiến nghị, trong đó "
            f"{_count(data.closed)} kiến nghị đã được đơn vị thực hiện và đoàn kiểm tra chấp nhận; "
            f"{_count(len(data.overdue))} kiến nghị quá thời hạn mà đơn vị chưa báo cáo kết quả thực hiện.")


def _inspections(document, figures: WorkFigures) -> None:
    """Section I.6: the inspections recorded in the period with the overdue recommendations listed; without
    any, the sentence that no data is recorded."""
    if figures.inspections is None or not figures.inspections.inspections:
        _body(document, NO_INSPECTION_DATA)
        _todo(document, "các cuộc kiểm tra đã tổ chức (nếu có)")
        return
    _body(document, inspections_sentence(figures))
    if figures.inspections.overdue:
        _body(document, "Các kiến nghị quá thời hạn chưa được thực hiện:")
        nd30.add_table(document, ["TT", "Đơn vị", "Kiến nghị", "Thời hạn"], [12, 50, 80, 23],
                       [[str(i), item.record.unit.name, item.content, f"{item.due_on:%d/%m/%Y}"]
                        for i, item in enumerate(figures.inspections.overdue, 1)])


def tasks_sentence(figures: WorkFigures) -> str:
    if not figures.tasks_due:
        return "Trong kỳ không có nhiệm vụ nào của kế hoạch công tác thi đua, khen thưởng đến hạn hoàn thành."
    return (f"Trong kỳ có {_count(figures.tasks_due)} nhiệm vụ của kế hoạch công tác thi đua, khen thưởng đến hạn; "
            f"đã hoàn thành {_count(figures.tasks_done)} nhiệm vụ ({share(figures.tasks_done, figures.tasks_due)}), "
            f"trong đó {_count(figures.tasks_done_late)} nhiệm vụ hoàn thành sau thời hạn; "
            f"{_count(figures.tasks_overdue)} nhiệm vụ quá hạn chưa hoàn thành.")


def awards_sentence(figures: WorkFigures) -> str:
    recipients = figures.awards_by_recipient
    levels = "; ".join(f"{LEVEL_SHORT[level]}: {_count(n)}" for level, n in figures.awards_by_level.items() if n)
    return (f"Trong kỳ đã khen thưởng {_count(figures.awards_total)} lượt tập thể, cá nhân (cùng kỳ năm trước: "
            f"{_count(figures.equity_previous.total)} lượt), gồm {_count(recipients['collective'])} lượt tập thể, "
            f"{_count(recipients['individual'])} lượt cá nhân và {_count(recipients['household'])} lượt hộ gia đình"
            + (f"; theo cấp khen thưởng: {levels}" if levels else "") + ".")


EQUITY_ROWS = (  # label, counted field, denominator field
    ("Khen thưởng người lao động trực tiếp", "direct_workers", "individuals"),
    ("Khen thưởng phụ nữ", "women", "individuals"),
    ("Khen thưởng người dân tộc thiểu số", "minorities", "individuals"),
    ("Khen thưởng vùng sâu, vùng xa, biên giới, đặc biệt khó khăn", "hard_areas", "total"),
    ("Khen thưởng đột xuất", "adhoc", "total"),
)


def equity_text(equity: Equity, counted: str, whole: str) -> str:
    part, total = getattr(equity, counted), getattr(equity, whole)
    return f"{_count(part)} ({share(part, total)})"


def equity_rows(figures: WorkFigures) -> list[list[str]]:
    return [[str(index), label, equity_text(figures.equity, counted, whole),
             equity_text(figures.equity_previous, counted, whole)]
            for index, (label, counted, whole) in enumerate(EQUITY_ROWS, start=1)]


def equity_sentence(figures: WorkFigures) -> str:
    current, previous = figures.equity, figures.equity_previous
    parts = []
    for label, counted, whole in EQUITY_ROWS[:4]:
        parts.append(f"{label[len('Khen thưởng '):]} chiếm {share(getattr(current, counted), getattr(current, whole))} "
                     f"(cùng kỳ năm trước: {share(getattr(previous, counted), getattr(previous, whole))})")
    return ("Tỷ lệ khen thưởng theo các đối tượng ưu tiên (tỷ lệ trên tổng số lượt cá nhân được khen thưởng; riêng "
            "vùng sâu, vùng xa, biên giới, đặc biệt khó khăn trên tổng số lượt khen thưởng): " + "; ".join(parts) + ".")


def form_rows(figures: WorkFigures) -> list:
    rows: list = []
    for index, level in enumerate(figures.awards_by_level):
        members = [row for row in figures.awards_by_form if row.level == level]
        rows.append(nd30.SectionRow(f"{AWARD_LEVEL_HEADING[level]}: {_count(figures.awards_by_level[level])}", ROMAN[index]))
        rows += [[str(number), row.name, _count(row.count)] for number, row in enumerate(members, start=1)]
    return rows


def method_rows(figures: WorkFigures) -> list[list[str]]:
    return [[str(index), METHOD_TEXT[basis], _count(n)]
            for index, (basis, n) in enumerate(figures.awards_by_method.items(), start=1)]


def _awards(document, figures: WorkFigures) -> None:
    _body(document, awards_sentence(figures))
    _body(document, equity_sentence(figures))
    _todo(document, "nhận xét về chất lượng, tính kịp thời của công tác khen thưởng")
    nd30.add_paragraph(document, "Bảng 1. Khen thưởng theo cấp và hình thức", italic=True, align="center")
    nd30.add_table(document, ["TT", "Hình thức khen thưởng", "Số lượt"], [12, 120, 33], form_rows(figures))
    nd30.add_paragraph(document, "Bảng 2. Khen thưởng theo loại hình", italic=True, align="center",
                       space_before=6)
    nd30.add_table(document, ["TT", "Loại hình khen thưởng", "Số lượt"], [12, 120, 33], method_rows(figures))
    nd30.add_paragraph(document, "Bảng 3. Khen thưởng các đối tượng ưu tiên so với cùng kỳ năm trước", italic=True,
                       align="center", space_before=6)
    nd30.add_table(document, ["TT", "Chỉ tiêu", "Kỳ báo cáo", "Cùng kỳ năm trước"], [12, 83, 35, 35],
                   equity_rows(figures))
