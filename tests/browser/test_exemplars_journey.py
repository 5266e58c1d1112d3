"""An exemplar in real Chromium (issue 22, "Done means"): unit A's clerk proposes an exemplar with a photo, the
unit's leader confirms it from his home, the standing body's specialist approves and publishes it, and an
anonymous citizen finds it on the portal's exemplars page by typing the name without diacritics, then opens the
published decision of its award. axe-core reports no violation on the public pages (desktop and 390 px) and
neither page is wider than a phone; screenshots saved as artefacts."""

import io
from pathlib import Path

from PIL import Image

from tdkt.accounts.enums import Role
from tdkt.decisions.models import LineAwardRecord
from tdkt.exemplars.models import Exemplar
from tests.browser.pickers import pick
from tests.certificates.support import issued_decision
from tests.factories import PASSWORD, make_award, make_user

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 720}


def _sign_in(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/")


def _photo(path: Path) -> Path:
    exif = Image.Exif()
    exif[0x0110] = "Camera X-100"
    Image.new("RGB", (120, 80), (40, 120, 60)).save(path, "JPEG", exif=exif.tobytes())
    return path


def _axe(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in page.evaluate(RUN_AXE, AXE_TAGS)["violations"]]


def _new_page(browser, contexts, violations, **options):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options)
    context.set_default_timeout(15_000)
    contexts.append(context)
    page = context.new_page()
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return page


def test_a_unit_proposes_its_leader_confirms_the_province_publishes_and_a_citizen_finds_it(
        live_server, browser, artifacts_dir, world, tmp_path):
    make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a)
    decision = issued_decision(world)
    record = make_award(person=world.person_a, code="BK_TINH", year=2026, decision_number="123/QĐ-UBND")
    LineAwardRecord.objects.create(line=decision.lines.get(person=world.person_a), award_record=record)
    base = live_server.url
    contexts, violations = [], []
    try:
        clerk = _new_page(browser, contexts, violations)
        _sign_in(clerk, base, "vanthu.a")
        clerk.click("#menu-group-movements > summary")
        clerk.click("#menu-exemplars")
        clerk.click("#exemplar-new")
        pick(clerk, "id_person", "nguyen van an", "Nguyễn Văn An")
        clerk.fill("#id_headline", "Người tốt hiến đất làm đường liên thôn")
        clerk.fill("#id_story", "Anh đã hiến 200 m² đất.\n\nAnh vận động 30 hộ cùng làm <script>alert(1)</script>.")
        clerk.set_input_files("#id_photo", str(_photo(tmp_path / "anh-an.jpg")))
        clerk.fill("#id_year", "2026")
        clerk.select_option("#id_quarter", "4")
        clerk.screenshot(path=artifacts_dir / "exemplar-form.png", full_page=True)
        clerk.click("#exemplar-save")
        clerk.wait_for_url("**/exemplars/*/")
        exemplar = Exemplar.objects.get()
        assert clerk.inner_text("#exemplar-state") == "Dự thảo"
        assert "Bằng khen" in clerk.inner_text("#exemplar-awards")
        clerk.click("a[data-action=submit]")
        clerk.click("form.form button.primary")
        clerk.wait_for_url(f"**/exemplars/{exemplar.pk}/")
        assert clerk.inner_text("#exemplar-state") == "Chờ lãnh đạo đơn vị xác nhận"

        leader = _new_page(browser, contexts, violations)
        _sign_in(leader, base, "lanhdao.a")
        leader.goto(f"{base}/exemplars/{exemplar.pk}/")
        leader.click("a[data-action=confirm]")
        assert "Đơn vị chính thức đề xuất điển hình" in leader.inner_text("#irreversible")
        leader.click("form.form button.primary")
        leader.wait_for_url(f"**/exemplars/{exemplar.pk}/")
        assert leader.inner_text("#exemplar-state") == "Đơn vị đã đề xuất"

        specialist = _new_page(browser, contexts, violations)
        _sign_in(specialist, base, "chuyenvien")
        specialist.goto(f"{base}/exemplars/{exemplar.pk}/")
        specialist.click("a[data-action=publish]")
        assert "cổng thông tin công khai" in specialist.inner_text("#irreversible")
        specialist.click("form.form button.primary")
        specialist.wait_for_url(f"**/exemplars/{exemplar.pk}/")
        assert specialist.inner_text("#exemplar-state") == "Đã công bố"

        # The citizen: no sign-in; axe is injected into a context that bypasses the CSP (the app's stays strict).
        citizen = _new_page(browser, contexts, [], viewport=DESK, bypass_csp=True)
        citizen.goto(base + "/dien-hinh/")
        citizen.fill("#id_q", "nguyen van an")
        citizen.click("#exemplar-search button")
        citizen.wait_for_url("**/dien-hinh/?*")
        results = citizen.locator("#exemplar-results li")
        assert results.count() == 1
        assert _axe(citizen) == []
        citizen.screenshot(path=artifacts_dir / "exemplars-public-list.png", full_page=True)
        citizen.click("#exemplar-results a")
        citizen.wait_for_url(f"**/dien-hinh/{exemplar.pk}/")
        assert citizen.locator("img.exemplar-photo").evaluate("img => img.complete && img.naturalWidth") == 120
        assert "<script>alert(1)</script>" in citizen.inner_text("#exemplar-story")
        assert _axe(citizen) == []
        citizen.screenshot(path=artifacts_dir / "exemplar-public-detail.png", full_page=True)
        for url, name in ((f"{base}/dien-hinh/", "exemplars-public-list-phone.png"),
                          (f"{base}/dien-hinh/{exemplar.pk}/", "exemplar-public-detail-phone.png")):
            citizen.set_viewport_size(PHONE)
            citizen.goto(url)
            assert citizen.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            assert _axe(citizen) == []
            citizen.screenshot(path=artifacts_dir / name, full_page=True)
        citizen.set_viewport_size(DESK)
        citizen.click(f"#exemplar-awards a[href='/portal/decisions/{decision.pk}/']")
        citizen.wait_for_url(f"**/portal/decisions/{decision.pk}/")
        assert "Bằng khen" in citizen.inner_text("main")
        citizen.screenshot(path=artifacts_dir / "exemplar-decision.png", full_page=True)
        stored = Exemplar.objects.get().photo.open("rb").read()
        assert b"Camera X-100" not in stored and Image.open(io.BytesIO(stored)).size == (120, 80)
        assert violations == []
    finally:
        for context in contexts:
            context.close()
