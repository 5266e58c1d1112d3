"""Decisions recognising initiatives read by tdkt.lib.awarddoc: the annex table with merged and split
headers, several authors per cell and co-author rows; numbered prose with page chrome; the scope read from
the title or Điều 1 and never guessed; a scan read back through OCR; an award decision that mentions
initiatives still read as an award decision. The parsing of an authors cell is property-tested."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.lib import ocr
from tdkt.lib.awarddoc import DECISION, INITIATIVE_DECISION, read_award_bytes
from tdkt.lib.awarddoc.authors import parse_authors
from tests.documents.initiative_decisions import PROSE_PAGES, ROWS, initiative_docx, prose_text
from tests.documents.scanmaker import scan_pdf, text_pdf

needs_ocr = pytest.mark.skipif(not ocr.available() and os.environ.get("CI") != "true",
                               reason="ocrmypdf and tesseract-ocr-vie are installed by make ci-system-deps")


def _summary(reading) -> list[tuple]:
    return [(entry.number, entry.title, entry.field, [(a.name, a.position, a.unit, a.share) for a in entry.authors])
            for entry in reading.initiatives]


def test_the_annex_table_with_merged_headers_and_co_author_rows():
    reading = read_award_bytes(initiative_docx(), "qd.docx")
    assert (reading.kind, reading.number, reading.date.isoformat(), reading.scope, reading.recipients,
            reading.award_forms, reading.warnings) == (
        INITIATIVE_DECISION, "1520/QĐ-UBND", "2025-11-20", "TINH", [], [], [])
    assert _summary(reading) == [
        ("1", ROWS[0][1], "Quản lý nhà nước", [("Nguyễn Văn An", "Trưởng phòng Nội vụ", "", 60),
                                               ("Trần Thị Bình", "Chuyên viên", "Sở Y tế", 40)]),
        ("2", ROWS[1][1], "Giáo dục", [("Lê Văn Cường", "Giáo viên", "Trường THCS Lê Lợi", None),
                                       ("Phạm Thị Dung", "Giáo viên", "Trường THCS Lê Lợi", None)]),
        ("3", ROWS[2][1], "Cải cách hành chính", [("Hoàng Văn Em", "Phó Chánh", "Văn phòng UBND huyện", None),
                                                  ("Vũ Thị Giang", "Chuyên viên", "Văn phòng UBND huyện", None)])]
    as_json = reading.as_json()
    assert as_json["scope"] == "TINH" and as_json["initiatives"][0]["authors"][0] == {
        "name": "Nguyễn Văn An", "position": "Trưởng phòng Nội vụ", "unit": "", "share": 60,
        "line": as_json["initiatives"][0]["line"], "page": None}


def test_numbered_prose_across_pages_without_the_page_chrome():
    reading = read_award_bytes(prose_text(), "qd.txt")
    assert (reading.kind, reading.number, reading.scope, reading.warnings) == (
        INITIATIVE_DECISION, "88/QĐ-UBND", "CO_SO", [])
    assert _summary(reading) == [
        ("1", "Số hóa hồ sơ khen thưởng lưu trữ tại Sở Nội vụ", "",
         [("Nguyễn Văn An", "Trưởng phòng Thi đua - Khen thưởng", "Sở Nội vụ", 70),
          ("Trần Thị Bình", "Chuyên viên", "", 30)]),
        ("2", "Quy trình chấm điểm thi đua cụm, khối", "thi đua, khen thưởng",
         [("Đặng Thị Đào", "Chuyên viên", "Văn phòng Sở", None)])]
    assert [(entry.line, entry.page) for entry in reading.initiatives] == [(10, 1), (14, 2)]  # a form feed shares line 13


def test_no_scope_or_two_scopes_give_none_with_a_warning():
    none = read_award_bytes(initiative_docx(title="Về việc công nhận sáng kiến năm 2025",
                                            article="Điều 1. Công nhận 03 sáng kiến (danh sách kèm theo)."), "a.docx")
    assert none.scope is None and [w.message for w in none.warnings] == [
        "Không đọc được phạm vi ảnh hưởng của sáng kiến (cơ sở, tỉnh hay toàn quốc) ở trích yếu và Điều 1: cần chọn "
        "khi rà soát."]
    two = read_award_bytes(initiative_docx(title="Về việc công nhận sáng kiến năm 2025", article=(
        "Điều 1. Công nhận 03 sáng kiến có phạm vi ảnh hưởng cấp cơ sở và cấp tỉnh (danh sách kèm theo).")), "b.docx")
    assert two.scope is None
    assert two.warnings[0].message == ("Văn bản ghi nhiều phạm vi ảnh hưởng (tỉnh, cơ sở) ở Điều 1: không tự chọn được, "
                                       "cần chọn khi rà soát.")


def test_an_initiative_without_authors_and_a_wrong_count_are_named():
    rows = [ROWS[0], ("2", "Giải pháp tiết kiệm điện năng", "", "", "Năng lượng"), ("3", "", "Lò Văn Sáu", "", "")]
    reading = read_award_bytes(initiative_docx(rows=rows), "c.docx")
    missing = reading.initiatives[1]
    assert (missing.title, missing.authors) == ("Giải pháp tiết kiệm điện năng", ())
    assert [w.message for w in reading.warnings] == [
        f"Dòng {missing.line}: không đọc được tác giả của sáng kiến «Giải pháp tiết kiệm điện năng».",
        f"Dòng {missing.line + 1}: sáng kiến số 3 không có tên.",
        "Văn bản ghi 3 sáng kiến nhưng đọc được 2: cần kiểm tra lại danh sách."]


def test_an_award_decision_that_mentions_initiatives_is_still_an_award_decision():
    text = "\n".join(["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: 12/QĐ-UBND", "Lào Cai, ngày 05 tháng 3 năm 2025",
                      "QUYẾT ĐỊNH", "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở cho cá nhân có sáng kiến",
                      "Điều 1. Công nhận danh hiệu Chiến sĩ thi đua cơ sở cho:", "1. Ông Nguyễn Văn An, Chuyên viên.",
                      "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."])
    reading = read_award_bytes(text.encode(), "cstd.txt")
    assert (reading.kind, [r.name for r in reading.recipients], reading.initiatives) == (
        DECISION, ["Nguyễn Văn An"], [])
    assert "initiatives" not in reading.as_json()


@needs_ocr
def test_a_scanned_recognition_decision_reads_back_the_same():
    written = read_award_bytes(text_pdf(PROSE_PAGES), "goc.pdf")
    scanned = read_award_bytes(scan_pdf(PROSE_PAGES, dpi=300), "ban-quet.pdf")
    assert scanned.ocr and (scanned.kind, scanned.scope) == (INITIATIVE_DECISION, "CO_SO")
    assert _summary(scanned) == _summary(written)
    assert [(entry.title, [a.name for a in entry.authors]) for entry in scanned.initiatives] == [
        ("Số hóa hồ sơ khen thưởng lưu trữ tại Sở Nội vụ", ["Nguyễn Văn An", "Trần Thị Bình"]),
        ("Quy trình chấm điểm thi đua cụm, khối", ["Đặng Thị Đào"])]


# --- the authors cell, property-tested -------------------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Lò", "Giàng", "Hà"]
MIDDLE = ["Văn", "Thị", "Thu", "Đức", "Minh", "A"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hoa", "Páo", "Sáu", "Tâm", "Giang"]
HONORIFICS = ["", "", "Ông ", "Bà ", "ThS. ", "TS. ", "KS. ", "Đồng chí ", "Đ/c ", "BS.CKII "]
POSITIONS = ["", "", ", Trưởng phòng Nội vụ", ", Giáo viên Trường THCS Lê Lợi",
             ", Chuyên viên Sở Tài nguyên và Môi trường", ", Phó Giám đốc Sở Y tế"]
SEPARATORS = ["; ", "\n", ";\n", " và ", "\n- "]

author = st.tuples(st.sampled_from(HONORIFICS), st.sampled_from(FAMILY), st.sampled_from(MIDDLE),
                   st.sampled_from(GIVEN), st.sampled_from(POSITIONS), st.one_of(st.none(), st.integers(1, 100)))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(author, min_size=1, max_size=5), st.lists(st.sampled_from(SEPARATORS), min_size=5, max_size=5))
def test_every_author_of_a_cell_is_read_with_the_share_written(authors, separators):
    pieces = []
    for honorific, family, middle, given_name, position, share in authors:
        written = f" ({share}%)" if share is not None else ""
        pieces.append(f"{honorific}{family} {middle} {given_name}{position}{written}")
    cell = pieces[0] + "".join(sep + piece for sep, piece in zip(separators, pieces[1:], strict=False))
    read, problems = parse_authors(cell, line=7)
    assert problems == []
    assert [(a.name, a.share) for a in read] == [
        (f"{family} {middle} {given_name}", share) for _h, family, middle, given_name, _p, share in authors]
    for found, (_h, _f, _m, _g, position, _s) in zip(read, authors, strict=True):
        read_back = f"{found.position} {found.unit}".replace(",", " ").split()
        assert read_back == position.replace(",", " ").split()  # the words of the position and unit, in order
        assert found.line == 7


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_cell_gives_plausible_names_or_problems_never_a_crash(text):
    read, problems = parse_authors(text, line=3)
    for found in read:
        assert found.name and found.name[0].isupper() and found.share in (None, *range(1, 101))
    assert all(problem.startswith("Dòng 3: ") for problem in problems)
