"""Choosing in a person picker (tdkt.lib.pickers, picker.js) the way a user does: type, then pick a suggestion."""

from playwright.sync_api import expect


def pick(page, field_id: str, typed: str, label: str) -> None:
    """Type `typed` in the picker of <select id=field_id> and click the suggestion `label`; the chosen person
    is then listed under the box."""
    page.fill(f"#{field_id}_q", typed)
    page.locator(f"[id='{field_id}_q-list'] [role=option]", has_text=label).first.click()
    expect(page.locator(f"[id='{field_id}'] option:checked", has_text=label)).to_have_count(1)
