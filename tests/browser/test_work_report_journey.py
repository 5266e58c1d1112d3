"""Issue 18, item 4 in Chromium: on the demo province, the standing body's specialist opens the reports hub,
goes to the half-year and year-end reports, asks for the year-end Word draft of the province for the statistical
year of today (when the demo's decisions are signed) and downloads it. The file is
opened with python-docx and its figures are checked against direct counts of the demo's award records."""

import io
from collections import Counter

import docx
from django.core.management import call_command
from django.utils import timezone

from tdkt.awards.models import AwardRecord
from tdkt.orgs.demo.accounts import DEMO_PASSWORD
from tdkt.reports.periods import statistical_year, statistical_year_of
from tests.reports.work.docxread import paragraphs, table_after

LEVEL_TEXT = {"state": "Khen thưởng cấp Nhà nước", "province": "Khen thưởng cấp tỉnh",
              "grassroots": "Khen thưởng cấp cơ sở"}


def test_specialist_downloads_the_year_end_draft_of_the_demo_province(live_server, page, artifacts_dir):
    call_command("seed_demo", stdout=io.StringIO(), province="Lào Cai", persons=100, seed="3", year=2026)
    year = statistical_year_of(timezone.localdate())
    period = statistical_year(year)
    records = AwardRecord.objects.filter(decision_date__gte=period.start, decision_date__lte=period.end)
    total = records.count()
    assert total > 0, "the demo signs its decisions today: they are in this statistical year"
    by_level = Counter(records.values_list("award_type__level", flat=True))

    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/reports/")
    page.click("#hub-work")
    page.wait_for_selector("#work-draft-form")
    assert page.input_value("#id_year") == str(timezone.localdate().year)  # the report written in the year
    page.fill("#id_year", str(year))  # the demo's decisions are signed today: the statistical year of today
    page.select_option("#id_kind", "year_end")
    page.screenshot(path=artifacts_dir / "work-report-form.png", full_page=True)
    with page.expect_download() as info:
        page.click("#work-draft-download")
    download = info.value
    assert download.suggested_filename == f"bao-cao-tong-ket-nam-{year}.docx"
    document = docx.Document(download.path())

    texts = paragraphs(document)
    assert (f"Tổng kết công tác thi đua, khen thưởng năm {year} và phương hướng, nhiệm vụ năm {year + 1}") in texts
    awards = next(text for text in texts if text.startswith("Trong kỳ đã khen thưởng "))
    assert awards.split(" lượt")[0] == f"Trong kỳ đã khen thưởng {total:,}".replace(",", "."), (total, awards)
    levels = [row for row in table_after(document, "Bảng 1. Khen thưởng theo cấp và hình thức")
              if row[0] in ("I", "II", "III")]
    assert [row[1] for row in levels] == [f"{LEVEL_TEXT[level]}: {by_level.get(level, 0)}"
                                          for level in ("state", "province", "grassroots")]
