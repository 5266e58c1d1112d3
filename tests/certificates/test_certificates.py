"""Certificates: register numbers without gaps, unguessable codes, PDF output checked by reading it back,
templates with positions, and public verification (genuine / revoked / unknown)."""

import io
import re
from concurrent.futures import ThreadPoolExecutor

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.db import connection  # noqa: F401 (used by the skipif condition)
from django.test import Client

from tdkt.decisions.certificates import services
from tdkt.decisions.certificates.models import Certificate, CertificateTemplate
from tdkt.decisions.certificates.render import (
    CertificateText,
    FieldBox,
    Layout,
    default_layout,
    layout_from_config,
    layout_to_config,
    render_pdf,
)
from tdkt.decisions.enums import DecisionState
from tests.certificates.support import issued_decision, revoke_line
from tests.conftest import client_for


def pdf_text(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages]


def test_issue_numbers_lines_in_annex_order_and_is_idempotent(world):
    decision = issued_decision(world)
    first = services.issue_certificates(decision, by=world.users["specialist"])
    assert [(c.line.display_name, c.register_text) for c in first] == [
        ("Sở Y tế", "0001/2026"), ("Ông Nguyễn Văn An", "0002/2026")]
    again = services.issue_certificates(decision, by=world.users["specialist"])
    assert [c.pk for c in again] == [c.pk for c in first]
    second = services.issue_certificates(issued_decision(world, number=124), by=world.users["specialist"])
    assert [c.register_text for c in second] == ["0003/2026", "0004/2026"]


def test_codes_avoid_ambiguous_characters_and_are_unique(world):
    certificates = services.issue_certificates(issued_decision(world), by=world.users["specialist"])
    for certificate in certificates:
        assert re.fullmatch(r"[346789ABCDEFGHJKMNPQRTUVWXY]{8}", certificate.code)
        assert certificate.code_text == f"{certificate.code[:4]}-{certificate.code[4:]}"
    assert len({c.code for c in certificates}) == 2


@pytest.mark.parametrize("state", [DecisionState.DRAFT, DecisionState.APPROVED_FOR_SIGNING])
def test_no_certificate_before_signing(world, state):
    decision = issued_decision(world, state=state)
    with pytest.raises(ValidationError, match=r"^\['Chỉ cấp bằng cho quyết định đã ký\.'\]$") as error:
        services.issue_certificates(decision, by=world.users["specialist"])
    assert error.value.messages == ["Chỉ cấp bằng cho quyết định đã ký."]
    assert not Certificate.objects.exists()


@pytest.mark.skipif("connection.vendor == 'sqlite'", reason="SQLite serialises writers; the in-memory test "
                    "database locks tables instead of waiting, so the race is exercised on PostgreSQL (CI)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded catalogue
def test_register_numbers_stay_gap_free_when_decisions_issue_at_once(world):
    decisions = [issued_decision(world, number=300 + i) for i in range(4)]

    def issue(decision):

        try:
            return [c.register_number for c in services.issue_certificates(decision, by=world.users["specialist"])]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(issue, decisions))
    numbers = sorted(n for batch in results for n in batch)
    assert numbers == list(range(1, 9))


def test_batch_pdf_has_one_page_per_certificate_with_the_texts(world):
    certificates = services.issue_certificates(issued_decision(world), by=world.users["specialist"])
    data = services.print_certificates(certificates, by=world.users["specialist"], base_url="http://tdkt.test/")
    pages = pdf_text(data)
    assert len(pages) == 2
    assert "BẰNG KHEN" in pages[1] and "Ông Nguyễn Văn An" in pages[1]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI" in pages[1]
    assert "Quyết định số 123/QĐ-UBND ngày 15/12/2026" in pages[1]
    assert f"Số vào sổ: {certificates[1].register_text}" in pages[1]
    assert f"Mã xác thực: {certificates[1].code_text}" in pages[1]
    assert "KT. CHỦ TỊCH" in pages[1] and "Nguyễn Văn Bình" in pages[1]
    assert [c.print_count for c in Certificate.objects.order_by("register_number")] == [1, 1]


def test_qr_carries_the_public_verification_address(world, settings):
    settings.SITE_URL = "https://tdkt.laocai.gov.vn"
    certificate = services.issue_certificates(issued_decision(world), by=world.users["specialist"])[0]
    assert services.certificate_text(certificate).verify_url == (
        f"https://tdkt.laocai.gov.vn/portal/verify/{certificate.code}/")


def test_preprinted_layout_prints_only_the_fields(world):
    layout = Layout(paper="A4", preprinted=True, fields=(FieldBox("recipient", 30, 80, 237, 20, bold=True),))
    text = pdf_text(render_pdf(layout, [CertificateText({"recipient": "Bà Đặng Thị Đào"})]))[0]
    assert text.strip() == "Bà Đặng Thị Đào"  # no national title, no frame text: the blank carries them
    plain = pdf_text(render_pdf(default_layout("A4"), [CertificateText({"recipient": "Bà Đặng Thị Đào"})]))[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in plain


@pytest.mark.parametrize(("paper", "size"), [("A4", (297, 210)), ("A3", (420, 297))])
def test_paper_sizes_are_landscape_a4_and_a3(paper, size):
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(default_layout(paper), [CertificateText({})])))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == size


def test_layout_round_trips_through_its_stored_configuration():
    layout = default_layout("A3", preprinted=True)
    assert layout_from_config(layout_to_config(layout)) == layout
    with pytest.raises(ValueError, match="không có trong mẫu bằng"):
        layout_from_config({"fields": [{"key": "birth_date", "x_mm": 1, "y_mm": 1, "width_mm": 10}]})


def test_template_editor_saves_positions_and_refuses_a_field_off_the_sheet(world):
    client = client_for(world, "specialist")
    data = {"name": "Phôi Bằng khen 2026", "paper": "A4", "orientation": "L", "preprinted": "on", "qr_x_mm": "20", "qr_y_mm": "160",
            "qr_size_mm": "24", "save": "1"}
    for key in ("recipient", "position", "award_title", "verb", "issuer_line", "reason", "decision", "place_date",
                "signer_title", "signer_name", "register_number", "code"):
        data |= {f"f_{key}_x": "30", f"f_{key}_y": "80", f"f_{key}_w": "200", f"f_{key}_size": "14",
                 f"f_{key}_align": "C"}
    data |= {"f_recipient_on": "on", "f_recipient_bold": "on"}
    response = client.post("/certificates/templates/new/", data)
    template = CertificateTemplate.objects.get()
    assert response.status_code == 302
    assert layout_from_config(template.config).fields == (
        FieldBox("recipient", 30.0, 80.0, 200.0, 14.0, bold=True, italic=False, align="C"),)
    data |= {"f_position_on": "on", "f_position_x": "150", "f_position_w": "200"}
    response = client.post(f"/certificates/templates/{template.pk}/", data)
    assert response.status_code == 200
    assert "“Chức vụ, đơn vị” nằm ngoài khổ giấy A4 (297 × 210 mm)." in response.content.decode()


def test_a_province_decisions_certificates_are_the_standing_bodys(world):
    decision = issued_decision(world)
    assert client_for(world, "council_member").get(f"/certificates/decision/{decision.pk}/").status_code == 403
    assert client_for(world, "clerk_a").get(f"/certificates/decision/{decision.pk}/").status_code == 404  # not its own
    client = client_for(world, "specialist")
    client.post(f"/certificates/decision/{decision.pk}/")
    response = client.post(f"/certificates/decision/{decision.pk}/print/")
    assert response["Content-Type"] == "application/pdf" and len(pdf_text(response.content)) == 2


# --- public verification ---------------------------------------------------------------------------------

def test_verification_of_a_genuine_code_shows_the_decision_and_nothing_personal(world):
    certificate = services.issue_certificates(issued_decision(world), by=world.users["specialist"])[1]
    response = Client().get(f"/portal/verify/?code={certificate.code_text.lower()}")
    assert response.status_code == 302
    page = Client().get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and 'data-status="genuine"' in html
    assert "Ông Nguyễn Văn An" in html and "Số 123/QĐ-UBND ngày 15/12/2026" in html
    assert "010090001234" not in html and "04/03/1985" not in html


def test_verification_of_a_revoked_award(world):
    certificate = services.issue_certificates(issued_decision(world), by=world.users["specialist"])[1]
    revocation = revoke_line(world, certificate.line)
    result = services.verify(certificate.code)
    assert (result.status, result.revoking_decision) == ("revoked", revocation)
    html = Client().get(f"/portal/verify/{certificate.code}/").content.decode()
    assert "Khen thưởng này đã bị hủy bỏ" in html


@pytest.mark.parametrize("code", ["ABCD-EFGH", "", "K7QF2M9", "'; drop table --", "x" * 200])
def test_unknown_codes_are_404_with_a_clear_message(world, code):
    services.issue_certificates(issued_decision(world), by=world.users["specialist"])
    response = Client().get(f"/portal/verify/{code or '-'}/")
    assert response.status_code == 404
    assert "Không có bằng nào mang mã này" in response.content.decode()


def test_verification_is_a_fixed_number_of_queries(world, django_assert_num_queries):
    certificate = services.issue_certificates(issued_decision(world), by=world.users["specialist"])[0]
    with django_assert_num_queries(3):  # the certificate, a revoking line, the decision's digital signatures
        services.verify(certificate.code)


def test_public_decision_pages_list_only_published_decisions(world, django_assert_num_queries):
    published = issued_decision(world)
    signed = issued_decision(world, number=124, state=DecisionState.SIGNED)
    client = Client()
    with django_assert_num_queries(1):
        listing = client.get("/portal/decisions/").content.decode()
    assert "123/QĐ-UBND" in listing and "124/QĐ-UBND" not in listing
    detail = client.get(f"/portal/decisions/{published.pk}/").content.decode()
    assert "Sở Y tế" in detail and "Ông Nguyễn Văn An" in detail and "010090001234" not in detail
    assert client.get(f"/portal/decisions/{signed.pk}/").status_code == 404


def test_portal_home_links_the_public_notices_decisions_and_verification(db):
    html = Client().get("/portal/").content.decode()
    for href in ('href="/notices/"', 'href="/portal/decisions/"', 'href="/portal/verify/"'):
        assert href in html
