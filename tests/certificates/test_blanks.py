"""Certificates under their own authority's header with the verb line "TẶNG", and printed onto an authority's
pre-printed blank: the PDF is read back and each text is found at the position the layout gives it."""

import io

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.decisions.certificates import services
from tdkt.decisions.certificates.models import CertificateTemplate
from tdkt.decisions.certificates.render import (
    FIELD_LABELS,
    CertificateText,
    FieldBox,
    Layout,
    default_layout,
    layout_from_config,
    layout_to_config,
    render_pdf,
)
from tdkt.decisions.enums import LineGroup
from tdkt.orgs.enums import AuthorityKind, UnitKind
from tests.certificates.support import health_authority, issued_decision
from tests.conftest import client_for
from tests.factories import make_authority, make_person, make_unit

MM_PER_PT = 25.4 / 72


def placed_texts(data: bytes, page: int = 0) -> dict[str, tuple[float, float]]:
    """Each shown text of a page -> (x, baseline y) in mm from the sheet's top-left corner."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    sheet = reader.pages[page]
    height = float(sheet.mediabox.height)
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            found.setdefault(text.strip(), (round(tm[4] * MM_PER_PT, 1), round((height - tm[5]) * MM_PER_PT, 1)))

    sheet.extract_text(visitor_text=visit)
    return found


def page_lines(data: bytes, page: int = 0) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [line.strip() for line in reader.pages[page].extract_text().splitlines() if line.strip()]


def _giay_khen(world, issuer, *, person):
    return issued_decision(world, number=7, issuer=issuer, award_code="GK", signing_mode="", signer_position="GIÁM ĐỐC",
                           signer_name="Lê Văn Cường",
                           lines=[(LineGroup.INDIVIDUAL, {"person": person}, f"Ông {person.full_name}",
                                   "Bác sĩ, Bệnh viện Đa khoa tỉnh")])


def test_a_department_giay_khen_reads_tang_under_the_director_not_the_provincial_chairman(world):
    decision = _giay_khen(world, health_authority(world), person=world.person_a)
    certificates = services.issue_certificates(decision, by=world.users["specialist"])
    lines = page_lines(services.print_certificates(certificates, by=world.users["specialist"]))
    start = lines.index("GIÁM ĐỐC SỞ Y TẾ")
    assert lines[start:start + 4] == ["GIÁM ĐỐC SỞ Y TẾ", "GIẤY KHEN", "TẶNG", "Ông Nguyễn Văn An"]
    assert not any("ỦY BAN NHÂN DÂN TỈNH" in line for line in lines)
    assert "Quyết định số 07/QĐ-SYT ngày 15/12/2026" in lines
    assert lines[-3:-1] == ["GIÁM ĐỐC", "Lê Văn Cường"]


def test_a_commune_giay_khen_is_headed_by_the_commune_chairman(world):
    commune = make_unit("Ủy ban nhân dân xã Bản Lầu", kind=UnitKind.COMMUNE, code="XBL")
    issuer = make_authority(commune, kind=AuthorityKind.COMMUNE_CHAIR, symbol="QĐ-UBND", head_title="CHỦ TỊCH",
                            decider_title="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BẢN LẦU")
    villager = make_person("Hoàng Văn Sử", unit=commune)
    decision = issued_decision(world, number=3, issuer=issuer, award_code="GK", signing_mode="", signer_position="CHỦ TỊCH",
                               signer_name="Vàng Seo Phủ",
                               lines=[(LineGroup.INDIVIDUAL, {"person": villager}, "Ông Hoàng Văn Sử", "Trưởng thôn")])
    certificates = services.issue_certificates(decision, by=world.users["specialist"])
    lines = page_lines(services.print_certificates(certificates, by=world.users["specialist"]))
    start = lines.index("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BẢN LẦU")
    assert lines[start + 1:start + 4] == ["GIẤY KHEN", "TẶNG", "Ông Hoàng Văn Sử"]
    assert "Quyết định số 03/QĐ-UBND ngày 15/12/2026" in lines


def test_the_certificate_prints_the_decisions_signature_block(world):
    decision = issued_decision(world)
    block = decision.signature()
    assert (list(block.lines), block.name) == (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Nguyễn Văn Bình")


def test_the_blank_prints_only_the_fields_at_their_positions(world):
    layout = default_layout("A4", preprinted=True)
    assert (layout.paper, layout.orientation, layout.preprinted) == ("A4", "L", True)
    assert [box.key for box in layout.fields] == [
        "issuer_line", "verb", "recipient", "position", "reason", "decision", "register_number", "place_date",
        "signer_title", "signer_name"]
    data = render_pdf(layout, [CertificateText({
        "issuer_line": "GIÁM ĐỐC SỞ Y TẾ", "verb": "TẶNG", "recipient": "Ông Nguyễn Văn An",
        "decision": "Quyết định số 07/QĐ-SYT ngày 15/12/2026", "register_number": "Số vào sổ: 0001/2026",
        "signer_name": "Lê Văn Cường"})])
    reader = pypdf.PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * MM_PER_PT), round(float(box.height) * MM_PER_PT)) == (297, 210)
    placed = placed_texts(data)
    # Nothing but the fields: no national title, no motto (the blank carries the frame, emblem and headings).
    assert set(placed) == {"GIÁM ĐỐC SỞ Y TẾ", "TẶNG", "Ông Nguyễn Văn An", "Quyết định số 07/QĐ-SYT ngày 15/12/2026",
                           "Số vào sổ: 0001/2026", "Lê Văn Cường"}
    boxes = {box.key: box for box in layout.fields}
    # Left-aligned fields start at the box's x (plus fpdf's 1 mm cell margin); every baseline lies inside its box.
    for key, text in (("decision", "Quyết định số 07/QĐ-SYT ngày 15/12/2026"),
                      ("register_number", "Số vào sổ: 0001/2026")):
        x, baseline = placed[text]
        assert x == pytest.approx(boxes[key].x_mm + 1, abs=0.2)
        assert boxes[key].y_mm < baseline < boxes[key].y_mm + boxes[key].size_pt * 0.45
    for key, text in (("issuer_line", "GIÁM ĐỐC SỞ Y TẾ"), ("verb", "TẶNG"), ("recipient", "Ông Nguyễn Văn An"),
                      ("signer_name", "Lê Văn Cường")):
        x, baseline = placed[text]
        assert boxes[key].x_mm < x < boxes[key].x_mm + boxes[key].width_mm / 2  # centred in its box
        assert boxes[key].y_mm < baseline < boxes[key].y_mm + boxes[key].size_pt * 0.45
    assert placed["GIÁM ĐỐC SỞ Y TẾ"][1] < placed["TẶNG"][1] < placed["Ông Nguyễn Văn An"][1]


def test_a_portrait_a3_layout_keeps_its_orientation():
    layout = default_layout("A3", preprinted=True, orientation="P")
    assert layout.size == (297, 420)
    assert layout_from_config(layout_to_config(layout)) == layout
    box = pypdf.PdfReader(io.BytesIO(render_pdf(layout, [CertificateText({})]))).pages[0].mediabox
    assert (round(float(box.width) * MM_PER_PT), round(float(box.height) * MM_PER_PT)) == (297, 420)
    with pytest.raises(ValueError, match="Hướng giấy “X” không hợp lệ"):
        layout_from_config(layout_to_config(layout) | {"orientation": "X"})


def test_a_certificate_takes_its_authority_layout_before_the_shared_one(world):
    issuer = health_authority(world)
    shared = CertificateTemplate.objects.create(name="Mẫu chung", is_default=True)
    own = CertificateTemplate.objects.create(name="Phôi Sở Y tế", authority=issuer, is_default=True,
                                             config=layout_to_config(default_layout("A4", preprinted=True)))
    assert services.template_for(own.award_types.model.objects.get(code="GK"), issuer) == own
    assert services.template_for(own.award_types.model.objects.get(code="GK"), None) == shared
    certificate = services.issue_certificates(_giay_khen(world, issuer, person=world.person_a),
                                              by=world.users["specialist"])[0]
    assert certificate.template == own
    placed = placed_texts(services.print_certificates([certificate], by=world.users["specialist"]))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in placed and "GIẤY KHEN" not in placed  # pre-printed
    assert 70 < placed["TẶNG"][1] < 70 + 15 * 0.45


def _form(**fields):
    data = {"name": "Phôi Giấy khen Sở Y tế", "paper": "A4", "orientation": "L", "preprinted": "on",
            "is_default": "on", "qr_x_mm": "30", "qr_y_mm": "160", "qr_size_mm": "22"}
    for key in FIELD_LABELS:  # every row carries numbers; only the blank's fields are ticked
        data |= {f"f_{key}_x": "30", f"f_{key}_y": "30", f"f_{key}_w": "100", f"f_{key}_size": "14",
                 f"f_{key}_align": "C"}
    for box in default_layout("A4", preprinted=True).fields:
        data |= {f"f_{box.key}_on": "on", f"f_{box.key}_x": str(box.x_mm), f"f_{box.key}_y": str(box.y_mm),
                 f"f_{box.key}_w": str(box.width_mm), f"f_{box.key}_size": str(box.size_pt),
                 f"f_{box.key}_align": box.align}
    return data | fields


def test_the_authority_settings_page_starts_from_the_blank_defaults_saves_and_test_prints(world):
    issuer = health_authority(world)
    client = client_for(world, "specialist")
    url = f"/certificates/authority/{issuer.pk}/layout/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert (form["preprinted"].initial, form["orientation"].initial, form["authority"].initial) == (True, "L", issuer)
    assert form["f_verb_y"].initial == 70 and form["f_award_title_on"].initial is False
    printed = client.post(url, _form(authority=str(issuer.pk), preview="1", f_recipient_y="85"))
    assert printed["Content-Type"] == "application/pdf"
    placed = placed_texts(printed.content)
    assert "GIÁM ĐỐC SỞ Y TẾ" in placed and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in placed
    assert 85 < placed["Ông Nguyễn Văn An"][1] < 85 + 20 * 0.45
    assert not CertificateTemplate.objects.exists()  # a test print saves nothing
    saved = client.post(url, _form(authority=str(issuer.pk), save="1", f_recipient_y="85"))
    template = CertificateTemplate.objects.get()
    assert saved.status_code == 302 and saved["Location"] == url
    assert (template.authority, template.is_default) == (issuer, True)
    assert {box.key: box.y_mm for box in layout_from_config(template.config).fields}["recipient"] == 85
    assert client.get(url).context["template"] == template  # the page now opens the saved layout


def test_the_settings_page_refuses_a_field_off_a_portrait_sheet(world):
    issuer = health_authority(world)
    response = client_for(world, "specialist").post(f"/certificates/authority/{issuer.pk}/layout/", _form(
        authority=str(issuer.pk), orientation="P", save="1"))
    assert response.status_code == 200
    assert "“Dòng cơ quan (CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …)” nằm ngoài khổ giấy A4 (210 × 297 mm)." in (
        response.content.decode())
    assert not CertificateTemplate.objects.exists()


def test_an_inactive_or_unknown_authority_has_no_settings_page(world):
    issuer = health_authority(world)
    issuer.active = False
    issuer.save()
    client = client_for(world, "specialist")
    assert client.get(f"/certificates/authority/{issuer.pk}/layout/").status_code == 404
    assert client.get("/certificates/authority/999999/layout/").status_code == 404


def test_the_layout_list_links_each_authority_blank(world):
    issuer = health_authority(world)
    response = client_for(world, "specialist").get("/certificates/templates/")
    assert f'<a href="/certificates/authority/{issuer.pk}/layout/">Sở Y tế</a>' in response.content.decode()


def test_a_unit_clerk_sets_only_the_own_authority_blank(world):
    issuer = health_authority(world)
    client = client_for(world, "clerk_a")
    url = f"/certificates/authority/{issuer.pk}/layout/"
    other = make_authority(world.unit_b, symbol="QĐ-SGDĐT")
    # The authority field offers the page's authority only: another authority's id is refused.
    refused = client.post(url, _form(authority=str(other.pk), save="1"))
    assert refused.status_code == 200 and "authority" in refused.context["form"].errors
    assert client.post(url, _form(authority=str(issuer.pk), save="1"))["Location"] == url
    assert CertificateTemplate.objects.get().authority == issuer
    assert client.get(f"/certificates/authority/{other.pk}/layout/").status_code == 404


@settings(deadline=None)
@given(paper=st.sampled_from(["A4", "A3"]), orientation=st.sampled_from(["L", "P"]), preprinted=st.booleans(),
       boxes=st.lists(st.tuples(st.sampled_from(list(FIELD_LABELS)), st.floats(0, 400), st.floats(0, 400),
                                st.floats(5, 400), st.floats(6, 72), st.sampled_from(["C", "L", "R"])), max_size=6))
def test_any_layout_round_trips_through_its_stored_configuration(paper, orientation, preprinted, boxes):
    layout = Layout(paper=paper, orientation=orientation, preprinted=preprinted,
                    fields=tuple(FieldBox(key, x, y, w, size, align=align) for key, x, y, w, size, align in boxes))
    assert layout_from_config(layout_to_config(layout)) == layout
