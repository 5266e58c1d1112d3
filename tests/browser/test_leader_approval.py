"""The approval that waits for the leader, in real Chromium: the clerk puts a complete draft before the leader
(the page then says it waits, and offers no upload); the leader reads the notification, sends it back with a
reason; the clerk reads the reason in the notifications and puts it before the leader again; the leader
approves and sends it. Then the leader delegates sending on the delegations page and revokes it."""

import datetime

from django.utils import timezone

from tdkt.dossiers.models import Dossier, SendingDelegation
from tests.browser.pickers import choose_unit
from tests.browser.test_dossier_workflow import confirm, sign_in
from tests.dossiers.support import leader_a, ready_draft


def test_the_clerk_sends_to_the_leader_who_sends_back_then_approves(live_server, browser, page, artifacts_dir, world):
    leader_a(world)
    dossier, _lines = ready_draft(world)
    url = f"{live_server.url}/dossiers/{dossier.pk}/"
    clerk = sign_in(browser, live_server, "vanthu.a")
    clerk.goto(url)
    confirm(clerk, "send_for_approval", reason="Kính trình lãnh đạo.")
    clerk.wait_for_url(f"**/dossiers/{dossier.pk}/")
    assert clerk.locator("#dossier-state").inner_text() == "Chờ lãnh đạo duyệt"
    assert clerk.locator("#awaiting-approval").count() == 1
    assert clerk.locator("#upload-form").count() == 0  # nothing changes while the leader reads it
    clerk.screenshot(path=artifacts_dir / "dossier-awaiting-approval.png", full_page=True)

    leader = sign_in(browser, live_server, "lanhdao.a")
    leader.goto(live_server.url + "/notifications/")
    assert f"Hồ sơ “{dossier.title}” của Sở Y tế đang chờ lãnh đạo phê duyệt" in leader.content()
    leader.goto(url)
    confirm(leader, "send_back", reason="Bổ sung số tờ trình.")
    leader.wait_for_url(f"**/dossiers/{dossier.pk}/")
    assert leader.locator("#dossier-state").inner_text() == "Dự thảo"

    clerk.goto(live_server.url + "/notifications/")
    assert "Lý do: Bổ sung số tờ trình." in clerk.content()
    clerk.goto(url)
    confirm(clerk, "send_for_approval", reason="")
    leader.goto(url)
    confirm(leader, "approve_and_send", reason="")
    leader.wait_for_url(f"**/dossiers/{dossier.pk}/")
    assert leader.locator("#dossier-state").inner_text() == "Đã gửi"
    timeline = leader.locator("#timeline").inner_text()
    assert "Chờ lãnh đạo duyệt → Dự thảo" in timeline and "Chờ lãnh đạo duyệt → Đã gửi" in timeline
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"

    today = timezone.localdate()
    leader.goto(live_server.url + "/dossiers/delegations/")
    choose_unit(leader, "id_unit", world.unit_a.name)
    leader.select_option("#id_clerk", str(world.users["clerk_a"].pk))
    leader.fill("#id_valid_from", f"{today:%d/%m/%Y}")
    leader.fill("#id_valid_to", f"{today + datetime.timedelta(days=7):%d/%m/%Y}")
    leader.click("#delegation-form button.primary")
    assert "Đang có hiệu lực" in leader.locator("#delegations").inner_text()
    leader.click("#delegations a:has-text('Thu hồi')")
    leader.click("#revoke-form button")
    assert "Đã thu hồi" in leader.locator("#delegations").inner_text()
    leader.screenshot(path=artifacts_dir / "delegations.png", full_page=True)
    assert SendingDelegation.objects.get().revoked_at is not None
