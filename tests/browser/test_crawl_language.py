"""Issue 21's "done means" crawl: no English on any page an officer reaches, no ISO date, no axe-core violation.

Dataset: the demo province (seed_demo, 300 persons, seed 3, year 2026). For each of the ten demo accounts the
crawl signs in (with the authenticator code where the role needs one), starts from home and follows same-origin
GET links breadth-first. It skips signing out, downloads and exports, the Django admin and the API, and opens
one page per URL pattern per account (and at most INSTANCES pages of one pattern over the whole crawl) so that it
stays within a few minutes.

On every page it reads what a person sees or hears: the title, the body's visible text, button values,
placeholders, aria-labels, alt and title attributes, and the options of lists, leaving out the parts the page
marks as written in another language (lang="en": the guide's commands, a licence's code). It fails on any whole word of
three or more ASCII letters that is in Debian's wamerican word list (/usr/share/dict/american-english) and not
in the reviewed allow-list (crawl_allow.txt beside this file, one word and its reason per line), on any
date written yyyy-mm-dd, and on anything internal (issue 21 item 7): a hash, a storage file name
("documents/2026/ab12….pdf"), a demo account's username (except on the administrator's pages and on the users screen's account page,
which shows the sign-in name on purpose); e-mail addresses are left out (the demo's end in ".invalid").

The first page of each page kind (URL pattern) is also checked with axe-core (vendored: tests/browser/vendor/
axe.min.js, injected into a context that bypasses the page's Content-Security-Policy, so the application's policy
stays strict and never serves the library) against the WCAG 2.1 A/AA rules and axe's best practices: zero
violations. Findings go to test-artifacts/crawl-language.txt and crawl-axe.txt as well.

The same page kinds are then opened once more at a phone's viewport (390 × 844, in the same browser run: no
second seeding): the page itself must not be wider than the screen (document.documentElement.scrollWidth ≤ 390;
a wide table scrolls inside its own labelled region, app.js). Every page too wide is reported together (account,
page, width) and in test-artifacts/crawl-phone.txt. The audit log is crawled like any page (the administrator's):
it is written in words, not as stored."""

import datetime
import io
import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pyotp
import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.accounts.services import second_factor_required
from tdkt.orgs.demo.accounts import DEMO_PASSWORD, USERNAMES

WORDS = Path("/usr/share/dict/american-english")
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
ALLOW = Path(__file__).with_name("crawl_allow.txt")
INSTANCES = 2  # pages of one URL pattern over the whole crawl
MAX_PAGES_PER_ACCOUNT = 120
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 720}
TOKEN = re.compile(r"\w+")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Item 7: nothing internal shown to officers — a file's hash, its storage name, a colleague's username.
INTERNAL = re.compile(r"\b[0-9a-f]{32,}\b|\b[\w-]+/\d{4}/[\w.-]+\.(?:pdf|docx|xlsx|png|jpe?g|zip)\b", re.IGNORECASE)
USERNAME = re.compile(r"(?<![\w.@])(?:" + "|".join(re.escape(u) for u in USERNAMES if u != "admin") + r")(?![\w@])")
# The account page of the users screen (tdkt.users) shows the sign-in name: the standing body tells it to the
# person whose account it made. A username there is what the page is about, not a leak.
SIGN_IN_NAME_PAGES = {"users/<int:pk>/"}
# An e-mail address is not prose: the demo accounts' domain ends in ".invalid" (RFC 2606), an English word.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Links the crawl never follows: leaving, files, the admin and the API (not pages officers read).
SKIP = re.compile(r"/logout/|/admin/|/api/|/static/|/media/|export|download|/files?/|\.(xlsx|docx|pdf|zip|csv|ics)$"
                  r"|format=|/print/|/pdf/|/docx/|/xlsx/", re.IGNORECASE)

# What a person sees or hears on the page, as one text.
VISIBLE = """() => {
  const parts = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll('[placeholder],[aria-label],[alt],[title]')) {
    for (const name of ['placeholder', 'aria-label', 'alt', 'title']) {
      const value = el.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  for (const el of document.querySelectorAll('input[type=submit],input[type=button],input[type=reset]')) {
    parts.push(el.value);
  }
  for (const el of document.querySelectorAll('input[type=text],input:not([type])')) parts.push(el.value);
  for (const el of document.querySelectorAll('option')) parts.push(el.textContent);
  return parts.join('\\n');
}"""
# Parts a page marks as another language (WCAG 3.1.2: the guide's commands in <code lang="en">, a licence's code)
# are read by an English voice and are not Vietnamese text left untranslated: dropped before reading.
DROP_FOREIGN_PARTS = """() => {
  for (const el of document.querySelectorAll('body [lang]:not([lang|="vi"])')) el.remove();
}"""
LINKS = "() => Array.from(document.querySelectorAll('a[href]:not([download])')).map(a => a.href)"


def english_words() -> set[str]:
    return {w.strip().lower() for w in WORDS.read_text(encoding="utf-8").split() if w.strip().isalpha()}


def allowed_words() -> dict[str, str]:
    """word -> reason. Lines: `word  reason` (the reason is required); # starts a comment."""
    allowed = {}
    for raw in ALLOW.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        word, _, reason = line.partition(" ")
        assert reason.strip(), f"crawl_allow.txt: “{word}” has no reason"
        allowed[word.lower()] = reason.strip()
    return allowed


def findings_in(text: str, english: set[str], allowed: dict[str, str]) -> set[str]:
    found = set()
    for token in TOKEN.findall(text):
        if len(token) >= 3 and token.isascii() and token.isalpha():
            low = token.lower()
            if low in english and low not in allowed:
                found.add(token)
    found.update(ISO_DATE.findall(text))
    found.update(INTERNAL.findall(text))
    return found


def pattern_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route or match.view_name


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("button.primary")
    if "/login/second-factor/" in page.url:
        secret = User.objects.get(username=username).totp_secret
        page.fill("#id_code", pyotp.TOTP(secret).now())
        with page.expect_navigation():
            page.click("button.primary")
    assert "/login/" not in page.url, f"{username} could not sign in: {page.url}"


def enrol_second_factors() -> None:
    """The demo's chairman and administrator must use an authenticator: enrolled beforehand, as after setup."""
    for user in User.objects.filter(username__in=USERNAMES):
        if second_factor_required(user):
            user.totp_secret, user.totp_confirmed_at = pyotp.random_base32(), timezone.now()
            user.save(update_fields=["totp_secret", "totp_confirmed_at"])


class Crawl:
    def __init__(self, base: str):
        self.base, self.host = base, urlsplit(base).netloc
        self.english, self.allowed = english_words(), allowed_words()
        self.instances: dict[str, int] = {}
        self.findings: dict[str, set[str]] = {}
        self.violations: list[str] = []
        self.axe_checked: set[str] = set()  # page kinds (URL patterns) already checked with axe-core
        self.too_wide: dict[str, int] = {}  # "account path" -> the page's width at a phone's viewport
        self.phone_checked = 0
        self.visited = 0

    def follow(self, url: str) -> str | None:
        """The same-origin page to open, or None."""
        url = urldefrag(url)[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host or SKIP.search(url):
            return None
        return url

    def account(self, page, username: str) -> None:
        sign_in(page, self.base, username)
        seen_patterns: set[str] = set()
        queue, queued = deque([self.base + "/"]), {self.base + "/"}
        opened, first_of_kind = 0, []
        while queue and opened < MAX_PAGES_PER_ACCOUNT:
            url = queue.popleft()
            parts = urlsplit(url)
            pattern = pattern_of(parts.path)
            if pattern is None:
                continue
            key = pattern + ("?" + "&".join(sorted(k.split("=")[0] for k in parts.query.split("&")))
                             if parts.query else "")
            if key in seen_patterns or self.instances.get(key, 0) >= INSTANCES:
                continue
            seen_patterns.add(key)
            self.instances[key] = self.instances.get(key, 0) + 1
            try:
                response = page.goto(url)
            except Exception as error:  # a link that turns out to be a download: not a page
                if "Download is starting" in str(error):
                    continue
                raise
            opened += 1
            if response is None or "text/html" not in (response.headers.get("content-type") or ""):
                continue
            if pattern not in self.axe_checked:
                self.axe_checked.add(pattern)
                self.check_accessibility(page, f"{username} {url[len(self.base):]}")
                first_of_kind.append(url)
            page.evaluate(DROP_FOREIGN_PARTS)
            text = EMAIL.sub(" ", page.evaluate(VISIBLE))
            found = findings_in(text, self.english, self.allowed)
            # the administrator manages accounts: usernames are what his pages are about (and the account page)
            if username != "admin" and pattern not in SIGN_IN_NAME_PAGES:
                found.update(USERNAME.findall(text))
            if found:
                self.findings.setdefault(f"{username} {url[len(self.base):]}", set()).update(found)
            for link in page.evaluate(LINKS):
                target = self.follow(link)
                if target and target not in queued:
                    queued.add(target)
                    queue.append(target)
        self.visited += opened
        self.check_phone_width(page, username, first_of_kind)

    def check_phone_width(self, page, username: str, urls: list[str]) -> None:
        """Each page kind this account opened first, once more at a phone's viewport: the page itself is never
        wider than the screen (a wide table scrolls inside its own region)."""
        page.set_viewport_size(PHONE)
        for url in urls:
            try:
                response = page.goto(url)
            except Exception as error:
                if "Download is starting" in str(error):
                    continue
                raise
            if response is None or response.status != 200:
                continue
            self.phone_checked += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                self.too_wide[f"{username} {url[len(self.base):]}"] = width
        page.set_viewport_size(DESK)

    def check_accessibility(self, page, where: str) -> None:
        page.add_script_tag(path=str(AXE))
        for violation in page.evaluate(RUN_AXE, AXE_TAGS)["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
            self.violations.append(f"{violation['id']} ({violation['impact']}) on {where}: {json.dumps(targets)}")


@pytest.fixture
def demo_province(settings):
    call_command("seed_demo", stdout=io.StringIO(), persons=300, seed="3", year=2026)
    enrol_second_factors()


def test_no_english_word_iso_date_or_axe_violation_on_any_page_of_any_demo_account(live_server, browser, demo_province,
                                                                       artifacts_dir):
    crawl = Crawl(live_server.url)
    started = datetime.datetime.now()
    for username in USERNAMES:
        context = browser.new_context(viewport=DESK, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", bypass_csp=True)
        context.set_default_timeout(45_000)
        try:
            crawl.account(context.new_page(), username)
        finally:
            context.close()
    report = "\n".join(f"{where}: {' '.join(sorted(words))}" for where, words in sorted(crawl.findings.items()))
    (artifacts_dir / "crawl-language.txt").write_text(
        f"{crawl.visited} pages in {datetime.datetime.now() - started}\n{report}\n", encoding="utf-8")
    (artifacts_dir / "crawl-axe.txt").write_text(
        f"{len(crawl.axe_checked)} page kinds\n" + "\n".join(crawl.violations) + "\n", encoding="utf-8")
    wide = "\n".join(f"{where}: {width} px" for where, width in sorted(crawl.too_wide.items()))
    (artifacts_dir / "crawl-phone.txt").write_text(
        f"{crawl.phone_checked} page kinds at {PHONE['width']} px\n{wide}\n", encoding="utf-8")
    assert crawl.visited > 100, crawl.visited  # the crawl really went through the application
    assert len(crawl.axe_checked) > 60, sorted(crawl.axe_checked)
    assert not crawl.findings, report
    assert crawl.violations == []
    assert crawl.phone_checked > 60, crawl.phone_checked
    assert crawl.too_wide == {}, wide


@pytest.mark.parametrize(("text", "expected"), [
    ("Hồ sơ đã gửi ngày 03/12/2026", set()),
    ("Select an option", {"Select", "option"}),
    ("Ngày 2026-12-03", {"2026-12-03"}),
    ("Nguyễn Văn An — PDF", set()),  # “An” is two letters; PDF is allowed
    ("Tệp documents/2026/to-trinh.pdf", {"documents", "documents/2026/to-trinh.pdf"}),
    ("SHA-256 " + "ab12" * 16, {"ab12" * 16}),
])
def test_the_crawl_reads_english_words_and_iso_dates(text, expected):
    assert findings_in(text, english_words(), allowed_words()) == expected
