"""Issue 12 in Chromium: the 12,000-line consolidated nominee list is requested, becomes a background job on
the database queue, a worker (run_worker --batch, in a thread against the live server's database) writes it
while the job page's progress bar moves, and the .xlsx downloaded has 12,000 data rows and no formula cell;
meanwhile a unit clerk's pages keep answering.

To see the bar move whatever the machine's speed, the job pauses (in Progress.advance, after its progress
is saved) at two points until the page has shown them: after the first 500 lines and at 6,000."""

import datetime
import io
import threading

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Error

from tdkt.accounts.enums import Role
from tdkt.awards.models import AwardType
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.jobs.models import Job
from tdkt.jobs.progress import Progress
from tdkt.lib.vntext import fold
from tdkt.people.models import Person
from tests.factories import PASSWORD, make_unit, make_user

LINES = 12_000
DOSSIERS = 12
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Gate:
    """Holds the export job at given line counts until the test lets it go on."""

    def __init__(self, *stops):
        self.events = {stop: threading.Event() for stop in stops}

    def __call__(self, progress):
        for stop, event in self.events.items():
            if progress.done >= stop:
                event.wait(timeout=60)

    def release(self, stop=None):
        for key, event in self.events.items():
            if stop is None or key == stop:
                event.set()


def build_lines(unit_ids):
    award = AwardType.objects.get(code="LDTT")
    people = []
    for index in range(LINES):
        name = f"Nguyễn Văn Thử {index:05d}"
        people.append(Person(full_name=name, name_folded=fold(name), unit_id=unit_ids[index % len(unit_ids)],
                             birth_date=datetime.date(1980, 1, 1), birth_year=1980, category="civil_servant"))
    Person.objects.bulk_create(people, batch_size=2000)
    person_ids = list(Person.objects.filter(name_folded__startswith="nguyen van thu ").order_by("id")
                      .values_list("id", flat=True))
    dossiers = Dossier.objects.bulk_create([
        Dossier(unit_id=unit_ids[n % len(unit_ids)], year=2025, title=f"Hồ sơ đề nghị số {n + 1}",
                state="ready_for_council") for n in range(DOSSIERS)])
    per = LINES // DOSSIERS
    Nomination.objects.bulk_create([
        Nomination(dossier=dossiers[index // per], person_id=person_id, proposed_award_type=award, award_type=award,
                   position=index % per + 1) for index, person_id in enumerate(person_ids)], batch_size=2000)
    assert Nomination.objects.filter(dossier__state="ready_for_council").count() == LINES


def sign_in(page, url, username):
    page.goto(url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(url + "/")


def shown_done(page) -> int:
    """The count shown in "6.000 / 12.000" (Vietnamese thousands separator)."""
    return int(page.inner_text("#job-count").split("/")[0].strip().replace(".", "") or 0)


def wait_until(page, condition, timeout_ms=30_000):
    """Poll from Python: the page's Content-Security-Policy (no 'unsafe-eval') refuses page.wait_for_function."""
    for _ in range(timeout_ms // 200):
        try:
            if condition():
                return
        except Error:  # the page is reloading itself (meta refresh) between two reads
            pass
        page.wait_for_timeout(200)
    raise AssertionError("the page never reached the expected state")


def run_worker():
    try:
        call_command("run_worker", "--batch", "--no-schedule")
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_12000_line_list_is_a_job_with_moving_progress(live_server, page, browser, artifacts_dir, settings,
                                                         monkeypatch):
    settings.TASKS = DB_TASKS  # the production path: the request only enqueues, a worker runs the job
    home = make_unit("Sở Nội vụ", code="SNV")
    units = [make_unit(f"Đơn vị thử {n}", code=f"DV{n}") for n in range(3)]
    make_user("chuyenvien", role=Role.PROVINCE_SPECIALIST, unit=home)
    make_user("vanthu.b", role=Role.UNIT_CLERK, unit=units[1])
    build_lines([unit.pk for unit in units])

    gate = Gate(500, 6000)
    advance = Progress.advance

    def gated_advance(self, n=1):
        advance(self, n)
        gate(self)

    monkeypatch.setattr(Progress, "advance", gated_advance)
    worker = threading.Thread(target=run_worker, name="test-worker", daemon=True)
    clerk_context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    try:
        sign_in(page, live_server.url, "chuyenvien")
        page.goto(f"{live_server.url}/dossiers/lines/export/?states=ready_for_council&format=xlsx")
        job = Job.objects.get()
        assert page.url == f"{live_server.url}/jobs/{job.pk}/"
        assert "Danh sách lớn (12.000 dòng): hệ thống đang lập tệp trong nền." in page.inner_text("ul.messages")
        assert page.inner_text("#job-state") == "Đang chờ"
        page.screenshot(path=artifacts_dir / "big-export-queued.png", full_page=True)

        worker.start()
        page.wait_for_selector("#job-state[data-state=running]", timeout=30_000)
        wait_until(page, lambda: shown_done(page) > 0 and page.inner_text("#job-count").endswith("/ 12.000"))
        first = shown_done(page)
        assert 0 < first < LINES and page.get_attribute("#job-progress", "max") == "12000"
        page.screenshot(path=artifacts_dir / "big-export-running.png", full_page=True)

        # Meanwhile, another persona's pages answer.
        clerk = clerk_context.new_page()
        sign_in(clerk, live_server.url, "vanthu.b")
        for path in ("/", "/dossiers/", "/people/", "/jobs/"):
            response = clerk.goto(live_server.url + path)
            assert response.status == 200, path

        gate.release(500)
        wait_until(page, lambda: shown_done(page) > first)
        assert first < shown_done(page) < LINES
        assert int(page.get_attribute("#job-progress", "value")) > first
        gate.release()
        page.wait_for_selector("#job-state[data-state=succeeded]", timeout=60_000)
        assert page.inner_text("#job-count") == "12.000 / 12.000"
        assert page.get_attribute("#job-progress", "value") == "12000"
        page.screenshot(path=artifacts_dir / "big-export-done.png", full_page=True)

        with page.expect_download() as info:
            page.click("#job-download")
        download = info.value
        assert download.suggested_filename == "danh-sach-tong-hop.xlsx"
        with open(download.path(), "rb") as handle:
            sheet = openpyxl.load_workbook(io.BytesIO(handle.read()), read_only=True).active
            data_rows = formulas = 0
            for row in sheet.iter_rows():
                formulas += sum(1 for cell in row if getattr(cell, "data_type", None) == "f")
                data_rows += isinstance(row[0].value, int)
        assert (data_rows, formulas) == (LINES, 0)
    finally:
        gate.release()
        if worker.is_alive():
            worker.join(timeout=60)
        clerk_context.close()
