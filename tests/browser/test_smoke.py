"""Proves the browser plumbing: Chromium, Playwright and pytest-django's live server."""

import json


def test_healthz_in_chromium(live_server, page, artifacts_dir):
    response = page.goto(live_server.url + "/healthz")
    assert response is not None
    assert response.status == 200
    body = json.loads(response.text())
    assert body["status"] == "ok"
    page.screenshot(path=artifacts_dir / "smoke-healthz.png")
