"""The person picker in real Chromium, with the keyboard only: a unit clerk registering an initiative types
the author's name without diacritics, moves to the suggestion with the arrow key and takes it with Enter; another
unit's person is never suggested; a chosen author can be removed. The page holds no script of its own (CSP)."""

from playwright.sync_api import expect

from tdkt.initiatives.models import Work
from tests.browser.pickers import choose_unit
from tests.factories import PASSWORD, make_person


def test_a_clerk_picks_an_author_by_typing_a_name_without_diacritics(live_server, page, world):
    make_person("Nguyễn Văn Anh", unit=world.unit_a_child)
    base = live_server.url
    page.set_default_timeout(45_000)
    expect.set_options(timeout=30_000)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(base + "/login/?next=/initiatives/new/")
    page.fill("#id_username", "vanthu.a")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/initiatives/new/")

    box = page.locator("#id_authors-0-person_q")
    expect(box).to_have_attribute("role", "combobox")
    expect(page.locator("label[for='id_authors-0-person_q']")).to_have_count(0)  # the column header names it
    expect(page.locator("#id_authors-0-person")).to_be_hidden()  # the <select> is the form's value only

    box.press_sequentially("giang a pao")  # unit B's person: never offered to unit A's clerk
    expect(page.locator("[id='id_authors-0-person_q-list']")).to_contain_text("Không tìm thấy.")

    box.fill("")
    box.press_sequentially("nguyen van an")
    options = page.locator("[id='id_authors-0-person_q-list'] [role=option]")
    expect(options).to_have_text(["Nguyễn Văn An (1985) — Sở Y tế", "Nguyễn Văn Anh — Bệnh viện Đa khoa tỉnh"])
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "id_authors-0-person_q-list-0")
    box.press("Enter")  # takes the suggestion, does not submit the form
    expect(box).to_have_value("")
    expect(box).to_have_attribute("aria-expanded", "false")
    chips = page.locator("table.authors .picker-chips li")  # the unit picker above shows the clerk's unit
    expect(chips).to_have_count(1)
    expect(chips.first).to_contain_text("Nguyễn Văn An (1985) — Sở Y tế")

    second = page.locator("#id_authors-1-person_q")
    second.press_sequentially("van anh")
    page.locator("[id='id_authors-1-person_q-list'] [role=option]").first.click()
    expect(chips).to_have_count(2)
    page.get_by_role("button", name="Bỏ chọn: Nguyễn Văn Anh — Bệnh viện Đa khoa tỉnh").click()
    expect(chips).to_have_count(1)

    page.select_option("#id_kind", "initiative")
    page.fill("#id_title", "Số hóa hồ sơ bệnh án điện tử")
    choose_unit(page, "id_unit", world.unit_a.name)
    page.fill("#id_authors-0-share", "100")
    page.click("button.primary")
    expect(page.locator("ul.messages")).to_contain_text("Đã đăng ký sáng kiến, đề tài.")
    assert [a.person_id for a in Work.objects.get().authors.all()] == [world.person_a.pk]
    assert violations == []
