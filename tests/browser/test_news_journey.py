"""News in real Chromium (issue 22): a unit clerk writes an article with a photo, the unit's leader confirms it,
the standing body approves it with a publication time, and a citizen reads it on /tin-tuc/ with its photo.
axe-core finds no violation on the portal's news pages and the article's officer page, on a desktop and a
390 px phone; screenshots saved as artefacts."""

import io
from pathlib import Path

from django.utils import timezone
from PIL import Image

from tdkt.news.models import Article
from tests.factories import PASSWORD
from tests.news.support import leader_of

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 800}
TITLE = "Bệnh viện Đa khoa tỉnh biểu dương gương người tốt, việc tốt"


def _photo(tmp_path) -> Path:
    path = tmp_path / "le-bieu-duong.jpg"
    Image.new("RGB", (800, 500), (40, 110, 170)).save(path, "JPEG")
    return path


def _context(browser, **options):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options)
    context.set_default_timeout(15_000)
    return context


def _sign_in(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/")


def _act(page, action):
    """Click the transition's button on the article page, then confirm on its confirm page."""
    page.click(f"a[data-action='{action}']")
    page.click("button.primary[name='confirm']")
    page.wait_for_url("**/news/*/")


def _axe(page, where: str) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return [f"{where}: {v['id']} {[n['target'] for n in v['nodes']][:3]}"
            for v in page.evaluate(RUN_AXE, AXE_TAGS)["violations"]]


def test_a_clerk_writes_the_leader_confirms_the_specialist_approves_and_a_citizen_reads(
        live_server, browser, artifacts_dir, world, tmp_path):
    leader_of(world)
    base = live_server.url
    contexts, csp = [], []
    try:
        def new_page(**options):
            context = _context(browser, **options)
            contexts.append(context)
            page = context.new_page()
            page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
            return page

        clerk = new_page()
        _sign_in(clerk, base, "vanthu.a")
        clerk.click("#menu-group-movements > summary")
        clerk.click("#menu-news")
        clerk.click("#article-new")
        clerk.fill("#id_title", TITLE)
        clerk.fill("#id_summary", "Các y, bác sĩ tận tụy với người bệnh được tuyên dương.")
        clerk.fill("#id_body", "Sáng nay, bệnh viện tổ chức lễ biểu dương.\n\n<script>alert(1)</script> Đoạn hai.")
        clerk.set_input_files("#id_photo", str(_photo(tmp_path)))
        clerk.fill("#id_photo_description", "Lãnh đạo bệnh viện trao giấy khen cho các y, bác sĩ")
        clerk.click("#article-save")
        clerk.wait_for_url("**/news/*/")
        assert clerk.locator("#article-state").inner_text() == "Bản nháp"
        assert "<script>alert(1)</script> Đoạn hai." in clerk.locator("article.news-article").inner_text()
        clerk.screenshot(path=artifacts_dir / "news-clerk-draft.png", full_page=True)
        _act(clerk, "send")
        assert clerk.locator("#article-state").inner_text() == "Chờ lãnh đạo đơn vị xác nhận"
        article = Article.objects.get()

        leader = new_page()
        _sign_in(leader, base, "lanhdao.a")
        leader.goto(base + article.get_absolute_url())
        _act(leader, "confirm")
        assert leader.locator("#article-state").inner_text() == "Đã gửi cơ quan thường trực"

        specialist = new_page(viewport=DESK, bypass_csp=True)  # axe is injected below
        _sign_in(specialist, base, "chuyenvien")
        specialist.goto(base + article.get_absolute_url())
        specialist.click("a[data-action='approve']")
        now = timezone.localtime()
        specialist.fill("#id_publish_on", now.strftime("%d/%m/%Y"))
        specialist.fill("#id_publish_time", "00:00")  # earlier today: published at once
        specialist.click("#approve-confirm")
        specialist.wait_for_url("**/news/*/")
        assert specialist.locator("#article-state").inner_text().startswith("Đã duyệt đăng")
        assert specialist.locator("#publish-at").inner_text() == f"00:00 {now:%d/%m/%Y}"
        violations = _axe(specialist, "officer page")

        for name, viewport in (("desktop", DESK), ("phone", PHONE)):
            citizen = new_page(viewport=viewport, bypass_csp=True)  # axe is injected; the app's CSP is tested elsewhere
            citizen.goto(base + "/tin-tuc/")
            assert citizen.locator("#news-list h2").first.inner_text() == TITLE
            violations += _axe(citizen, f"list {name}")
            citizen.screenshot(path=artifacts_dir / f"news-portal-list-{name}.png", full_page=True)
            citizen.click(f"text={TITLE}")
            citizen.wait_for_url("**/tin-tuc/*/")
            image = citizen.locator("#news-article img").first
            assert image.get_attribute("alt") == "Lãnh đạo bệnh viện trao giấy khen cho các y, bác sĩ"
            assert citizen.evaluate("img => img.complete && img.naturalWidth", image.element_handle()) == 800
            assert "<script>alert(1)</script> Đoạn hai." in citizen.locator("#news-article").inner_text()
            width = citizen.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{name}: the page is {width}px wide"
            violations += _axe(citizen, f"article {name}")
            citizen.screenshot(path=artifacts_dir / f"news-portal-article-{name}.png", full_page=True)
        photo = Image.open(io.BytesIO(citizen.request.get(base + image.get_attribute("src")).body()))
        assert photo.getexif() == {}
        assert violations == []
        assert csp == []
    finally:
        for context in contexts:
            context.close()
