"""Playwright fixtures for the browser tests, run in Debian's Chromium (/usr/bin/chromium).

Playwright's own browser download cannot work on these machines, so the tests drive the
system Chromium. Without it the tests skip locally and fail under CI (CI=true).

Use with pytest-django's ``live_server``::

    def test_something(live_server, page, artifacts_dir):
        page.goto(live_server.url + "/")
        page.screenshot(path=artifacts_dir / "something.png")
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would then refuse ORM
# calls from that thread (SynchronousOnlyOperation). The tests are synchronous, so allow it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser carries the ``browser`` marker (select with -m browser)."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so ``page`` can screenshot failures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def artifacts_dir():
    """test-artifacts/ at the repository root (gitignored): screenshots go here."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per test session (per xdist worker).

    Playwright starts Chromium with a fresh temporary profile (--user-data-dir) of its own,
    removed when the browser closes.
    """
    if not CHROMIUM.exists():
        message = "Chromium is not installed (apt-get install chromium); browser tests skipped"
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but " + message.replace("; browser tests skipped", ""), pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(request, browser, artifacts_dir):
    """A page in a fresh context (Vietnamese locale, Hanoi time); screenshot saved on failure."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            name = request.node.nodeid.replace("/", "_").replace("::", "__")
            page.screenshot(path=artifacts_dir / f"FAILED-{name}.png", full_page=True)
        context.close()

