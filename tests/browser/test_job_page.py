"""A background job seen in Chromium: its page refreshes itself from queued to running (progress bar) to
done, without any script, and the result file is downloaded. The job kind is a test kind (tests/jobs)."""

from tdkt.accounts.enums import Role
from tdkt.jobs import services
from tdkt.jobs.models import Job
from tdkt.jobs.progress import Progress
from tests.factories import PASSWORD, make_unit, make_user
from tests.jobs.support import register_test_kinds, unregister_test_kinds


def test_the_job_page_follows_a_job_to_its_download(live_server, page, artifacts_dir):
    register_test_kinds()
    try:
        unit = make_unit("Sở Y tế", code="SYT")
        user = make_user("vanthu.a", role=Role.UNIT_CLERK, unit=unit)
        job = Job.objects.create(kind="tests.report", title="Báo cáo thử nghiệm", created_by=user,
                                 params={"rows": 4})

        page.goto(live_server.url + "/login/")
        page.fill("#id_username", "vanthu.a")
        page.fill("#id_password", PASSWORD)
        page.click("button.primary")
        page.wait_for_url(live_server.url + "/")

        page.goto(f"{live_server.url}/jobs/{job.pk}/")
        assert page.inner_text("#job-state") == "Đang chờ"
        assert page.locator("script:not([src])").count() == 0  # the refresh needs no script (meta refresh)
        page.screenshot(path=artifacts_dir / "job-queued.png", full_page=True)

        claimed = services.claim_job(job.pk)  # a worker takes it and reports progress
        progress = Progress(claimed)
        progress.set_total(4)
        progress.advance()
        page.wait_for_selector("#job-state[data-state=running]")
        page.wait_for_selector("#job-count:text-is('1 / 4')")  # a selector: the CSP refuses string predicates
        assert page.get_attribute("#job-progress", "value") == "1"
        assert page.get_attribute("#job-progress", "max") == "4"
        page.screenshot(path=artifacts_dir / "job-running.png", full_page=True)

        services.run_claimed(claimed)  # ... and finishes it
        page.wait_for_selector("#job-state[data-state=succeeded]", timeout=10_000)
        assert page.inner_text("#job-count") == "4 / 4"
        assert page.locator("meta[http-equiv=refresh]").count() == 0
        page.screenshot(path=artifacts_dir / "job-done.png", full_page=True)
        with page.expect_download() as info:
            page.click("#job-download")
        download = info.value
        assert download.suggested_filename == "bao-cao.csv"
        with open(download.path(), encoding="utf-8") as handle:
            assert handle.read() == "".join(f"{n};Nguyễn Văn An\n" for n in range(1, 5))

        page.goto(f"{live_server.url}/jobs/")
        assert page.inner_text("table.jobs tbody tr td:nth-child(3)") == "Hoàn thành"
    finally:
        unregister_test_kinds()
