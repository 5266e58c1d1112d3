"""Issue 22's users journey, in real Chromium: the standing body's specialist creates an account for a commune
clerk, gives it the commune's clerk role, and the clerk signs in with the temporary password, must choose his
own, and sees only the commune. axe-core finds no violation on the screen's page kinds; screenshots (desktop and
phone) go to test-artifacts/."""

from django.urls import reverse

from tdkt.accounts.models import User
from tdkt.audit.models import AuditEvent
from tdkt.orgs.enums import UnitKind
from tests.browser.pickers import choose_unit
from tests.browser.test_crawl_language import AXE, AXE_TAGS, DESK, PHONE, RUN_AXE
from tests.factories import PASSWORD, make_unit

NEW_PASSWORD = "Phong-Hai-2026!"


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in page.evaluate(RUN_AXE, AXE_TAGS)["violations"]]


def _sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button.primary")


def test_specialist_creates_a_commune_clerk_who_signs_in_and_sees_only_the_commune(
        live_server, browser, artifacts_dir, world):
    commune = make_unit("Xã Phong Hải", kind=UnitKind.COMMUNE, parent=world.province, code="XPH")
    other_commune = make_unit("Xã Bản Lầu", kind=UnitKind.COMMUNE, parent=world.province, code="XBL")
    base = live_server.url
    violations: dict[str, list[str]] = {}
    context = browser.new_context(viewport=DESK, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()

    _sign_in(page, base, "chuyenvien", PASSWORD)
    page.wait_for_url(base + "/")
    assert page.locator("#menu-users").get_attribute("href") == "/users/"
    page.goto(base + "/users/")
    assert page.locator("h1").inner_text() == "Người dùng"
    violations["list"] = _violations(page)
    page.screenshot(path=artifacts_dir / "users-list.png", full_page=True)

    # The account first, then its role (as the standing body does when the unit is not yet decided).
    page.click("#new-user")
    page.fill("#id_full_name", "Hoàng Thị Hoa")
    page.fill("#id_username", "vanthu.phonghai")
    page.fill("#id_email", "hoa.phonghai@example.org")
    violations["form"] = _violations(page)
    page.click("#user-form button.primary")
    assert page.locator("h1").inner_text() == "Đã tạo tài khoản"
    temporary = page.locator("#temporary-password").inner_text()
    assert page.locator("#new-username").inner_text() == "vanthu.phonghai"
    violations["password"] = _violations(page)
    page.screenshot(path=artifacts_dir / "users-temporary-password.png", full_page=True)

    page.click("#to-account")
    page.click("#give-role")
    page.select_option("#id_role", "unit_clerk")
    choose_unit(page, "id_unit", "Xã Phong Hải")
    page.click("#user-form button.primary")
    assert page.locator("#memberships tbody tr td").first.inner_text() == "Cán bộ phụ trách TĐKT đơn vị"
    assert page.locator("#memberships tbody tr td").nth(1).inner_text() == "Xã Phong Hải"
    assert page.locator("#sign-in-name").inner_text() == "vanthu.phonghai"
    violations["detail"] = _violations(page)
    page.screenshot(path=artifacts_dir / "users-account.png", full_page=True)

    page.click("#deactivate")  # a confirmation page first: nothing happens until its button
    assert page.locator("h1").inner_text() == "Khóa tài khoản"
    violations["confirm"] = _violations(page)
    page.screenshot(path=artifacts_dir / "users-confirm-deactivate.png", full_page=True)

    page.set_viewport_size(PHONE)
    page.goto(base + "/users/?q=hoang+thi+hoa")
    assert page.locator("#users tbody td:first-child").all_inner_texts() == ["Hoàng Thị Hoa"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=artifacts_dir / "users-list-phone.png", full_page=True)
    context.close()

    clerk = User.objects.get(username="vanthu.phonghai")
    assert clerk.is_active and clerk.must_change_password
    assert list(AuditEvent.objects.filter(object_type__in=["accounts.user", "accounts.membership"])
                .exclude(action__in=["login", "logout"]).order_by("id").values_list("object_type", "action")) == [
        ("accounts.user", "create"), ("accounts.membership", "create")]

    # The clerk's first sign-in: the temporary password, then his own, then the commune only.
    context = browser.new_context(viewport=DESK, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    _sign_in(page, base, "vanthu.phonghai", temporary)
    page.wait_for_url(base + reverse("accounts:password_change"))
    violations["password_change"] = _violations(page)
    page.screenshot(path=artifacts_dir / "users-first-sign-in.png", full_page=True)
    page.goto(base + "/dossiers/")  # every page leads back to the change until it is done
    assert page.url == base + reverse("accounts:password_change")
    page.fill("#id_old_password", temporary)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.click("main button.primary")
    page.wait_for_url(base + "/")
    assert page.locator("[data-figure=units]").inner_text() == "1"
    page.screenshot(path=artifacts_dir / "users-clerk-home.png", full_page=True)
    assert page.goto(f"{base}/units/{commune.pk}/").status == 200
    response = page.goto(f"{base}/units/{other_commune.pk}/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy"
    assert page.goto(f"{base}/users/").status == 403
    context.close()

    assert {kind: found for kind, found in violations.items() if found} == {}
    assert User.objects.get(pk=clerk.pk).must_change_password is False
