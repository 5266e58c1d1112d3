"""The dossier page's lines in chunks (issue 23): the page renders the first LINES_CHUNK rows and lines-more.js
appends the others from nominees:line_rows, so every line is on the page, in order, once; no CSP violation (the
script is a static file)."""

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tdkt.dossiers.nominees.queries import LINES_CHUNK
from tests.nominees.helpers import make_dossier, make_line, make_people


def test_every_line_is_on_the_dossier_page_after_the_script(live_server, page, world, artifacts_dir):
    dossier = make_dossier(world.unit_a)
    lines = [make_line(dossier, person=person, position=index + 1)
             for index, person in enumerate(make_people(world.unit_a, LINES_CHUNK + 7))]
    client = Client()
    client.force_login(world.users["clerk_a"])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(live_server.url + reverse("dossiers:detail", args=[dossier.pk]))
    page.wait_for_selector("#lines-more", state="detached")
    ids = page.eval_on_selector_all("#nominee-lines-table tbody tr", "rows => rows.map(row => row.id)")
    assert [int(re.sub(r"\D", "", value)) for value in ids] == [line.pk for line in lines]
    assert violations == []
    page.screenshot(path=artifacts_dir / "dossier-lines-chunks.png", full_page=True)
