"""The province's specialist opens form 0603 for the statistical year, clicks a non-zero cell, lands on exactly
the awards behind it (their number and names) and exports the Excel, in real Chromium."""

import datetime
import io
from pathlib import Path

import openpyxl

from tdkt.awards.models import AwardRecord
from tests.browser.test_movements_journey import _sign_in
from tests.factories import award_type, make_person

YEAR = 2026


def _awards(world):
    bk, cstd = award_type("BK_TINH"), award_type("CSTD_TINH")
    names = ["Lường Thị Mai", "Vàng A Dình", "Hoàng Văn Khánh"]
    for i, name in enumerate(names):
        person = make_person(name, unit=world.unit_a if i < 2 else world.unit_b)
        AwardRecord.objects.create(person=person, award_type=bk, year=YEAR, decision_number=f"{i + 1}/QĐ-UBND",
                                   decision_date=datetime.date(YEAR, 4, 1 + i), basis="merit")
    AwardRecord.objects.create(person=world.person_a, award_type=cstd, year=YEAR, decision_number="9/QĐ-UBND",
                               decision_date=datetime.date(YEAR, 5, 5), person_group="manager")
    AwardRecord.objects.create(person=world.person_b, award_type=bk, year=YEAR - 1, decision_number="7/QĐ-UBND",
                               decision_date=datetime.date(YEAR - 1, 11, 30))  # the year before: not counted
    return names


def test_specialist_opens_0603_clicks_a_cell_and_exports(live_server, page, artifacts_dir, world):
    names = _awards(world)
    _sign_in(page, live_server, "chuyenvien")
    page.goto(live_server.url + "/reports/")
    page.click("#reports-hub a[href='/reports/forms/']")
    page.click("#forms a:has-text('0603.N/BNV-TĐKT')")
    page.select_option("#form-chooser select[name=year]", str(YEAR))
    page.click("#form-chooser button")
    page.wait_for_url(f"**/reports/forms/02-2023/0603/?year={YEAR}*")
    assert page.locator("#form-status").inner_text() == "Mẫu theo TT 02/2023, chưa đối chiếu phụ lục chính thức"
    assert page.locator("#checks-ok").is_visible()
    total = page.locator("#form-table tr[data-row='01'] td[data-column='1']")
    assert total.inner_text() == "4"
    page.screenshot(path=artifacts_dir / "stats-form-0603.png", full_page=True)

    # Bằng khen (column 2) to individuals (row 14): the three this year, not last year's.
    cell = page.locator("#form-table tr[data-row='14'] td[data-column='2'] a")
    assert cell.inner_text() == "3"
    cell.click()
    page.wait_for_url("**/reports/forms/02-2023/0603/cell/14/2/*")
    recipients = page.locator("#cell-records td.recipient").all_inner_texts()
    assert sorted(recipients) == sorted(names)
    page.screenshot(path=artifacts_dir / "stats-form-0603-cell.png", full_page=True)

    page.go_back()
    with page.expect_download() as info:
        page.click("#form-excel")
    download = info.value
    assert download.suggested_filename == f"bieu-0603-{YEAR}.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Biểu số: 0603.N/BNV-TĐKT"
    assert next(row for row in rows if row[0] == "Tổng số")[2:7] == (4, 3, 1, 0, 0)
