"""The decision .docx reopened and read back (exact paragraph texts), its PDF copy, the Tờ trình, and the
bonus money rules (table-driven, citing NĐ 152/2025/NĐ-CP Điều 49 and the coefficients of Đ50–54)."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import docx
import pytest
from docx.shared import Pt
from hypothesis import given
from hypothesis import strategies as st

from tdkt.decisions import documents, drafting, services
from tdkt.decisions.money import base_salary_on, bonus_amount, round_up, vnd
from tdkt.decisions.pdf import render_plain_pdf
from tdkt.decisions.submissions import submission_docx
from tdkt.orgs.enums import SignerRank
from tdkt.orgs.models import SignerPost
from tests.decisions.support import SIGNED_ON, approved, make_authority, make_dossier, pdf_bytes

BASE_2024, BASE_2026 = 2_340_000, 2_530_000


# law.md §6 worked examples (base 2,530,000) and NĐ152 Đ49 "làm tròn số lên hàng chục nghìn đồng".
@pytest.mark.parametrize(("what", "coefficient", "base", "expected"), [
    ("LĐTT, Đ50: 0.3 × 2,530,000 = 759,000", "0.3", BASE_2026, 760_000),
    ("CSTĐ cơ sở, Đ50: 1.0", "1.0", BASE_2026, 2_530_000),
    ("CSTĐ tỉnh, Đ50: 3.0", "3.0", BASE_2026, 7_590_000),
    ("TTLĐXS, Đ50: 1.5 = 3,795,000", "1.5", BASE_2026, 3_800_000),
    ("Bằng khen tỉnh cá nhân, Đ54: 1.5", "1.5", BASE_2026, 3_800_000),
    ("Bằng khen tỉnh tập thể, Đ54: 3.0", "3.0", BASE_2026, 7_590_000),
    ("Giấy khen hộ gia đình, Đ54.3: 0.45 = 1,138,500", "0.45", BASE_2026, 1_140_000),
    ("Cờ thi đua tỉnh, Đ50: 8.0", "8.0", BASE_2026, 20_240_000),
    ("Giấy khen hộ gia đình, base 2,340,000: 1,053,000 (BNV example)", "0.45", BASE_2024, 1_060_000),
    ("LĐTT, base 2,340,000: 702,000", "0.3", BASE_2024, 710_000),
    ("no coefficient (Gia đình văn hóa)", None, BASE_2026, 0),
])
def test_bonus_amount_nd152_article_49(what, coefficient, base, expected):
    assert bonus_amount(Decimal(coefficient) if coefficient else None, base) == expected


@given(st.integers(min_value=0, max_value=10**11))
def test_round_up_is_the_smallest_multiple_not_below(amount):
    rounded = round_up(amount)
    assert rounded % 10_000 == 0 and amount <= rounded < amount + 10_000


def test_base_salary_in_force_on_the_decision_date():
    table = [(datetime.date(2024, 7, 1), BASE_2024), (datetime.date(2026, 7, 1), BASE_2026)]
    assert [base_salary_on(day, table) for day in (datetime.date(2024, 6, 30), datetime.date(2026, 6, 30),
                                                   datetime.date(2026, 7, 1))] == [None, BASE_2024, BASE_2026]
    assert vnd(20_240_000) == "20.240.000"


def test_only_the_highest_title_of_the_same_year_is_paid(world):
    """NĐ152 Đ49: an LĐTT line pays nothing when the same person gets CSTĐ cơ sở for the same year
    (a unit's own round: the department head decides LĐTT)."""
    from tests.factories import make_authority as make_unit_authority
    from tests.factories import make_award

    authority = make_unit_authority(world.unit_a, symbol="QĐ-SYT")
    dossier = make_dossier(world.unit_a, receiving_authority=authority)
    ldtt = approved(dossier, person=world.person_a, code="LDTT", position=1)
    make_award(person=world.person_a, code="CSTD_CS", year=2025)
    (decision,) = services.draft_decisions([ldtt], by=world.users["clerk_a"], date=SIGNED_ON)
    line = decision.lines.get()
    assert (line.amount, line.amount_note) == (0, drafting.HIGHEST_TITLE_NOTE)


@pytest.fixture
def signed(world):
    authority = make_authority()
    dossier = make_dossier(world.unit_a)
    lines = [approved(dossier, unit=world.unit_a_child, position=1),
             approved(dossier, person=world.person_a, position=2, position_and_unit="Chuyên viên, Sở Y tế"),
             approved(dossier, person=world.person_a_child, position=3)]
    SignerPost.objects.create(authority=authority, full_name="Hồ Đức Phớc", rank=SignerRank.HEAD, title="CHỦ TỊCH",
                              valid_from=datetime.date(2021, 1, 1))
    deputy = SignerPost.objects.create(authority=authority, user=world.users["signer"], full_name="Nguyễn Văn Bình",
                                       rank=SignerRank.DEPUTY, title="Phó Chủ tịch", valid_from=datetime.date(2021, 1, 1))
    (decision,) = services.draft_decisions(lines, by=world.users["specialist"], authority=authority)
    services.update_draft(decision, by=world.users["specialist"], signer_post=deputy,
                          proposal="Theo đề nghị của Giám đốc Sở Nội vụ", proposal_reference="45/TTr-SNV",
                          proposal_date=datetime.date(2026, 7, 2))
    services.approve_for_signing(decision, by=world.users["signer"])
    return services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)


def test_decision_docx_reopened_has_the_exact_texts(signed):
    from tdkt.decisions.queries import all_lines

    document = docx.Document(io.BytesIO(documents.decision_docx(signed, all_lines(signed))))
    header = document.tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"]
    assert header.cell(1, 0).text == "Số: 01/QĐ-UBND"
    assert header.cell(1, 1).text == "Lào Cai, ngày 10 tháng 7 năm 2026"
    body = [p.text for p in document.paragraphs if p.text]
    assert body[:9] == [
        "QUYẾT ĐỊNH",
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân "
        "quyền trong lĩnh vực thi đua, khen thưởng, quy định chi tiết và hướng dẫn thi hành một số điều của Luật "
        "Thi đua, khen thưởng;",
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 02/07/2026.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể và 02 cá nhân (có danh sách kèm "
        "theo), đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025.",
    ]
    assert body[9] == ("Điều 2. Kèm theo Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, mỗi tập thể được thưởng "
                       "7.590.000 đồng, mỗi cá nhân được thưởng 3.800.000 đồng, theo quy định tại Điều 54 Nghị định "
                       "số 152/2025/NĐ-CP. Tổng số tiền thưởng: 15.190.000 đồng, chi từ Quỹ thi đua, khen thưởng "
                       "tỉnh.")
    assert body[10].startswith("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh") and body[10].endswith("./.")
    assert body[11:] == [
        "DANH SÁCH",
        "TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        "(Kèm theo Quyết định số 01/QĐ-UBND ngày 10/07/2026 của Chủ tịch Ủy ban nhân dân tỉnh Lào Cai)",
        "I. TẬP THỂ",
        "1. Bệnh viện Đa khoa tỉnh, Sở Y tế;",
        "II. CÁ NHÂN",
        "1. Nguyễn Văn An, Chuyên viên, Sở Y tế;",
        "2. Đặng Thị Đào, Bệnh viện Đa khoa tỉnh.",
    ]
    italic = [p.text for p in document.paragraphs if p.runs and p.runs[0].italic]
    assert italic[0].startswith("Căn cứ Luật Tổ chức") and len([t for t in italic if t.startswith(("Căn cứ", "Theo"))]) == 4
    signature = document.tables[1]
    assert [p.text for p in signature.cell(0, 0).paragraphs] == ["Nơi nhận:", "- Như Điều 3;", "- Sở Tài chính;",
                                                                 "- Lưu: VT, SNV."]
    # The catalogue's BK_TINH cites NĐ152 Đ54 for its bonus; the vice-chairman's post gives the signature.
    assert [p.text for p in signature.cell(0, 1).paragraphs if p.text] == [
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn Bình"]
    assert signature.cell(0, 0).paragraphs[0].runs[0].font.size == Pt(12)
    assert document.sections[0].different_first_page_header_footer is True
    assert "PAGE" in document.sections[0].header.paragraphs[0]._p.xml


def test_the_plain_pdf_fallback_reads_back(signed):
    from pypdf import PdfReader

    from tdkt.decisions.queries import all_lines

    data = render_plain_pdf(documents.decision_docx(signed, all_lines(signed)))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)
    for expected in ("Số: 01/QĐ-UBND", "QUYẾT ĐỊNH:", "(có danh sách kèm theo)", "II. CÁ NHÂN"):
        assert expected in text


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
def test_the_portal_pdf_is_the_word_document_converted(signed, tmp_path):
    from pypdf import PdfReader

    from tdkt.decisions.pdf import docx_to_pdf
    from tdkt.decisions.queries import all_lines

    data = docx_to_pdf(documents.decision_docx(signed, all_lines(signed)))
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width) * 25.4 / 72), round(float(page.mediabox.height) * 25.4 / 72)) == (210, 297)
    text = " ".join(page.extract_text().split())
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 01/QĐ-UBND", "Lào Cai, ngày 10 tháng 7 năm 2026",
                     "QUYẾT ĐỊNH:", "KT. CHỦ TỊCH"):
        assert expected in text
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:  # page 1 as an image, kept for the record with the other test artefacts
        source = tmp_path / "qd.pdf"
        source.write_bytes(data)
        subprocess.run([pdftoppm, "-r", "80", "-png", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
                       check=True, timeout=60)
        assert (tmp_path / "p-1.png").stat().st_size > 10_000


def test_submission_to_the_prime_minister(world):
    authority = make_authority()
    dossier = make_dossier(world.unit_a)
    nominations = [approved(dossier, unit=world.unit_a_child, code="BK_TTG", position=1,
                            achievement_summary="Dẫn đầu phong trào thi đua năm 2025"),
                   approved(dossier, person=world.person_a, code="BK_TTG", position=2)]
    document = docx.Document(io.BytesIO(submission_docx(authority, nominations[0].award_type, nominations,
                                                         year=2026)))
    header = document.tables[0]
    assert header.cell(1, 0).text == "Số:      /TTr-UBND"
    body = [p.text for p in document.paragraphs if p.text]
    assert body[0:3] == ["TỜ TRÌNH", "Về việc đề nghị tặng Bằng khen của Thủ tướng Chính phủ",
                         "Kính gửi: Thủ tướng Chính phủ (qua Bộ Nội vụ)."]
    assert ("Ủy ban nhân dân tỉnh Lào Cai kính trình Thủ tướng Chính phủ xem xét, tặng Bằng khen của Thủ tướng "
            "Chính phủ cho 01 tập thể và 01 cá nhân (có danh sách kèm theo), đã có thành tích xuất sắc trong "
            "thực hiện nhiệm vụ.") in body
    table = document.tables[2]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["TT", "Tên tập thể / Họ và tên", "Chức vụ, đơn vị", "Tóm tắt thành tích"],
        ["I", "TẬP THỂ", "TẬP THỂ", "TẬP THỂ"],
        ["1", "Bệnh viện Đa khoa tỉnh", "Sở Y tế", "Dẫn đầu phong trào thi đua năm 2025"],
        ["II", "CÁ NHÂN", "CÁ NHÂN", "CÁ NHÂN"],
        ["1", "Nguyễn Văn An", "Sở Y tế", ""],
    ]
