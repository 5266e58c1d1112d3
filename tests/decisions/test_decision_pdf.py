"""The decision PDF drawn without LibreOffice (tdkt.decisions.decision_pdf): its pages rendered to images
(pdftoppm) and measured — the header's two columns side by side, the signature block beside "Nơi nhận",
the annex on a new page with its whole title, page numbers from page 2 only — and its text read back
with pypdf, Vietnamese diacritics included (the font is embedded)."""

import datetime
import io

import pytest
from django.test import override_settings
from pypdf import PdfReader

from tdkt.decisions import documents, pdf, services
from tdkt.decisions.decision_pdf import render_decision_pdf
from tdkt.decisions.enums import LineGroup
from tdkt.decisions.models import DecisionLine
from tdkt.decisions.queries import all_lines
from tdkt.lib import nd30
from tdkt.orgs.enums import SignerRank
from tdkt.orgs.models import SignerPost
from tests.decisions.support import SIGNED_ON, approved, make_authority, make_dossier, pdf_bytes
from tests.pdf_pages import pages

pytestmark = pytest.mark.django_db

LEFT, TOP, RIGHT = nd30.MARGINS_MM["left"], nd30.MARGINS_MM["top"], 210 - nd30.MARGINS_MM["right"]
LEFT_BOX_END = LEFT + nd30.LEFT_BOX_MM  # 92 mm: boxes 2–3 left of it, boxes 1–4 right of it
MIDDLE = (LEFT + RIGHT) / 2  # 112.5 mm: the middle of the text area


@pytest.fixture
def signed(world):
    authority = make_authority()
    dossier = make_dossier(world.unit_a)
    lines = [approved(dossier, unit=world.unit_a_child, position=1),
             approved(dossier, person=world.person_a, position=2, position_and_unit="Chuyên viên, Sở Y tế"),
             approved(dossier, person=world.person_a_child, position=3)]
    deputy = SignerPost.objects.create(authority=authority, user=world.users["signer"], full_name="Nguyễn Văn Bình",
                                       rank=SignerRank.DEPUTY, title="Phó Chủ tịch", valid_from=datetime.date(2021, 1, 1))
    (decision,) = services.draft_decisions(lines, by=world.users["specialist"], authority=authority)
    services.update_draft(decision, by=world.users["specialist"], signer_post=deputy,
                          proposal="Theo đề nghị của Giám đốc Sở Nội vụ", proposal_reference="45/TTr-SNV",
                          proposal_date=datetime.date(2026, 7, 2))
    services.approve_for_signing(decision, by=world.users["signer"])
    return services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)


@pytest.fixture
def rendered(signed):
    return render_decision_pdf(signed, all_lines(signed))


def test_the_header_is_two_columns_side_by_side(rendered):
    page = pages(rendered, last=1)[0]
    issuer, national = page.find("ỦY", "BAN", "NHÂN", "DÂN"), page.find("CỘNG", "HÒA")
    assert abs(issuer.top - national.top) < 0.5  # boxes 2 and 1 start on the same line
    assert issuer.left > LEFT and page.find("TỈNH", "LÀO", "CAI").right < LEFT_BOX_END < national.left
    assert page.find("VIỆT", "NAM").right < RIGHT
    number, place = page.find("Số:"), page.find("Lào", "Cai,", "ngày")
    assert abs(number.top - place.top) < 0.5  # boxes 3 and 4 on one line, below the first row
    assert number.right < LEFT_BOX_END < place.left and number.top > page.find("Độc", "lập").bottom
    # In the image: ink left and right of the boxes' border on the first line, none across it.
    first_line = (national.top, national.bottom)
    assert page.ink(LEFT, first_line[0], LEFT_BOX_END - 3, first_line[1]) > 50
    assert page.ink(LEFT_BOX_END + 3, first_line[0], RIGHT, first_line[1]) > 50
    assert page.ink(issuer.right + 1, first_line[0], national.left - 1, first_line[1]) == 0
    # The motto's rule is a drawn line as long as the motto (within a pixel or two), under it.
    motto = page.find("Độc", "lập")
    rule_rows = [y for y in page.ink_rows(motto.left, motto.left + 50) if motto.bottom < y < number.top]
    assert rule_rows
    assert page.longest_run(rule_rows[0], LEFT_BOX_END, RIGHT) == pytest.approx(60.5, abs=1.5)
    title = page.find("QUYẾT", "ĐỊNH")
    assert title.top > place.bottom and abs(title.middle_x - MIDDLE) < 1.5


def test_the_signature_block_sits_beside_noi_nhan(rendered):
    page = pages(rendered, last=1)[0]
    recipients, authority = page.find("Nơi", "nhận:"), page.find("KT.", "CHỦ", "TỊCH")
    assert abs(recipients.top - authority.top) < 1.5
    assert recipients.left == pytest.approx(LEFT, abs=1.5) and recipients.right < MIDDLE < authority.left
    last_article = page.find("Điều", "3.")
    assert recipients.top > last_article.bottom
    name = page.find("Nguyễn", "Văn", "Bình")
    assert name.top > page.find("(Đã", "ký)").bottom and name.left > MIDDLE
    assert name.top - authority.bottom > 15  # room for the signature and the seal
    band = (authority.top, authority.bottom)
    assert page.ink(LEFT, band[0], MIDDLE - 5, band[1]) > 30 and page.ink(MIDDLE + 5, band[0], RIGHT, band[1]) > 30
    assert page.ink(recipients.right + 1, band[0], authority.left - 1, band[1]) == 0


def test_the_annex_starts_a_new_page_with_its_whole_title(rendered):
    first, second = pages(rendered)
    assert not first.has("DANH", "SÁCH") and not first.has("(Kèm", "theo")
    heading = second.find("DANH", "SÁCH")
    title_words = "TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    assert second.has(*title_words.split()) and second.has("(Kèm", "theo", "Quyết", "định", "số", "01/QĐ-UBND")
    # Nothing but the page number above "DANH SÁCH"; the title right below it, centred.
    assert [word.text for word in second.words if word.top < heading.top] == ["2"]
    assert heading.top < TOP + 5 and abs(heading.middle_x - MIDDLE) < 1.5
    assert second.find("I.", "TẬP", "THỂ").top > second.find("(Kèm", "theo").bottom


def test_page_numbers_from_page_two_centred_in_the_top_margin(rendered):
    first, second = pages(rendered)
    assert first.ink(0, 0, 210, TOP - 1) == 0
    number = second.find("2")
    assert number.bottom < TOP and abs(number.middle_x - MIDDLE) < 1
    assert second.ink(0, 0, 210, TOP - 1) == second.ink(number.left - 1, 0, number.right + 1, TOP - 1) > 0


def test_the_text_reads_back_with_its_diacritics(signed, rendered):
    reader = PdfReader(io.BytesIO(rendered))
    assert [(round(float(p.mediabox.width) * 25.4 / 72), round(float(p.mediabox.height) * 25.4 / 72))
            for p in reader.pages] == [(210, 297), (210, 297)]
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    lines = all_lines(signed)
    expected = ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Số: 01/QĐ-UBND", "Lào Cai, ngày 10 tháng 7 năm 2026",
                "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
                *documents.legal_basis_lines(signed), "QUYẾT ĐỊNH:",
                *(f"{label} {body}" for label, body in documents.article_texts(signed, lines)),
                "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, SNV.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)",
                "Nguyễn Văn Bình", "DANH SÁCH", documents.annex_reference(signed), "I. TẬP THỂ",
                "1. Bệnh viện Đa khoa tỉnh, Sở Y tế;", "II. CÁ NHÂN", "1. Nguyễn Văn An, Chuyên viên, Sở Y tế;",
                "2. Đặng Thị Đào, Bệnh viện Đa khoa tỉnh."]
    position = 0
    for phrase in expected:  # each present, in this order
        found = text.find(" ".join(phrase.split()), position)
        assert found >= 0, phrase
        position = found
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    assert fonts and all("/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                         for font in fonts)  # embedded TrueType: prints the same on any machine


def test_the_copy_of_a_signed_decision_is_the_same_file_each_time(signed, rendered):
    assert render_decision_pdf(signed, all_lines(signed)) == rendered


def _lines(signed, collectives: int, individuals: int) -> list[DecisionLine]:
    award = signed.award_type
    unit = "Phòng Tổ chức cán bộ, Sở Nội vụ tỉnh Lào Cai, đơn vị dẫn đầu phong trào thi đua yêu nước năm 2025"
    return ([DecisionLine(group=LineGroup.COLLECTIVE, award_type=award, display_name=f"Tập thể số {index}",
                          position_and_unit=unit) for index in range(1, collectives + 1)]
            + [DecisionLine(group=LineGroup.INDIVIDUAL, award_type=award, display_name=f"Bà Đặng Thị Ngọc {index}",
                            position_and_unit="Chuyên viên chính, Phòng Nghiệp vụ Y, Sở Y tế tỉnh Lào Cai")
               for index in range(1, individuals + 1)])


def test_an_annex_of_300_lines_runs_over_pages_numbered_and_unbroken(signed):
    data = render_decision_pdf(signed, _lines(signed, 120, 180))
    all_pages = pages(data)
    assert len(all_pages) >= 8
    for number, page in enumerate(all_pages, start=1):
        top_words = [word for word in page.words if word.bottom < TOP]
        assert [word.text for word in top_words] == ([] if number == 1 else [str(number)])
        assert all(abs(word.middle_x - MIDDLE) < 1.5 for word in top_words)
        assert all(word.bottom <= 297 - nd30.MARGINS_MM["bottom"] + 0.5 for word in page.words)  # the bottom margin
        assert all(word.left >= LEFT - 0.5 and word.right <= RIGHT + 0.5 for word in page.words)
    # The group heading "II. CÁ NHÂN" is followed on its own page by its first entry.
    (heading_page,) = [page for page in all_pages if page.has("II.", "CÁ", "NHÂN")]
    assert heading_page.has("II.", "CÁ", "NHÂN", "1.", "Bà")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)
    entries = [f"{index}. Tập thể số {index}, Phòng" for index in range(1, 121)] + [
        f"{index}. Bà Đặng Thị Ngọc {index}, Chuyên viên chính" for index in range(1, 181)]
    position = 0
    for entry in entries:  # all 300, in order, none lost at a page break
        found = text.find(entry, position)
        assert found >= 0, entry
        position = found
    assert text.endswith("180. Bà Đặng Thị Ngọc 180, Chuyên viên chính, Phòng Nghiệp vụ Y, Sở Y tế tỉnh Lào Cai.")


def test_a_long_body_moves_the_signature_block_whole_to_the_next_page(signed):
    signed.legal_bases = [f"Căn cứ văn bản số {index} về công tác thi đua, khen thưởng của tỉnh Lào Cai"
                          for index in range(1, 18)]
    first, second, *_ = pages(render_decision_pdf(signed, _lines(signed, 1, 1)))
    assert not first.has("Nơi", "nhận:") and not first.has("KT.", "CHỦ", "TỊCH")
    recipients, authority = second.find("Nơi", "nhận:"), second.find("KT.", "CHỦ", "TỊCH")
    assert abs(recipients.top - authority.top) < 1.5 and second.has("Nguyễn", "Văn", "Bình")


def test_libreoffice_is_used_only_when_chosen_and_installed(monkeypatch):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    with override_settings(DECISION_PDF_ENGINE="libreoffice"):
        assert pdf.decision_engine() == pdf.DIRECT
    monkeypatch.setattr(pdf, "soffice_path", lambda: "/usr/bin/soffice")
    assert pdf.decision_engine() == pdf.DIRECT
    with override_settings(DECISION_PDF_ENGINE="libreoffice"):
        assert pdf.decision_engine() == pdf.LIBREOFFICE


def test_the_job_without_libreoffice_makes_this_very_pdf(signed, rendered, monkeypatch):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    with override_settings(DECISION_PDF_ENGINE="libreoffice"):
        assert pdf.decision_pdf(signed, all_lines(signed)) == rendered


def test_a_draft_leaves_the_number_and_date_blank_for_the_registry(world):
    (draft,) = services.draft_decisions([approved(make_dossier(world.unit_a), person=world.person_a)],
                                        by=world.users["specialist"], authority=make_authority())
    page, annex = pages(render_decision_pdf(draft, all_lines(draft)))
    number, place = page.find("Số:", "/QĐ-UBND"), page.find("Lào", "Cai,", "ngày", "tháng", "năm")
    assert abs(number.top - place.top) < 0.5 and number.right < LEFT_BOX_END < place.left
    assert not page.has("(Đã", "ký)") and annex.has("DANH", "SÁCH")
