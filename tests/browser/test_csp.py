"""The Content-Security-Policy in real Chromium: about twenty representative pages (staff, unit, council
member, public portal, Django admin, the API's Swagger page) raise no CSP violation, and what moved out of
inline code still works: the confirm questions, the select that submits itself, tick-all, the tree
filter, progress bars drawn by <progress>, the honeypot kept off screen, Swagger UI rendering.

Violations are caught twice: the `securitypolicyviolation` DOM event (recorded by an init script, which the
policy does not govern) and Chromium's console message. A control proves the catching works."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tdkt.jobs import services
from tdkt.jobs.models import Job
from tdkt.jobs.progress import Progress
from tests.factories import PASSWORD, make_group_year
from tests.jobs.support import register_test_kinds, unregister_test_kinds
from tests.test_access_map import _object

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


class Watch:
    """One browser context with violation recording; visit() returns the page after checking it."""

    def __init__(self, browser, base):
        self.base = base
        self.context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        self.context.set_default_timeout(45_000)  # two cores shared by many processes
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text) if "Content Security Policy" in m.text else None)
        self.seen: dict[str, list[str]] = {}

    def sign_in(self, username, password=PASSWORD):
        self.page.goto(self.base + "/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("button.primary")
        self.page.wait_for_url(lambda url: "/login/" not in url)

    def force_sign_in(self, user):
        """A session made server-side (a superuser would otherwise stop at the second-factor step)."""
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.base}])

    def visit(self, path, status=200):
        response = self.page.goto(self.base + path)
        assert (path, response.status) == (path, status)
        self.page.wait_for_load_state("load")
        self.collect(path)
        return self.page

    def collect(self, path):
        found = self.page.evaluate("window.__csp.splice(0)") + self.console
        self.console = []
        self.seen[path] = found


def _violations(watch):
    return {path: found for path, found in watch.seen.items() if found}


def test_the_detector_sees_an_injected_inline_style_and_script(live_server, browser, world):
    watch = Watch(browser, live_server.url)
    page = watch.visit("/portal/")
    page.evaluate("""document.body.insertAdjacentHTML("beforeend", '<p id="x" style="color:red">x</p>');
                     var s = document.createElement("script"); s.textContent = "window.ran = 1"; document.body.append(s);""")
    page.wait_for_function("window.__csp.length >= 2")
    watch.collect("/portal/ (injected)")
    found = watch.seen["/portal/ (injected)"]
    assert [f.split(" blocked ")[0] for f in found[:2]] == ["style-src-attr", "script-src-elem"]
    assert page.evaluate("window.ran === undefined")
    assert page.evaluate("getComputedStyle(document.getElementById('x')).color") != "rgb(255, 0, 0)"
    watch.context.close()


def _url(world, name, key=None):
    """The URL of a persona-matrix page: its object made by the matrix's own factory."""
    if key is None:
        return reverse(name)
    target = _object(world, key)
    return reverse(name, kwargs=target if isinstance(target, dict) else {"pk": target.pk})


def test_staff_pages_raise_no_csp_violation_and_still_work(live_server, browser, world, artifacts_dir):
    make_group_year("Cụm thi đua số 2", year=2025)  # two years: the year select has something to choose
    watch = Watch(browser, live_server.url)
    watch.sign_in("chuyenvien")
    watch.visit("/")

    page = watch.visit(reverse("orgs:tree"))
    expect(page.locator("#unit-tree li").first).to_be_visible()
    page.fill("#tree-filter", "giao duc")  # the server-side search folds accents
    page.press("#tree-filter", "Enter")
    page.wait_for_url("**q=giao*")
    expect(page.locator("#unit-tree li")).to_have_count(1)
    expect(page.locator("#unit-tree li")).to_contain_text("Sở Giáo dục và Đào tạo")

    page = watch.visit(reverse("orgs:groups") + "?year=2026")
    page.select_option("select#year", "2025")  # data-autosubmit: choosing a year reloads the list
    page.wait_for_url("**year=2025")
    watch.collect("groups?year=2025")

    page = watch.visit(_url(world, "plans:board", "plan"))
    bars = page.locator("#lead-progress progress.bar")
    assert bars.count() >= 1
    expect(bars.first).to_be_visible()
    page.screenshot(path=artifacts_dir / "csp-plan-board.png", full_page=True)
    page = watch.visit(_url(world, "plans:task", "task_of_unit_a"))
    expect(page.locator("#task-progress progress")).to_be_visible()

    in_appraisal = _object(world, "dossier_in_appraisal_of_unit_a")
    page = watch.visit(reverse("dossiers:queue"))
    boxes = page.locator("#queue tbody input[type=checkbox]")
    assert boxes.count() >= 1
    page.check("#tick-all")  # data-tick-all
    assert [boxes.nth(i).is_checked() for i in range(boxes.count())] == [True] * boxes.count()
    page.uncheck("#tick-all")
    assert [boxes.nth(i).is_checked() for i in range(boxes.count())] == [False] * boxes.count()
    watch.visit(reverse("dossiers:detail", kwargs={"pk": in_appraisal.pk}))

    scoring_round = _object(world, "scoring_round")  # its template too: one template per group and year
    watch.visit(reverse("scoring:template", kwargs={"pk": scoring_round.template_id}))
    watch.visit(reverse("scoring:review", kwargs={"pk": scoring_round.pk}))
    watch.visit(reverse("scoring:leaderboard", kwargs={"pk": scoring_round.pk}))
    for name, key in [("council:meeting", "meeting"),
                      ("decisions:detail", "decisions_published"), ("people:detail", "person_a"),
                      ("orgs:group_detail", "group_year"), ("jobs:list", None), ("notifications:list", None),
                      ("workcalendar:year", None)]:
        watch.visit(_url(world, name, key))
    assert _violations(watch) == {}
    assert len(watch.seen) >= 15
    watch.context.close()


def test_unit_clerk_pages_confirm_and_show_progress(live_server, browser, world, artifacts_dir):
    register_test_kinds()
    try:
        line = _object(world, "nominees_line_a")
        job = Job.objects.create(kind="tests.report", title="Báo cáo thử nghiệm", created_by=world.users["clerk_a"],
                                 params={"rows": 4})
        progress = Progress(services.claim_job(job.pk))
        progress.set_total(4)
        progress.advance()
        watch = Watch(browser, live_server.url)
        watch.sign_in("vanthu.a")

        page = watch.visit(reverse("jobs:detail", kwargs={"pk": job.pk}))
        expect(page.locator("#job-progress")).to_be_visible()
        assert (page.get_attribute("#job-progress", "value"), page.get_attribute("#job-progress", "max")) == ("1", "4")
        page.screenshot(path=artifacts_dir / "csp-job-progress.png", full_page=True)

        lines_url = reverse("nominees:lines", kwargs={"pk": line.dossier_id})
        page = watch.visit(lines_url)
        questions = []
        page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
        page.click(f"#line-{line.pk} form[data-confirm] button")  # dismissed: nothing is removed
        expect(page.locator(f"#line-{line.pk}")).to_have_count(1)
        assert questions == ["Bỏ dòng này khỏi danh sách?"]
        assert page.url == live_server.url + lines_url
        assert _violations(watch) == {}
        watch.context.close()
    finally:
        unregister_test_kinds()


def test_public_admin_and_api_pages_raise_no_csp_violation(live_server, browser, world):
    watch = Watch(browser, live_server.url)
    watch.visit(reverse("portal:index"))
    watch.visit(reverse("portal:verify"))
    watch.visit(_url(world, "portal:decision", "published_decision"))
    page = watch.visit(_url(world, "postings:public_detail", "postings_notice"))
    if page.locator("#comment-form").count():  # open for comments: the honeypot field is off screen
        assert page.locator(".honeypot").bounding_box()["x"] < -1000
    page = watch.visit("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("TĐKT API")
    watch.visit(reverse("accounts:login"))

    watch.force_sign_in(get_user_model().objects.create_superuser("sieuquantri", password=PASSWORD))
    for path in ["/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/"]:
        page = watch.visit(path)
        expect(page.locator("#content")).to_be_visible()
    assert _violations(watch) == {}
    watch.context.close()
