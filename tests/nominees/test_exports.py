"""Exports of the consolidated list: the files are opened again and their texts checked exactly."""

import datetime
import io

import docx
import openpyxl
import pytest

from tdkt.dossiers import exports
from tests.factories import make_person
from tests.nominees.helpers import make_dossier, make_line

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def dossier(world):
    dossier = make_dossier(world.unit_a, cover_letter_number="12/TTr-SYT", cover_letter_date=datetime.date(2025, 12, 5))
    make_line(dossier, person=world.person_a, code="CSTD_CS", position=1, position_and_unit="Giám đốc, Sở Y tế")
    make_line(dossier, person=world.person_a_child, code="LDTT", position=2, position_and_unit="Điều dưỡng")
    make_line(dossier, unit=world.unit_a_child, code="TTLDTT", position=3, position_and_unit="Sở Y tế")
    make_line(dossier, person=make_person("Lê Bị Loại", unit=world.unit_a), code="LDTT", position=4,
              state="rejected")
    return dossier


def written(write, *args, **kwargs) -> io.BytesIO:
    buffer = io.BytesIO()
    write(buffer, *args, **kwargs)
    buffer.seek(0)
    return buffer


def test_excel_export(dossier):
    book = openpyxl.load_workbook(written(exports.write_dossier_xlsx, dossier, today=TODAY))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"
    assert values[1][0] == "(Kèm theo Tờ trình số 12/TTr-SYT ngày 05/12/2025 của Sở Y tế)"
    assert values[2][0] == "Ngày lập: 15/01/2026"
    assert values[4] == ("STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị", "Đơn vị trình",
                         "Số hồ sơ", "Kết quả kiểm tra điều kiện", "Tính lúc", "Lý do")
    body = [row[:4] for row in values[5:]]
    assert body == [
        ("I", "TẬP THỂ (1)", None, None),
        (None, "Tập thể lao động tiên tiến (1)", None, None),
        (1, "Bệnh viện Đa khoa tỉnh", "Sở Y tế", "Tập thể lao động tiên tiến"),
        ("II", "CÁ NHÂN (2)", None, None),
        (None, "Lao động tiên tiến (1)", None, None),
        (1, "Đặng Thị Đào", "Điều dưỡng", "Lao động tiên tiến"),
        (None, "Chiến sĩ thi đua cơ sở (1)", None, None),
        (1, "Nguyễn Văn An", "Giám đốc, Sở Y tế", "Chiến sĩ thi đua cơ sở"),
    ]
    assert values[7][4] == "Sở Y tế"


def test_word_export_in_decree_30_layout(dossier):
    document = docx.Document(written(exports.write_dossier_docx, dossier))
    heading = document.tables[0]
    assert [p.text for p in heading.rows[0].cells[0].paragraphs if p.text] == ["SỞ Y TẾ"]
    assert [p.text for p in heading.rows[0].cells[1].paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert heading.rows[1].cells[0].text == "Số: 12/TTr-SYT"
    assert heading.rows[1].cells[1].text == "Lào Cai, ngày 05 tháng 12 năm 2025"
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == ["DANH SÁCH", "Tập thể, cá nhân đề nghị khen thưởng năm 2025",
                     "(Kèm theo Tờ trình số 12/TTr-SYT ngày 05/12/2025 của Sở Y tế)"]
    table = document.tables[1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức đề nghị"]
    assert rows[1][:2] == ["I", "TẬP THỂ"]
    assert rows[2][1] == "Tập thể lao động tiên tiến"
    assert rows[3] == ["1", "Bệnh viện Đa khoa tỉnh", "Sở Y tế", "Tập thể lao động tiên tiến"]
    assert rows[4][:2] == ["II", "CÁ NHÂN"]
    assert rows[6] == ["1", "Đặng Thị Đào", "Điều dưỡng", "Lao động tiên tiến"]
    assert rows[8] == ["2", "Nguyễn Văn An", "Giám đốc, Sở Y tế", "Chiến sĩ thi đua cơ sở"]
    assert len(rows) == 9  # the rejected line is not listed


def test_selection_export_groups_dossiers_of_the_chosen_states(world, dossier):
    dossier.state = "ready_for_council"
    dossier.save()
    other = make_dossier(world.unit_b, state="ready_for_council")
    make_line(other, person=world.person_b, code="LDTT", position_and_unit="Giáo viên")
    make_line(make_dossier(world.unit_b, state="draft"), person=make_person("Nháp", unit=world.unit_b))
    lines = exports.selection_lines(states=["ready_for_council"], year=2025)
    document = docx.Document(written(exports.write_selection_docx, lines, issuer="Sở Nội vụ", year=2025,
                                     today=TODAY))
    rows = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert [row[1] for row in rows[5:8]] == ["Lao động tiên tiến", "Đặng Thị Đào", "Giàng A Páo"]
    assert rows[7] == ["2", "Giàng A Páo", "Giáo viên", "Lao động tiên tiến"]
    assert "(Tổng hợp từ 2 hồ sơ đề nghị, lập ngày 15/01/2026)" in [p.text for p in document.paragraphs]
    sheet = openpyxl.load_workbook(written(exports.write_selection_xlsx, lines, year=2025, today=TODAY)).active
    names = [row[1] for row in sheet.iter_rows(min_row=6, values_only=True)]
    assert "Nháp" not in names and "Giàng A Páo" in names


def test_the_selection_is_read_in_one_query_and_written_without_more(world, dossier, django_assert_num_queries):
    dossier.state = "ready_for_council"
    dossier.save()
    with django_assert_num_queries(1):
        lines = exports.selection_lines(states=["ready_for_council"], year=2025)
        exports.write_selection_xlsx(io.BytesIO(), lines, year=2025, today=TODAY)
        exports.write_selection_docx(io.BytesIO(), lines, issuer="Sở Nội vụ", year=2025, today=TODAY)
    assert len(lines) == 3
