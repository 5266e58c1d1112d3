"""The same plans through the other readers: real .docx tables, a real PDF with a text layer, markdown and
HTML copies — the tasks and the header must come out exactly as from the text seeds."""

import re

import pytest

from tdkt.plans.importer import MergedCellsError, import_plan_bytes, import_plan_file
from tests.plans.docxmaker import plan_with_table, seed_to_docx
from tests.plans.pdfmaker import text_pdf
from tests.plans.seeds import seed_path, seed_text


def contract_without_lines(result):
    """The JSON contract, with line numbers (which differ between formats) taken out of the warnings."""
    data = result.as_json()
    data["warnings"] = [re.sub(r"dòng \d+", "dòng N", w["message"]) for w in data["warnings"]]
    return data


@pytest.mark.parametrize("name", ["lao_cai", "cao_bang", "thai_nguyen", "son_la"])
def test_docx_with_word_tables_reads_like_the_text_seed(name):
    from_text = import_plan_file(seed_path(name))
    from_docx = import_plan_bytes(seed_to_docx(seed_text(name)), f"{name}.docx")
    assert contract_without_lines(from_docx) == contract_without_lines(from_text)


def test_docx_with_the_decree_30_header_table():
    text = seed_text("cao_bang").replace("Số: 157 /KH-UBND", "").replace("Cao Bằng, ngày 22 tháng 01 năm 2026", "")
    header = [["ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
              ["Số: 157/KH-UBND", "Cao Bằng, ngày 22 tháng 01 năm 2026"]]
    result = import_plan_bytes(seed_to_docx(text, header_table=header), "cao_bang.docx")
    assert result.as_json()["document"] == {
        "issuer": "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG", "number": "157/KH-UBND", "place": "Cao Bằng",
        "date": "2026-01-22", "title": "Công tác thi đua, khen thưởng năm 2026", "year": 2026, "period": None,
    }
    assert result.counts_by_period() == {"Q1": 14, "Q2": 10, "Q3": 5, "Q4": 5}
    assert [w.message for w in result.warnings] == [
        "Mục «QUÝ III (04 NHIỆM VỤ)» ghi 4 nhiệm vụ nhưng bảng có 5 nhiệm vụ.",
        "Mục «QUÝ IV (04 NHIỆM VỤ)» ghi 4 nhiệm vụ nhưng bảng có 5 nhiệm vụ.",
    ]


def lang_son_pages() -> list[list[str]]:
    """Lạng Sơn's text cut into the pages it came from: the lone "2" and "3" open pages 2 and 3."""
    lines = [line.strip() for line in seed_text("lang_son").split("\n") if line.strip()]
    pages: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        if line in ("2", "3") and lines[index + 1].startswith("TT Nội dung"):
            pages.append([])
        pages[-1].append(line)
    assert len(pages) == 3
    return pages


def test_pdf_with_a_text_layer_reads_like_the_flattened_text_seed():
    from_text = import_plan_file(seed_path("lang_son"))
    from_pdf = import_plan_bytes(text_pdf(lang_son_pages()), "lang_son.pdf")
    assert from_pdf.as_json()["tasks"] == from_text.as_json()["tasks"]
    assert from_pdf.as_json()["document"] == from_text.as_json()["document"]
    assert [t.number for t in from_pdf.tasks] == [str(n) for n in range(1, 22)]


def test_pdf_page_number_at_the_top_of_a_page_without_repeated_header_is_not_a_task():
    pages = lang_son_pages()
    pages[1] = [line for line in pages[1] if not line.startswith("TT Nội dung")]  # header not repeated on page 2
    from_pdf = import_plan_bytes(text_pdf(pages), "lang_son.pdf")
    assert [t.number for t in from_pdf.tasks] == [str(n) for n in range(1, 22)]


def test_markdown_copy_with_pipe_table():
    text = seed_text("thai_nguyen")
    markdown = "\n".join(
        "| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line for line in text.split("\n")
    )
    from_text = import_plan_file(seed_path("thai_nguyen"))
    assert import_plan_bytes(markdown.encode(), "plan.md").as_json()["tasks"] == from_text.as_json()["tasks"]


def test_html_copy_with_table():
    lines = seed_text("cao_bang").split("\n")
    rows = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr>"
                     for line in lines if "\t" in line)
    head = "\n".join(f"<p>{line}</p>" for line in lines[:29] if line.strip())
    page = f"<html><body>\n{head}\n<table>\n{rows}\n</table>\n<p>III. TỔ CHỨC THỰC HIỆN</p></body></html>"
    result = import_plan_bytes(page.encode(), "plan.html")
    from_text = import_plan_file(seed_path("cao_bang"))
    assert result.as_json()["tasks"] == from_text.as_json()["tasks"]
    assert result.as_json()["document"] == from_text.as_json()["document"]


# --- merged cells in Word tables --------------------------------------------------------------------

HEADER = ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp"]


def test_section_rows_merged_across_the_table_are_fine():
    rows = [HEADER, ["I", "NHIỆM VỤ QUÝ I", "", ""], ["1", "Tập huấn nghiệp vụ", "Sở Nội vụ", "Văn phòng UBND tỉnh"]]
    result = import_plan_bytes(plan_with_table(rows, merges=[((1, 1), (1, 3))]), "plan.docx")
    assert [(t.period, t.number, t.lead) for t in result.tasks] == [("Q1", "1", ("Sở Nội vụ",))]
    assert result.warnings == []


def test_vertically_merged_unit_cell_is_copied_down_with_a_warning():
    rows = [HEADER, ["I", "QUÝ I", "", ""], ["1", "Tập huấn", "Sở Nội vụ", "Văn phòng UBND tỉnh"],
            ["2", "Kiểm tra", "", "Sở Tài chính"]]
    data = plan_with_table(rows, merges=[((2, 2), (3, 2))])
    result = import_plan_bytes(data, "plan.docx")
    assert [(t.number, t.lead, t.coordinating) for t in result.tasks] == [
        ("1", ("Sở Nội vụ",), ("Văn phòng UBND tỉnh",)), ("2", ("Sở Nội vụ",), ("Sở Tài chính",))]
    assert [w.message for w in result.warnings] == [
        "Cột «Đơn vị chủ trì» có ô gộp dọc: đã chép nội dung ô phía trên cho từng dòng, hãy kiểm tra."]


def test_merged_content_cells_are_refused_whole():
    rows = [HEADER, ["1", "Tập huấn", "Sở Nội vụ", "Văn phòng UBND tỉnh"], ["2", "", "Sở Tài chính", ""]]
    with pytest.raises(MergedCellsError, match=r"^Bảng nhiệm vụ có ô gộp dọc ở dòng 9 \(cột «Nội dung»\): không xác định được ô thuộc nhiệm vụ nào\. Hãy tách các ô gộp trong bảng \(Word: Bố cục › Tách ô\) rồi nhập lại; chưa nhập gì từ tệp này\.$") as caught:
        import_plan_bytes(plan_with_table(rows, merges=[((1, 1), (2, 1))]), "plan.docx")
    assert caught.value.message.startswith("Bảng nhiệm vụ có ô gộp dọc ở dòng 9 (cột «Nội dung»)")
    assert "chưa nhập gì từ tệp này" in caught.value.message


def test_cells_merged_across_task_columns_are_refused():
    rows = [HEADER, ["1", "Tập huấn", "Sở Nội vụ và Văn phòng UBND tỉnh", ""]]
    with pytest.raises(MergedCellsError, match=r"^Bảng nhiệm vụ có ô gộp ngang ở dòng 8 \(cột «Đơn vị chủ trì»\): không xác định được ô thuộc nhiệm vụ nào\. Hãy tách các ô gộp trong bảng \(Word: Bố cục › Tách ô\) rồi nhập lại; chưa nhập gì từ tệp này\.$") as caught:
        import_plan_bytes(plan_with_table(rows, merges=[((1, 2), (1, 3))]), "plan.docx")
    assert "ô gộp ngang ở dòng 8" in caught.value.message
