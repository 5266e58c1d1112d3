"""The phone pass of issue 21's "done means": at a 390 × 844 viewport no page is wider than the screen
(document.documentElement.scrollWidth ≤ 390). Every page of the persona matrix (tests/test_access_map.py)
that answers 200 to the specialist and to clerk_a is opened with the world fixture's objects; files (Excel,
Word, PDF) are skipped. Wide tables scroll inside their own region (app.js) instead of widening the page.

The unit tree is folded on the server, one level a page: with a few hundred units it stays short, and a
unit opens with its link."""

import pytest
from django.conf import settings
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.factories import make_unit
from tests.test_access_map import MATRIX, PERSONAS, _object

PHONE = {"width": 390, "height": 844}
SKIPPED_SUFFIXES = (".xlsx", ".docx", ".pdf", ".csv", ".zip", ".json", ".xml", ".txt", ".png", ".svg")


def phone_page(browser, live_server, user):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(20_000)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context, context.new_page()


def pages_answering_200(world, persona):
    index = PERSONAS.index(persona)
    made: dict = {}
    for name, key, expected in MATRIX:
        if expected[index] != 200:
            continue
        if key is not None and key not in made:
            try:  # two factories may make the same unique object (an archive file, a decision number)
                with transaction.atomic():
                    made[key] = _object(world, key)
            except (IntegrityError, ObjectDoesNotExist, MultipleObjectsReturned, ValidationError):
                made[key] = None  # its page is opened by the persona matrix's own test
        target = made.get(key)
        if key is not None and target is None:
            continue
        kwargs = {} if key is None else (target if isinstance(target, dict) else {"pk": target.pk})
        url = reverse(name, kwargs=kwargs)
        if not url.endswith(SKIPPED_SUFFIXES):
            yield url


@pytest.mark.parametrize("persona", ["specialist", "clerk_a"])
def test_no_page_is_wider_than_a_phone(live_server, browser, world, artifacts_dir, persona):
    context, page = phone_page(browser, live_server, world.users[persona])
    too_wide, opened = {}, 0
    for url in pages_answering_200(world, persona):
        try:
            response = page.goto(live_server.url + url)
        except PlaywrightError as exc:  # a file served without an extension in its URL
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_load_state("load")
        opened += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[url] = width
            page.screenshot(path=artifacts_dir / f"phone-too-wide-{persona}-{opened}.png", full_page=True)
    context.close()
    assert opened > 20
    assert too_wide == {}, "\n".join(f"{url}: {width} px" for url, width in too_wide.items())


def test_the_unit_tree_is_folded_on_a_phone(live_server, browser, world, artifacts_dir):
    for district in range(12):  # a province's worth of units: 12 districts × 25 communes, under Sở Y tế
        parent = make_unit(f"Huyện số {district + 1}", parent=world.unit_a, code=f"H{district:02d}")
        for commune in range(25):
            make_unit(f"Xã số {district + 1}.{commune + 1}", parent=parent, code=f"X{district:02d}{commune:02d}")
    context, page = phone_page(browser, live_server, world.users["specialist"])
    page.goto(live_server.url + reverse("orgs:tree"))
    # Folded on the server (issue 23): a level at a time, each unit with a link opening the units under it.
    assert page.locator("#unit-tree li").count() <= 100
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3000, height  # the communes (third level) are not on the page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(live_server.url + reverse("orgs:tree") + f"?open={world.unit_a.pk}")
    district = page.locator("#unit-tree li", has_text="Huyện số 1 ").first
    assert page.locator("#unit-tree li", has_text="Xã số 1.").count() == 0
    district.locator("a.open").click()
    page.wait_for_url("**open=*")
    assert page.locator("#unit-tree li", has_text="Xã số 1.").count() == 25
    page.fill("#tree-filter", "xa so 7.3")  # the search folds accents
    page.press("#tree-filter", "Enter")
    page.wait_for_url("**q=*")
    assert page.locator("#unit-tree li").count() == 1
    page.screenshot(path=artifacts_dir / "phone-unit-tree.png", full_page=True)
    context.close()
