"""tdkt.lib.nd30pdf, the Decree-30 layout drawn directly as a PDF: a 300-row table whose header row is
repeated on every page, section rows, the heading block for any issuer, the page numbers; pages rendered
to images and words (tests/pdf_pages.py) and read back with pypdf."""

import datetime
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tdkt.lib import nd30, nd30pdf
from tests.pdf_pages import pages

LEFT, TOP, RIGHT = nd30.MARGINS_MM["left"], nd30.MARGINS_MM["top"], 210 - nd30.MARGINS_MM["right"]
BOTTOM = 297 - nd30.MARGINS_MM["bottom"]
MIDDLE = (LEFT + RIGHT) / 2
HEADER = ["TT", "Họ và tên", "Chức vụ, đơn vị", "Mức thưởng"]
WIDTHS = [12, 55, 70, 28]


def _table_pdf(rows) -> bytes:
    pdf = nd30pdf.new_pdf(created=datetime.datetime(2026, 7, 10, tzinfo=datetime.UTC))
    nd30pdf.heading_block(pdf, nd30.Heading(issuer="Sở Nội vụ tỉnh Lào Cai", parent="Ủy ban nhân dân tỉnh Lào Cai",
                                            place="Lào Cai", date=datetime.date(2026, 2, 5), number="7/DS-SNV",
                                            doc_type="DANH SÁCH", title="Cá nhân được đề nghị khen thưởng"))
    nd30pdf.table(pdf, HEADER, WIDTHS, rows)
    return nd30pdf.to_bytes(pdf)


def _rows(count: int) -> list:
    rows = [nd30.SectionRow("CÁ NHÂN THUỘC CÁC SỞ, BAN, NGÀNH", label="I")]
    for index in range(1, count + 1):
        if index == count // 2:
            rows.append(nd30.SectionRow("CÁ NHÂN THUỘC CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ", label="II"))
        rows.append([str(index), f"Nguyễn Thị Hồng Nhung {index}",
                     "Phó Trưởng phòng Tổ chức cán bộ, Sở Nông nghiệp và Môi trường tỉnh Lào Cai", "3.800.000"])
    return rows


def test_a_table_of_300_rows_repeats_its_header_on_every_page():
    data = _table_pdf(_rows(300))
    all_pages = pages(data)
    assert len(all_pages) >= 6
    for number, page in enumerate(all_pages, start=1):
        header = page.find("TT", "Họ", "và", "tên", "Chức", "vụ,", "đơn", "vị", "Mức", "thưởng")
        body = [word for word in page.words if word.top > TOP and word.text != "TT"]
        if number > 1:  # the header row is the first thing under the page number
            assert header.top < TOP + 3 and all(word.top >= header.top - 0.5 for word in body)
        assert all(word.bottom <= BOTTOM + 0.5 and word.left >= LEFT and word.right <= RIGHT for word in page.words)
        # The table's frame, as wide as the text area: its left and right borders beside the header.
        assert page.ink(LEFT - 0.5, header.top, LEFT + 0.5, header.bottom) > 5
        assert page.ink(RIGHT - 0.5, header.top, RIGHT + 0.5, header.bottom) > 5
        assert page.ink(LEFT - 5, header.top, LEFT - 1, header.bottom) == 0
        page_number = [word.text for word in page.words if word.bottom < TOP]
        assert page_number == ([] if number == 1 else [str(number)])
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)
    position = 0
    for index in range(1, 301):  # every row, in order
        found = text.find(f"Nguyễn Thị Hồng Nhung {index} ", position)
        assert found >= 0, index
        position = found
    assert text.count("CÁ NHÂN THUỘC CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ") == 1


def test_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="a row of 2 cells in a table of 4 columns"):
        _table_pdf([["1", "Nguyễn Văn An"]])


def test_the_parent_body_stands_above_the_issuer_and_the_number_is_zero_padded():
    (page,) = pages(_table_pdf([]))
    parent, issuer = page.find("ỦY", "BAN", "NHÂN", "DÂN", "TỈNH", "LÀO", "CAI"), page.find("SỞ", "NỘI", "VỤ")
    assert parent.bottom <= issuer.top
    box_middle = LEFT + nd30.LEFT_BOX_MM / 2
    left_box = [word for word in page.words if word.right < LEFT + nd30.LEFT_BOX_MM and word.top < issuer.bottom + 12]
    for top in {round(word.top, 1) for word in left_box}:  # every line of boxes 2 and 3 centred in its box
        line = [word for word in left_box if round(word.top, 1) == top]
        assert abs((min(w.left for w in line) + max(w.right for w in line)) / 2 - box_middle) < 1
    assert page.has("Số:", "07/DS-SNV") and page.has("Lào", "Cai,", "ngày", "05", "tháng", "02", "năm", "2026")


ISSUERS = st.sampled_from(["Ủy ban nhân dân tỉnh Lào Cai", "Hội đồng Thi đua - Khen thưởng tỉnh Quảng Trị",
                           "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân xã Bản Lầu", "Văn phòng Ủy ban nhân dân tỉnh"])


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issuer=ISSUERS, day=st.dates(datetime.date(2025, 1, 1), datetime.date(2030, 12, 31)),
       number=st.integers(1, 9999))
def test_the_two_header_columns_never_overlap(issuer, day, number):
    pdf = nd30pdf.new_pdf()
    boxes = nd30pdf.heading_block(pdf, nd30.Heading(issuer=issuer, place="Quảng Trị", date=day,
                                                    number=f"{number}/QĐ-UBND", doc_type="QUYẾT ĐỊNH"))
    (page,) = pages(nd30pdf.to_bytes(pdf))
    left_words = [word for word in page.words if word.top < boxes["number"][0] + boxes["number"][1]
                  and word.left < LEFT + nd30.LEFT_BOX_MM]
    right_words = [word for word in page.words if word.top < boxes["date"][0] + boxes["date"][1]
                   and word.left >= LEFT + nd30.LEFT_BOX_MM]
    assert max(word.right for word in left_words) < LEFT + nd30.LEFT_BOX_MM
    assert min(word.left for word in right_words) > LEFT + nd30.LEFT_BOX_MM
    assert boxes["issuer"][0] == boxes["national"][0] and boxes["number"][0] == boxes["date"][0]
    assert page.has(*nd30.date_line("Quảng Trị", day).split())
    assert page.find("QUYẾT", "ĐỊNH").top > page.find(*nd30.date_line("Quảng Trị", day).split()).bottom


def test_keep_room_moves_to_a_new_page_only_when_needed():
    pdf = nd30pdf.new_pdf()
    nd30pdf.keep_room(pdf, 500)  # more than a page: at the top of page 1 already, no empty page made
    assert pdf.page_no() == 1
    pdf.set_y(250)
    nd30pdf.keep_room(pdf, 20)
    assert pdf.page_no() == 1
    nd30pdf.keep_room(pdf, 40)
    assert (pdf.page_no(), pdf.get_y()) == (2, TOP)
