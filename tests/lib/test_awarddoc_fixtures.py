"""The reader's regression suite: every document of tests/documents/awards/ read and compared, field by field,
with its `<name>.expected.json` (the JSON of `manage.py read_award_document --json`).

The whole JSON is compared, header (tdkt.lib.docheader) and body (tdkt.lib.awarddoc) together.
"""

import json
from pathlib import Path

import pytest

from tdkt.lib.awarddoc import NotAnAwardDocumentError, read_award_document

FOLDER = Path(__file__).resolve().parent.parent / "documents" / "awards"

FIXTURES = [
    # (document, expected JSON)
    ("decision_table.docx", "decision_table"),  # decision with its list in a Word table, header table
    ("decision_numbered.txt", "decision_numbered"),  # recipients in Điều 1 as a numbered list
    ("decision_lettered.txt", "decision_lettered"),  # a) b) c)
    ("decision_prose.txt", "decision_prose"),  # prose with semicolons; collectives with commas and "và"
    ("decision_groups.txt", "decision_groups"),  # group headings: Lao động tiên tiến, CSTĐCS
    ("web_page.txt", "web_page"),  # copied from a portal, navigation and footer around it
    ("web_page_html.html", "web_page_html"),  # the same saved as HTML, header in a table, <li> list
    ("hard_wrapped.pdf", "hard_wrapped"),  # PDF: hard-wrapped entries across two pages, «Ð» for «Đ»
    ("flattened_header.txt", "flattened_header"),  # header flattened onto one line
    ("repeated_header.txt", "repeated_header"),  # header written twice
    ("blanks.txt", "blanks"),  # "Số:   /QĐ-UBND", "ngày   tháng 12"
    ("school_year.txt", "school_year"),  # năm học 2024-2025
    ("merged_header.docx", "merged_header"),  # Năm sinh over Nam/Nữ, (1)…(6), sections, header repeated
    ("nomination_list.txt", "nomination_list"),  # Danh sách đề nghị, tab table with section rows
    ("public_notice.txt", "public_notice"),  # Thông báo lấy ý kiến nhân dân
    ("to_trinh.txt", "to_trinh"),  # Tờ trình with its list: a nomination list
    ("plan.txt", "plan"),  # a plan: kind plan, no recipients
    ("cut_off.txt", "cut_off"),  # 06 announced, numbering jumps, ends mid-entry
    ("duplicate.txt", "duplicate"),  # a name listed twice (and a namesake in another unit)
    ("households.txt", "households"),  # Hộ ông, Hộ bà, Gia đình ông
    ("titles.txt", "titles"),  # PGS.TS., BS CKII, Thượng tá, Đ/c Thiếu tá, ThS.
    ("lost_diacritics.txt", "lost_diacritics"),  # the whole text without diacritics
    ("flat_table.txt", "flat_table"),  # a list table whose cells were lost (OCR, a PDF's text); "kèm the:" misread
]


def expected(stem: str) -> dict:
    return json.loads((FOLDER / f"{stem}.expected.json").read_text(encoding="utf-8"))


def test_every_fixture_is_in_the_table():
    documents = {path.name for path in FOLDER.iterdir() if path.suffix in (".txt", ".html", ".docx", ".pdf")}
    listed = {document for document, _ in FIXTURES} | {"cong_van.txt"}
    assert documents == listed
    stems = {path.name.removesuffix(".expected.json") for path in FOLDER.glob("*.expected.json")}
    assert stems == {stem for _, stem in FIXTURES} | {"cong_van"}


@pytest.mark.parametrize(("document", "stem"), FIXTURES, ids=[stem for _, stem in FIXTURES])
def test_fixture_reads_exactly_as_expected(document, stem):
    assert read_award_document(FOLDER / document).as_json() == expected(stem)


def test_a_document_that_is_not_an_award_document_is_refused_in_vietnamese():
    with pytest.raises(NotAnAwardDocumentError, match="^Tệp không phải văn bản khen thưởng: không thấy hình thức"):
        read_award_document(FOLDER / "cong_van.txt")
    assert expected("cong_van") == {"error": "Tệp không phải văn bản khen thưởng: không thấy hình thức khen thưởng, "
                                             "danh sách tập thể, cá nhân hay kế hoạch thi đua nào."}
