"""A unit clerk's first minutes, in real Chromium: sign in, dashboard, accent-free search,
another unit's page refused."""

from tests.factories import PASSWORD


def test_unit_clerk_signs_in_searches_and_is_refused_another_unit(live_server, page, artifacts_dir, world):
    page.goto(live_server.url + "/")
    assert page.url == f"{live_server.url}/portal/"  # a visitor who is not signed in lands on the public portal
    page.click("#portal-signin")
    page.wait_for_url(f"{live_server.url}/login/")
    page.fill("#id_username", "vanthu.a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")

    page.wait_for_url(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Việc của tôi"
    # Unit A and its hospital: two people, two units.
    assert page.locator("[data-figure=people]").inner_text() == "2"
    assert page.locator("[data-figure=units]").inner_text() == "2"

    page.goto(live_server.url + "/people/")  # the people list's own search (the header's searches everything)
    page.fill("main input[name=q]", "nguyen van an")
    page.press("main input[name=q]", "Enter")
    page.wait_for_url("**/people/?q=nguyen+van+an")
    names = page.locator("#people tbody td:first-child").all_inner_texts()
    assert names == ["Nguyễn Văn An"]
    page.screenshot(path=artifacts_dir / "clerk-search.png", full_page=True)

    response = page.goto(f"{live_server.url}/units/{world.unit_b.pk}/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy"
    page.screenshot(path=artifacts_dir / "clerk-refused-other-unit.png", full_page=True)
