"""Print stylesheet (static/tdkt/print.css, media=print) on every page kind officers print: a decision, a dossier,
a nominee list, a council meeting's minutes (biên bản), a certificate's verification, the half-year and year-end
reports sent, a scoring leaderboard and a plan board.

Each is rendered with Playwright's print media emulation at the width of A4 paper's printable area (210 mm less
the 35 mm of margins print.css sets: 175 mm, 661 px at 96 dpi) and must show only its content: no menu bar,
header search, buttons, footer links or skip link; black text on white; link addresses not printed; table rows
never cut across pages; and no table cut at the paper's edge (a table's scrolling region, which on screen keeps
a wide table inside a phone's width, lets it take the paper's width on paper: nothing scrolls on paper).

One seeded world serves every page kind (pytest's subtests: one result per page kind). The printed pages are
saved as PDFs in test-artifacts/."""

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.test_access_map import _object

PAPER = {"width": 661, "height": 935}  # A4's printable area at 96 dpi
# page kind -> (URL name, object key of the access matrices or None, persona who prints it)
PRINTED = {
    "decision": ("decisions:detail", "decisions_published", "specialist"),
    "dossier": ("dossiers:detail", "dossier_draft_of_unit_a", "specialist"),
    "nominee-list": ("nominees:lines", "nominees_dossier_a", "specialist"),
    "meeting-minutes": ("council:minutes", "meeting", "specialist"),
    "certificate-verification": ("portal:verify_code", "certificate_code", None),
    "work-reports": ("reports:work_submissions", None, "specialist"),
    "scoring-leaderboard": ("scoring:leaderboard", "scoring_round", "specialist"),
    "plan-board": ("plans:board", "plan", "specialist"),
}
# What paper must not show. The skip link sits off screen until focused: it must not be printed at all.
SCREEN_ONLY = {
    "menu bar": ".topbar",
    "main menu": "nav.mainnav",
    "header search": "form.sitesearch",
    "footer": "footer",
    "skip link": "a.skip-link",
}
# Every table's right edge and its scrolling region: nothing beyond the paper, nothing hidden in a scroll.
TABLES_CUT = """width => Array.from(document.querySelectorAll('main table')).flatMap((table, index) => {
  const cut = [], right = Math.round(table.getBoundingClientRect().right);
  if (right > width) cut.push(`table ${index + 1} ends at ${right} px`);
  for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
    if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'visible')
      cut.push(`table ${index + 1} scrolls inside ${box.className || box.tagName}`);
  }
  return cut;
})"""
COLOURS = """[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor,
  getComputedStyle(document.querySelector('main a') || document.body).color]"""


def print_context(browser, live_server, user):
    context = browser.new_context(viewport=PAPER, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(20_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def printed_url(world, url_name, key):
    if key is None:
        return reverse(url_name)
    with transaction.atomic():
        target = _object(world, key)
    return reverse(url_name, kwargs=target if isinstance(target, dict) else {"pk": target.pk})


def what_paper_shows_that_it_should_not(page) -> list[str]:
    shown = [name for name, selector in SCREEN_ONLY.items()
             if page.locator(selector).count() and page.locator(selector).first.is_visible()]
    buttons = page.locator("main button:visible, main .button:visible, main input[type=submit]:visible").count()
    if buttons:
        shown.append(f"{buttons} buttons")
    return shown + page.evaluate(TABLES_CUT, PAPER["width"])


def test_every_printed_page_kind_shows_only_its_content(live_server, browser, world, artifacts_dir, subtests):
    urls = {kind: printed_url(world, name, key) for kind, (name, key, _persona) in PRINTED.items()}
    contexts = {}
    for kind, (_name, _key, persona) in PRINTED.items():
        with subtests.test(msg=kind):
            if persona not in contexts:
                contexts[persona] = print_context(browser, live_server, world.users[persona] if persona else None)
            page = contexts[persona].new_page()
            response = page.goto(live_server.url + urls[kind])
            assert response.status == 200, (kind, urls[kind], response.status)
            assert page.locator("footer").is_visible()  # on screen, the footer (and the rest) is there
            page.emulate_media(media="print")
            assert what_paper_shows_that_it_should_not(page) == []
            assert page.locator("main h1").first.is_visible()
            assert page.evaluate(COLOURS) == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(0, 0, 0)"]
            after = page.evaluate("getComputedStyle(document.querySelector('main a') || document.body, '::after')"
                                  ".content")
            assert after in ("none", "normal")  # no "(https://…)" after a link
            rows = page.evaluate("Array.from(document.querySelectorAll('main tr'))"
                                 ".map(tr => getComputedStyle(tr).breakInside)")
            assert set(rows) <= {"avoid"}, set(rows)
            pdf = page.pdf(path=str(artifacts_dir / f"print-{kind}.pdf"), format="A4")
            assert pdf.startswith(b"%PDF")
            page.close()
    for context in contexts.values():
        context.close()

