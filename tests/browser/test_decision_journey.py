"""A decision in real Chromium: the specialist drafts it from two approved nominations, the signer approves
it in his own session (password, then an authenticator code), the specialist records the signed PDF, which
numbers it and puts the awards into the history, then publishes it and opens the payments page; the person's
history shows the award, the certificates are issued and printed, and a citizen verifies one on the portal."""

import pyotp
import pytest

from tdkt.awards.models import AwardRecord
from tdkt.decisions.models import Decision
from tests.decisions.support import approved, cite_proposal, make_authority, make_dossier, pdf_bytes
from tests.factories import PASSWORD


def press(page, label):
    with page.expect_navigation():
        page.click(f"button:has-text('{label}')")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_specialist_drafts_records_and_publishes_a_decision(live_server, page, artifacts_dir, world, tmp_path):
    make_authority()
    dossier = make_dossier(world.unit_a)
    approved(dossier, person=world.person_a, position=1, position_and_unit="Chuyên viên, Sở Y tế")
    approved(dossier, unit=world.unit_a_child, position=2)
    page.set_default_timeout(30_000)
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button.primary")

    page.goto(live_server.url + "/decisions/draft/")
    for box in page.locator("input[name=nominations]").all():
        box.check()
    page.fill("#id_date", "10/07/2026")
    press(page, "Lập dự thảo")
    assert page.locator("#state").inner_text() == "Dự thảo"
    assert page.locator("#lines tbody tr").count() == 2
    assert page.locator("#total").inner_text() == "11.390.000"  # 7,590,000 + 3,800,000 (base 2,530,000)
    page.screenshot(path=artifacts_dir / "decision-draft.png", full_page=True)

    decision = Decision.objects.get()
    cite_proposal(decision)  # the tờ trình the decision answers (approval is refused without it)
    docx = page.request.get(f"{live_server.url}/decisions/{decision.pk}/docx/")
    (artifacts_dir / "decision-draft.docx").write_bytes(docx.body())
    assert docx.body()[:2] == b"PK"

    # The signer approves in his own session: password, then his authenticator code (enrolled now).
    specialist_url = page.url
    page.context.clear_cookies()
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "chutich")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button.primary")
    secret = page.locator("code").first.inner_text().strip()
    page.fill("#id_code", pyotp.TOTP(secret).now())
    with page.expect_navigation():
        page.click("button.primary")
    page.goto(specialist_url)
    with page.expect_navigation():  # to the confirmation page; the code was just given at sign-in
        page.click("a[data-action=approve]")
    assert page.locator("#fresh-second-factor").count() == 0
    page.check("#id_confirm")
    press(page, "Duyệt trình ký")
    assert page.locator("#state").inner_text() == "Đã duyệt trình ký"
    page.screenshot(path=artifacts_dir / "decision-approved-by-signer.png", full_page=True)

    page.context.clear_cookies()
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button.primary")
    page.goto(specialist_url)
    with page.expect_navigation():
        page.click("a:has-text('Cập nhật bản đã ký')")
    scan = tmp_path / "quyet-dinh-da-ky.pdf"
    scan.write_bytes(pdf_bytes())
    page.set_input_files("#id_signed_pdf", str(scan))
    page.fill("#id_signed_on", "10/07/2026")
    press(page, "Lưu")
    assert page.locator("#state").inner_text() == "Đã ký"
    assert page.locator("h1").inner_text() == "Quyết định số 01/QĐ-UBND"
    assert sorted(AwardRecord.objects.values_list("decision_number", flat=True)) == ["01/QĐ-UBND", "01/QĐ-UBND"]

    press(page, "Công bố quyết định")
    assert page.locator("#state").inner_text() == "Đã công bố"
    page.screenshot(path=artifacts_dir / "decision-published.png", full_page=True)
    with page.expect_navigation():
        page.click("a:has-text('Chi thưởng')")
    assert page.locator("#total").inner_text() == "11.390.000"
    page.screenshot(path=artifacts_dir / "decision-payments.png", full_page=True)

    # The history of the person shows the new award with the decision's number.
    page.goto(f"{live_server.url}/people/{world.person_a.pk}/")
    assert "01/QĐ-UBND" in page.locator("body").inner_text()
    page.screenshot(path=artifacts_dir / "decision-history.png", full_page=True)

    # Certificates: issued with register numbers and codes, printed as one PDF.
    page.goto(f"{live_server.url}/decisions/{decision.pk}/")
    with page.expect_navigation():
        page.click("#link-certificates")
    press(page, "Cấp số, mã cho 2 bằng")
    codes = page.locator("#certificates td code").all_inner_texts()
    assert len(codes) == 2
    # The print button opens the PDF in a new tab; fetch the same POST with the page's session and token.
    token = page.locator("form:has(#print-all) input[name=csrfmiddlewaretoken]").get_attribute("value")
    printed = page.request.post(f"{live_server.url}/certificates/decision/{decision.pk}/print/",
                                form={"csrfmiddlewaretoken": token, "template": ""},
                                headers={"Referer": page.url})
    assert printed.headers["content-type"] == "application/pdf"
    pdf_path = artifacts_dir / "certificates-decision-01.pdf"
    pdf_path.write_bytes(printed.body())
    assert pdf_path.read_bytes().startswith(b"%PDF")
    page.screenshot(path=artifacts_dir / "certificates-issued.png", full_page=True)

    # Anyone verifies a code on the public portal, without signing in.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/portal/verify/")
    page.fill("#id_code", codes[1])
    with page.expect_navigation():
        page.click("form.search button.primary")
    assert page.locator("#verification").get_attribute("data-status") == "genuine"
    assert "Quyết định" in page.locator("#verification").inner_text()
    page.screenshot(path=artifacts_dir / "certificate-verified.png", full_page=True)
