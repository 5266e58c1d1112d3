"""Choosing in a person picker (tdkt.lib.pickers, picker.js) the way a user does: type, then pick a suggestion."""

from playwright.sync_api import expect


def pick(page, field_id: str, typed: str, label: str) -> None:
    """Type `typed` in the picker of <select id=field_id> and click the suggestion `label`; the chosen person
    is then listed under the box."""
    page.fill(f"#{field_id}_q", typed)
    page.locator(f"[id='{field_id}_q-list'] [role=option]", has_text=label).first.click()
    expect(page.locator(f"[id='{field_id}'] option:checked", has_text=label)).to_have_count(1)


def choose_unit(page, field_id: str, name: str) -> None:
    """Make unit `name` the choice of the unit picker <select id=field_id>: the officer's own unit is
    preselected (left as it is); another is typed and picked from the suggestions."""
    chosen = page.locator(f"[id='{field_id}'] option:checked").all_inner_texts()
    if any(text.split(" — ")[0].strip() == name for text in chosen):
        return
    pick(page, field_id, name, name)
