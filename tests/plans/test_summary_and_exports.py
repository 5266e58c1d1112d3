"""The six-month / year-end summary text, and the task annex in Excel and in Word (Decree 30 layout);
the Word file is opened again, and turned into a PDF by LibreOffice when it is installed."""

import datetime
import io
import shutil
import subprocess

import docx
import pytest
from django.urls import reverse
from docx.shared import Mm, Pt
from openpyxl import load_workbook

from tdkt.plans import exports, queries
from tdkt.plans.summary import YEAR_END, progress_summary
from tests.plans.tracking import tracked_plan

TODAY = datetime.date(2026, 5, 10)


@pytest.fixture
def tracked(world):
    return tracked_plan(world)


def tasks_of(plan):
    tasks = list(plan.tasks.order_by("sort_order"))
    queries.attach_units(tasks)
    return tasks


def test_half_year_summary(tracked):
    text = progress_summary(tracked.plan, tasks_of(tracked.plan), today=TODAY)
    assert text == "\n\n".join([
        "KẾT QUẢ THỰC HIỆN KẾ HOẠCH CÔNG TÁC THI ĐUA, KHEN THƯỞNG 6 THÁNG ĐẦU NĂM 2026",
        "Thực hiện Kế hoạch số 05/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh Lào Cai về công tác thi đua, khen "
        "thưởng năm 2026, tính đến ngày 10/05/2026, trong tổng số 3 nhiệm vụ có thời hạn trong 6 tháng đầu năm: đã "
        "hoàn thành 1 nhiệm vụ (33,3%), đang thực hiện 1, chưa triển khai 0, quá hạn chưa hoàn thành 1.",
        "Theo quý: Quý I hoàn thành 1/2 nhiệm vụ (quá hạn 1); Quý II hoàn thành 0/1 nhiệm vụ.",
        "Ngoài ra, 1 nhiệm vụ thường xuyên, hàng tháng, hàng quý hoặc cả năm tiếp tục được triển khai (đã hoàn thành 0).",
        "Theo đơn vị chủ trì: Sở Y tế hoàn thành 1/2 nhiệm vụ, quá hạn 1; Sở Giáo dục và Đào tạo hoàn thành 0/1 nhiệm vụ.",
        "Các nhiệm vụ đã hoàn thành:\n- Hội nghị tổng kết công tác thi đua năm 2025 (Quý I, nhiệm vụ số 1; hoàn thành "
        "ngày 20/03/2026).",
        "Các nhiệm vụ quá hạn, chưa hoàn thành:\n- Kiểm tra công tác thi đua tại các bệnh viện (Quý I, nhiệm vụ số 2; "
        "hạn 28/02/2026; chủ trì: Sở Y tế).",
    ])


def test_year_end_summary_counts_every_task(tracked):
    text = progress_summary(tracked.plan, tasks_of(tracked.plan), kind=YEAR_END, today=TODAY)
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "KẾT QUẢ THỰC HIỆN KẾ HOẠCH CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2026"
    assert "trong tổng số 5 nhiệm vụ của cả năm: đã hoàn thành 1 nhiệm vụ (20%)" in paragraphs[1]
    assert paragraphs[2] == ("Theo quý: Quý I hoàn thành 1/2 nhiệm vụ (quá hạn 1); Quý II hoàn thành 0/1 nhiệm vụ; "
                             "Quý III hoàn thành 0/1 nhiệm vụ; Quý IV hoàn thành 0/0 nhiệm vụ; nhiệm vụ thường xuyên, "
                             "cả năm hoàn thành 0/1 nhiệm vụ.")


def test_summary_page_for_a_clerk_counts_their_tasks(tracked, as_persona):
    response = as_persona("clerk_b").get(reverse("plans:summary", kwargs={"pk": tracked.plan.pk}), {"kind": "year"})
    assert response.status_code == 200
    assert "trong tổng số 2 nhiệm vụ của cả năm" in response.context["text"]


def test_excel_annex(tracked, tmp_path):
    assert exports.write_tasks_xlsx(tmp_path / "a.xlsx", tracked.plan, tasks_of(tracked.plan), today=TODAY) == 5
    sheet = load_workbook(tmp_path / "a.xlsx").active
    rows = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "NHIỆM VỤ TRỌNG TÂM CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2026"
    assert rows[1][0] == "(Kèm theo Kế hoạch số 05/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh Lào Cai)"
    assert rows[3] == ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Tình trạng"]
    assert rows[4:] == [
        ["I", "QUÝ I", "", "", "", ""],
        ["1", "Hội nghị tổng kết công tác thi đua năm 2025", "Sở Y tế", "Sở Nội vụ", "31/03/2026",
         "Hoàn thành (20/03/2026)"],
        ["2", "Kiểm tra công tác thi đua tại các bệnh viện", "Sở Y tế", "", "Tháng 2/2026", "Quá hạn"],
        ["II", "QUÝ II", "", "", "", ""],
        ["1", "Tập huấn nghiệp vụ thi đua cho trường học", "Sở Giáo dục và Đào tạo", "", "30/06/2099", "Đang thực hiện"],
        ["III", "THÁNG 7", "", "", "", ""],
        ["1", "Báo cáo sơ kết 6 tháng", "Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Tháng 7/2026", "Chưa thực hiện"],
        ["IV", "HÀNG THÁNG", "", "", "", ""],
        ["", "Cung cấp tin bài về điển hình tiên tiến", "Hội đồng TĐKT tỉnh", "Sở Y tế", "Hàng tháng", "Chưa thực hiện"],
    ]
    assert "B5:F5" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet["B6"].font.name == "Times New Roman" and sheet.freeze_panes == "A5"


def test_excel_view_is_scoped(tracked, as_persona):
    response = as_persona("clerk_b").get(reverse("plans:export_xlsx", kwargs={"pk": tracked.plan.pk}))
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="ke-hoach-{tracked.plan.pk}-nhiem-vu.xlsx"'
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)] == [
        "QUÝ II", "Tập huấn nghiệp vụ thi đua cho trường học", "THÁNG 7", "Báo cáo sơ kết 6 tháng"]


def word_annex(tracked) -> bytes:
    buffer = io.BytesIO()
    exports.write_tasks_docx(buffer, tracked.plan, tasks_of(tracked.plan))
    return buffer.getvalue()


def test_word_annex_layout_and_content(tracked):
    document = docx.Document(io.BytesIO(word_annex(tracked)))
    section = document.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    assert [round(getattr(section, f"{side}_margin") / Mm(1)) for side in ("top", "bottom", "left", "right")] == [
        20, 20, 30, 15]
    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml
    header = document.tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"]
    assert [p.text for p in header.cell(0, 1).paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert header.cell(1, 0).text == "Số: 05/KH-UBND"
    assert header.cell(1, 1).text == "Lào Cai, ngày 10 tháng 01 năm 2026"
    motto = header.cell(0, 1).paragraphs[1].runs[0]
    assert (motto.bold, motto.font.size, motto.font.name) == (True, Pt(14), "Times New Roman")
    date_run = header.cell(1, 1).paragraphs[0].runs[0]
    assert (date_run.italic, date_run.font.size) == (True, Pt(14))
    body = [p.text for p in document.paragraphs if p.text]
    assert body == ["KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2026", "Phụ lục",
                    "NHIỆM VỤ TRỌNG TÂM CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2026",
                    "(Kèm theo Kế hoạch số 05/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh Lào Cai)"]
    table = document.tables[1]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"]
    assert cells[1] == ["I", "QUÝ I", "QUÝ I", "QUÝ I", "QUÝ I"]  # merged across
    assert cells[2] == ["1", "Hội nghị tổng kết công tác thi đua năm 2025", "Sở Y tế", "Sở Nội vụ", "31/03/2026"]
    assert len(table.rows) == 10
    assert "w:tblHeader" in table.rows[0]._tr.xml
    sizes = {run.font.size for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs}
    assert sizes == {Pt(13)}


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
def test_word_annex_converts_to_pdf(tracked, tmp_path):
    from pypdf import PdfReader

    source = tmp_path / "phu-luc.docx"
    source.write_bytes(word_annex(tracked))
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    reader = PdfReader(tmp_path / "phu-luc.pdf")
    page = reader.pages[0]
    assert (round(float(page.mediabox.width) * 25.4 / 72), round(float(page.mediabox.height) * 25.4 / 72)) == (210, 297)
    text = " ".join(page.extract_text().split())
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 05/KH-UBND",
                     "Lào Cai, ngày 10 tháng 01 năm 2026", "KẾ HOẠCH", "Hội nghị tổng kết công tác thi đua năm 2025"):
        assert expected in text


def test_word_view(tracked, as_persona):
    response = as_persona("specialist").get(reverse("plans:export_docx", kwargs={"pk": tracked.plan.pk}))
    assert response["Content-Type"] == exports.DOCX_TYPE
    assert len(docx.Document(io.BytesIO(b"".join(response.streaming_content))).tables[1].rows) == 10


def test_exports_report_progress(tracked, tmp_path):
    from tests.lib.test_progress import Recorder

    excel, word = Recorder(), Recorder()
    exports.write_tasks_xlsx(tmp_path / "a.xlsx", tracked.plan, tasks_of(tracked.plan), today=TODAY, progress=excel)
    exports.write_tasks_docx(tmp_path / "a.docx", tracked.plan, tasks_of(tracked.plan), progress=word)
    assert excel.calls == [("total", 5), ("advance", 5)]
    assert word.calls == [("total", 9), ("advance", 9)]  # table rows: 4 quarter headings and 5 tasks
