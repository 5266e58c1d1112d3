"""Blank nominee lists a unit downloads, fills and sends back: an Excel template (the shared streaming writer
tdkt.lib.sheets, two-level header with the birth date split Nam | Nữ, drop-down lists of the awards this
dossier may propose, the recipient kinds and the person categories, a guide sheet) and the Word
"Danh sách đề nghị" table in the Decree 30 layout (tdkt.lib.nd30). Both are read back by the importer as
they are (tests/nominees/test_blanks.py).

`proposable_awards(dossier)`: the catalogue's active awards whose own deciding authority (AwardType.level
and .deciding_authority, as seeded from law.md §4.1) is the one the dossier goes to, and whose kinds of
commendation include the dossier's (services.default_basis). Grassroots titles stay proposable in a
provincial dossier (units send their Lao động tiên tiến lists through it).
"""

from __future__ import annotations

from django.conf import settings

from tdkt.awards.deciders import may_decide, may_receive
from tdkt.awards.models import AwardType
from tdkt.dossiers.authority import receiver_kind
from tdkt.dossiers.exports import dossier_reference, dossier_title
from tdkt.dossiers.nominees.services import default_basis
from tdkt.lib import nd30
from tdkt.lib.sheets import SheetWriter
from tdkt.orgs.enums import CENTRAL_AUTHORITY_KINDS
from tdkt.people.enums import PersonCategory

KIND_INDIVIDUAL, KIND_COLLECTIVE = "Cá nhân", "Tập thể"
XLSX_TOP = [("STT", 1), ("Họ và tên", 1), ("Ngày, tháng, năm sinh", 2), ("Số CCCD", 1),
            ("Chức vụ, đơn vị công tác", 1), ("Loại đối tượng", 1), ("Thành phần", 1), ("Hình thức đề nghị", 1),
            ("Tóm tắt thành tích", 1)]
XLSX_BOTTOM = [None, None, "Nam", "Nữ", None, None, None, None, None, None]
XLSX_WIDTHS = [6, 30, 13, 13, 16, 36, 13, 22, 40, 40]
KIND_COLUMN, CATEGORY_COLUMN, AWARD_COLUMN = 6, 7, 8
TEMPLATE_ROWS = 500
WORD_HEADER = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ, đơn vị công tác", "Hình thức đề nghị",
               "Tóm tắt thành tích"]
WORD_WIDTHS_MM = [10, 38, 17, 15, 40, 30, 30]
WORD_EMPTY_ROWS = 10
def proposable_awards(dossier) -> list[AwardType]:
    """The active awards this dossier's receiving authority may take (tdkt.dossiers.authority), of its kind of
    commendation, in catalogue order."""
    kind = receiver_kind(dossier)
    basis = default_basis(dossier)
    central = dossier.authority in CENTRAL_AUTHORITY_KINDS  # a State-level dossier: only that decider's awards
    return [award for award in AwardType.objects.filter(active=True).order_by("sort_order", "name")
            if (may_decide(dossier.authority, award) if central else may_receive(kind, award))
            and (not award.bases or basis in award.bases)]


def category_labels() -> list[str]:
    return [str(label) for label in PersonCategory.labels]


def _guide(awards) -> list[str]:
    return [
        "HƯỚNG DẪN ĐIỀN DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        "",
        "1. Mỗi dòng một cá nhân hoặc một tập thể; giữ nguyên các dòng tiêu đề của bảng.",
        "2. Họ và tên: ghi đầy đủ họ, chữ đệm và tên theo thứ tự Việt Nam (ví dụ: Nguyễn Văn An). Có thể ghi "
        "kèm “Ông”, “Bà”, “Đ/c”, học hàm, học vị, cấp bậc (PGS.TS., ThS., BS.CKII, Đại tá…): hệ thống tự bỏ khi "
        "đối chiếu; “Ông”/“Bà” được dùng làm giới tính.",
        "3. Ngày, tháng, năm sinh: ghi vào cột “Nam” hoặc cột “Nữ” (chỉ một cột), dạng dd/mm/yyyy hoặc chỉ năm "
        "sinh. Để trống nếu chưa rõ: người mới sẽ được ghi “năm sinh chưa rõ”.",
        "4. Số CCCD (12 chữ số) nếu có: giúp phân biệt người trùng họ tên.",
        "5. Chức vụ, đơn vị công tác: ghi như sẽ in trong danh sách; tên đơn vị trực thuộc giúp ghi đúng đơn vị "
        "cho người mới.",
        "6. Loại đối tượng: chọn “Cá nhân” hoặc “Tập thể” (tập thể ghi tên đơn vị ở cột Họ và tên).",
        "7. Thành phần: chọn trong danh sách (dùng khi tạo mới người chưa có trong cơ sở dữ liệu).",
        "8. Hình thức đề nghị: chọn trong danh sách các hình thức hồ sơ này được đề nghị "
        f"({len(awards)} hình thức).",
        "",
        "Khi nhập, người đã có trong cơ sở dữ liệu được nhận ra theo họ tên và ngày sinh; những dòng còn nghi "
        "ngờ được đưa ra để cán bộ chọn từng dòng: gắn với người đã có, tạo mới, hoặc bỏ dòng.",
    ]


def write_template_xlsx(target, dossier) -> None:
    """The Excel template, written to `target` (a path or a binary file)."""
    awards = proposable_awards(dossier)
    with SheetWriter(target) as book:
        bold_center = book.style(bold=True, align="center")
        header_style = book.style(bold=True, align="center", border=1, wrap=True)
        body = book.style(border=1, wrap=True)
        sheet = book.sheet("Danh sách", widths=XLSX_WIDTHS, landscape=True)
        lists = book.sheet("Danh mục", widths=[60, 40, 16])
        guide = book.sheet("Hướng dẫn", widths=[120])
        sheet.title_row(dossier.unit.name.upper(), bold_center)
        sheet.title_row("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold_center)
        sheet.title_row(dossier_title(dossier), bold_center)
        sheet.title_row(dossier_reference(dossier), book.style(italic=True, align="center"))
        sheet.blank_row()
        sheet.header(XLSX_TOP, XLSX_BOTTOM, style=header_style)
        first = sheet.next_row
        for number in range(1, TEMPLATE_ROWS + 1):
            sheet.row([number], body)
        categories = category_labels()
        names = [award.name for award in awards]
        for index in range(max(len(names), len(categories), 2)):
            lists.row([names[index] if index < len(names) else None,
                       categories[index] if index < len(categories) else None,
                       (KIND_INDIVIDUAL, KIND_COLLECTIVE)[index] if index < 2 else None])
        last = first + TEMPLATE_ROWS - 1
        sheet.dropdown(AWARD_COLUMN, names, first_row=first, last_row=last, source_sheet=lists, source_column=0,
                       title="Hình thức đề nghị", message="Chọn một hình thức hồ sơ này được đề nghị.")
        sheet.dropdown(CATEGORY_COLUMN, categories, first_row=first, last_row=last, source_sheet=lists,
                       source_column=1, title="Thành phần")
        sheet.dropdown(KIND_COLUMN, [KIND_INDIVIDUAL, KIND_COLLECTIVE], first_row=first, last_row=last,
                       title="Loại đối tượng")
        for text in _guide(awards):
            guide.row([text], book.style(bold=True) if text.isupper() else book.style(wrap=True))


def write_template_docx(target, dossier) -> None:
    """The Word "Danh sách đề nghị" table (Decree 30 heading block), written to `target`."""
    heading = nd30.Heading(issuer=dossier.unit.name, place=settings.PROVINCE_NAME, date=None, number=None,
                           symbol="TTr", doc_type="DANH SÁCH", title=dossier_title(dossier))
    document = nd30.new_document(landscape=True)
    nd30.add_heading_block(document, heading, year=dossier.year)
    nd30.add_paragraph(document, dossier_reference(dossier), italic=True, align="center", space_after=12)
    rows = [nd30.SectionRow("TẬP THỂ", "I")] + [[""] * len(WORD_HEADER) for _i in range(3)]
    rows += [nd30.SectionRow("CÁ NHÂN", "II")] + [[""] * len(WORD_HEADER) for _i in range(WORD_EMPTY_ROWS)]
    nd30.add_table(document, WORD_HEADER, WORD_WIDTHS_MM, rows)
    nd30.add_paragraph(document, "Họ và tên ghi đầy đủ; năm sinh hoặc ngày sinh dd/mm/yyyy; hình thức đề nghị: "
                       + "; ".join(award.name for award in proposable_awards(dossier)) + ".", italic=True, size=11)
    nd30.save(document, target)
