"""Issue 17 in Chromium: a unit clerk uploads three scanned decisions at once (generated: fpdf2 PDF →
pdftoppm at 300 dpi → image-only PDF), the batch is read with OCR in the background job (run inline by the
tests' task backend), one line naming a person with two namesakes in the unit is settled on the review
screen beside the page image, the batch is recorded, and the person's history shows the award with its scan."""

import io
import os

import pytest
from pypdf import PdfReader

from tdkt.awards.archive.models import ArchivedDocument
from tdkt.lib import ocr
from tests.awards.archive.support import decision_pdf, scanned
from tests.browser.pickers import choose_unit
from tests.factories import PASSWORD, make_person

pytestmark = [
    # Skipped without the programs, except under CI, where a missing program must fail the run.
    pytest.mark.skipif(not ocr.available() and os.environ.get("CI") != "true", reason="ocrmypdf is not installed"),
]


def test_three_scans_uploaded_reviewed_recorded_and_found_in_the_history(live_server, page, artifacts_dir, world):
    make_person("Lò Văn Bình", unit=world.unit_a_child)
    chosen = make_person("Lò Văn Bình", unit=world.unit_a)
    scans = [
        ("qd-201.pdf", scanned(decision_pdf(number="201/QĐ-UBND", rows=[("Nguyễn Văn An", "Sở Y tế")]))),
        ("qd-202.pdf", scanned(decision_pdf(number="202/QĐ-UBND", rows=[("Lò Văn Bình", "Sở Y tế")]))),
        ("qd-203.pdf", scanned(decision_pdf(number="203/QĐ-UBND", rows=[("Đặng Thị Đào", "Bệnh viện Đa khoa tỉnh")]))),
    ]
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "vanthu.a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + "/awards/archive/new/")
    choose_unit(page, "id_unit", world.unit_a.name)
    page.set_input_files("#id_files", [{"name": name, "mimeType": "application/pdf", "buffer": data}
                                       for name, data in scans])
    with page.expect_navigation(url="**/awards/archive/*/", timeout=600_000):  # the reading (OCR) runs first
        page.click("button.primary", no_wait_after=True)
    assert page.locator("#batch-status").inner_text() == "Đã đọc, chờ rà soát"
    assert page.locator("#documents tbody td:nth-child(3)").all_inner_texts() == [
        "201/QĐ-UBND", "202/QĐ-UBND", "203/QĐ-UBND"]
    page.screenshot(path=artifacts_dir / "archive-batch.png", full_page=True)

    page.click("#documents a:text-is('qd-202.pdf')")
    # The page image is rendered on demand (pdftoppm) when the browser first asks for it.
    page.wait_for_function("() => { const image = document.querySelector('#page-image');"
                           " return image.complete && image.naturalWidth > 0; }", timeout=30_000)
    doubtful = page.locator("#lines tr[data-status=doubtful]")
    assert doubtful.count() == 1
    doubtful.locator("select").select_option(f"link:{chosen.pk}")
    doubtful.locator("button").click()
    page.wait_for_load_state()
    assert page.locator("#lines tr[data-status=doubtful]").count() == 0
    page.screenshot(path=artifacts_dir / "archive-review.png", full_page=True)

    page.goto(page.url.split("/awards/")[0] + "/awards/archive/")
    page.locator("#batches a").first.click()
    page.click("text=Ghi khen thưởng")
    page.click("button.primary")
    page.wait_for_load_state()
    assert page.locator("#batch-status").inner_text() == "Đã ghi"

    page.goto(f"{live_server.url}/people/{chosen.pk}/")
    history = page.locator("#timeline")
    assert "202/QĐ-UBND" in history.inner_text()
    link = history.locator("a.scan-link")
    assert link.inner_text() == "Bản quét"
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    text = PdfReader(io.BytesIO(response.body())).pages[0].extract_text()
    assert "202" in text and ArchivedDocument.objects.get(number="202/QĐ-UBND").ocr is True
    page.screenshot(path=artifacts_dir / "archive-history.png", full_page=True)
