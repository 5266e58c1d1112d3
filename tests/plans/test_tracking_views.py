"""The board by quarter, task pages, progress reports with evidence, status changes, calendar: each unit
sees the tasks it leads or coordinates, another unit's task is 404; fixed query counts on the board."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.plans.enums import TaskState
from tdkt.plans.models import PlanTask, TaskStateChange, TaskUpdate
from tests.plans.support import PDF_BYTES, make_plan, make_task, make_update, png_bytes, upload
from tests.plans.tracking import tracked_plan


@pytest.fixture
def tracked(world):
    return tracked_plan(world)


def board_cards(response) -> dict[str, list[int]]:
    html = response.content.decode()
    columns = {}
    for code, body in re.findall(r'<section class="board-col" data-column="(\w+)">(.*?)</section>', html, re.S):
        columns[code] = [int(pk) for pk in re.findall(r'data-task="(\d+)"', body)]
    return columns


def test_specialist_sees_every_task_in_its_quarter_column(tracked, as_persona):
    response = as_persona("specialist").get(reverse("plans:board", kwargs={"pk": tracked.plan.pk}))
    assert response.status_code == 200
    assert board_cards(response) == {"Q1": [tracked.done.pk, tracked.overdue.pk], "Q2": [tracked.training.pk],
                                     "Q3": [tracked.july_report.pk], "Q4": [], "ALL": [tracked.monthly.pk]}
    html = response.content.decode()
    assert f'class="task-card not_started overdue" href="/plans/tasks/{tracked.overdue.pk}/"' in html
    assert f'class="task-card done" href="/plans/tasks/{tracked.done.pk}/"' in html
    assert '<p id="board-total">Hoàn thành 1/5 nhiệm vụ, quá hạn 1.</p>' in html
    assert re.findall(r'<td data-column="(\w+)">(\d+/\d+)', html) == [
        ("Q1", "1/2"), ("Q2", "0/1"), ("Q3", "0/1"), ("Q4", "0/0"), ("ALL", "0/1")]
    leads = [(row.name, row.done, row.total, row.overdue) for row in response.context["board"].leads]
    assert leads == [("Sở Y tế", 1, 2, 1), ("Hội đồng TĐKT tỉnh", 0, 1, 0), ("Sở Giáo dục và Đào tạo", 0, 1, 0),
                     ("Sở Nội vụ", 0, 1, 0)]


def test_each_unit_sees_only_the_tasks_it_leads_or_coordinates(tracked, as_persona):
    url = reverse("plans:board", kwargs={"pk": tracked.plan.pk})
    assert board_cards(as_persona("clerk_a").get(url)) == {
        "Q1": [tracked.done.pk, tracked.overdue.pk], "Q2": [], "Q3": [], "Q4": [], "ALL": [tracked.monthly.pk]}
    assert board_cards(as_persona("clerk_b").get(url)) == {
        "Q1": [], "Q2": [tracked.training.pk], "Q3": [tracked.july_report.pk], "Q4": [], "ALL": []}
    clerk_b = as_persona("clerk_b")
    for name in ("plans:task", "plans:task_update", "plans:task_status"):
        assert clerk_b.get(reverse(name, kwargs={"pk": tracked.done.pk})).status_code == 404


def test_board_filters_and_single_column(tracked, as_persona):
    client = as_persona("specialist")
    url = reverse("plans:board", kwargs={"pk": tracked.plan.pk})
    assert board_cards(client.get(url, {"status": "overdue"}))["Q1"] == [tracked.overdue.pk]
    assert board_cards(client.get(url, {"lead": tracked.training.units.get().unit_id})) == {
        "Q1": [], "Q2": [tracked.training.pk], "Q3": [], "Q4": [], "ALL": []}
    assert board_cards(client.get(url, {"column": "Q1"})) == {"Q1": [tracked.done.pk, tracked.overdue.pk]}


def _board_queries(client, plan) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("plans:board", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    return len(captured)


# Session, user, plan, memberships (+ unit graph for a unit clerk), counts per period, five columns, the
# cards' units, progress per lead unit, the lead-unit filter.
@pytest.mark.parametrize(("persona", "expected"), [("specialist", 13), ("clerk_a", 15)])
def test_board_query_count_does_not_grow_with_tasks(world, as_persona, persona, expected):
    client = as_persona(persona)
    plan = make_plan()
    make_task(plan, lead=[world.unit_a])
    client.get(reverse("plans:board", kwargs={"pk": plan.pk}))  # its first page marks the session active (a write)
    one = _board_queries(client, plan)
    for period in ("Q1", "Q2", "Q3", "Q4", "YEAR", "M05"):
        make_task(plan, f"Nhiệm vụ {period}", period=period, lead=[world.unit_a, "Cụm trưởng"],
                  coordinating=[world.home_affairs, world.unit_b])
    many = _board_queries(client, plan)
    assert one == many == expected


def test_board_caps_each_column_and_links_to_the_rest(world, as_persona):
    """The whole board shows BOARD_COLUMN_LIMIT cards a column, then "N more tasks…" opening the column alone."""
    from tdkt.plans.queries import BOARD_COLUMN_LIMIT

    client = as_persona("specialist")
    plan = make_plan()
    tasks = [make_task(plan, f"Nhiệm vụ {n}", number=str(n), lead=[world.unit_a]) for n in range(BOARD_COLUMN_LIMIT + 3)]
    url = reverse("plans:board", kwargs={"pk": plan.pk})
    response = client.get(url)
    assert board_cards(response)["Q1"] == [task.pk for task in tasks[:BOARD_COLUMN_LIMIT]]
    assert '<a href="?column=Q1">Còn 3 nhiệm vụ…</a>' in response.content.decode()
    assert board_cards(client.get(url, {"column": "Q1"}))["Q1"] == [task.pk for task in tasks]


def test_plan_list_query_count_is_fixed(world, as_persona):
    client = as_persona("specialist")
    make_plan()
    client.get(reverse("plans:list"))  # its first page marks the session active (a write)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("plans:list"))
    make_plan(title="Kế hoạch 2"), make_plan(title="Kế hoạch 3")
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("plans:list"))
    assert len(one) == len(three)
    assert len(response.context["plans"]) == 3


def test_task_page_shows_units_status_and_flags(tracked, as_persona):
    response = as_persona("specialist").get(reverse("plans:task", kwargs={"pk": tracked.monthly.pk}))
    html = response.content.decode()
    link = tracked.monthly.units.get(unit__isnull=True)
    assert ('<dd id="task-leads"><span class="unit-chip">Hội đồng TĐKT tỉnh <span class="flag">(Không có trong danh '
            f'mục)</span> <a href="/plans/task-units/{link.pk}/resolve/">chọn đơn vị</a></span></dd>') in html
    overdue = as_persona("clerk_a").get(reverse("plans:task", kwargs={"pk": tracked.overdue.pk})).content.decode()
    assert '<dd id="task-status"><span class="status overdue">Quá hạn</span> (Chưa thực hiện)</dd>' in overdue


def test_clerk_posts_a_progress_report_with_evidence(tracked, world, as_persona):
    client = as_persona("clerk_a")
    response = client.post(reverse("plans:task_update", kwargs={"pk": tracked.overdue.pk}), {
        "unit": world.unit_a.pk, "percent": "60", "note": "Đã kiểm tra 3/5 bệnh viện.",
        "evidence": upload("bien-ban.pdf", PDF_BYTES)})
    assert response.status_code == 302
    update = TaskUpdate.objects.get()
    assert (update.unit, update.by, update.percent, update.evidence_name) == (
        world.unit_a, world.users["clerk_a"], 60, "bien-ban.pdf")
    tracked.overdue.refresh_from_db()
    assert (tracked.overdue.state, tracked.overdue.progress) == (TaskState.IN_PROGRESS, 60)
    evidence_url = reverse("plans:evidence", kwargs={"pk": update.pk})
    download = client.get(evidence_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert as_persona("clerk_b").get(evidence_url).status_code == 404
    assert as_persona("council_member").get(evidence_url).status_code == 200


def test_bad_evidence_is_refused_with_the_field_named(tracked, world, as_persona):
    response = as_persona("clerk_a").post(reverse("plans:task_update", kwargs={"pk": tracked.overdue.pk}), {
        "unit": world.unit_a.pk, "percent": "60", "note": "x", "evidence": upload("x.zip", b"PK\x03\x04" + b"0" * 50)})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "evidence": ["Tài liệu minh chứng: không chấp nhận loại tệp này. Chỉ chấp nhận: tệp Word (DOCX), ảnh (JPEG, PNG), tệp PDF, tệp Excel (XLSX)."]}
    assert not TaskUpdate.objects.exists()


def test_coordinating_unit_reports_but_cannot_change_status(tracked, world, as_persona):
    client = as_persona("clerk_a")
    assert client.get(reverse("plans:task_update", kwargs={"pk": tracked.monthly.pk})).status_code == 200
    assert client.get(reverse("plans:task_status", kwargs={"pk": tracked.monthly.pk})).status_code == 403
    response = client.post(reverse("plans:task_update", kwargs={"pk": tracked.monthly.pk}), {
        "unit": world.unit_a.pk, "percent": "10", "note": "Gửi 2 tin bài.", "evidence": upload("a.png", png_bytes())})
    assert response.status_code == 302


def test_lead_unit_marks_the_task_done(tracked, world, as_persona):
    response = as_persona("clerk_a").post(reverse("plans:task_status", kwargs={"pk": tracked.overdue.pk}), {
        "state": "done", "completed_on": "25/02/2026", "reason": ""})
    assert response.status_code == 302
    tracked.overdue.refresh_from_db()
    assert (tracked.overdue.state, str(tracked.overdue.completed_on)) == ("done", "2026-02-25")
    assert TaskStateChange.objects.get().by == world.users["clerk_a"]


def test_cancel_without_reason_is_refused(tracked, as_persona):
    response = as_persona("specialist").post(reverse("plans:task_status", kwargs={"pk": tracked.training.pk}), {
        "state": "cancelled", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Hãy ghi lý do dừng thực hiện nhiệm vụ."]}
    assert PlanTask.objects.get(pk=tracked.training.pk).state == TaskState.IN_PROGRESS


def test_specialist_resolves_a_flagged_unit(tracked, world, as_persona):
    link = tracked.monthly.units.get(unit__isnull=True)
    response = as_persona("specialist").post(reverse("plans:task_unit_resolve", kwargs={"pk": link.pk}),
                                             {"unit": world.home_affairs.pk})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.unit == world.home_affairs


def test_kind_details_are_edited_per_kind(tracked, world, as_persona):
    client = as_persona("specialist")
    url = reverse("plans:task_kind", kwargs={"pk": tracked.training.pk})
    assert list(client.get(url, {"kind": "training"}).context["form"].fields) == [
        "kind", "data_date", "data_audience", "data_participants", "data_materials"]
    response = client.post(url, {"kind": "training", "data_date": "15/05/2026", "data_audience": "Cán bộ TĐKT",
                                 "data_participants": "120", "data_materials": ""})
    assert response.status_code == 302
    tracked.training.refresh_from_db()
    assert (tracked.training.kind, tracked.training.kind_data) == (
        "training", {"date": "2026-05-15", "audience": "Cán bộ TĐKT", "participants": 120})
    page = client.get(reverse("plans:task", kwargs={"pk": tracked.training.pk})).content.decode()
    assert "<dt>Ngày tổ chức lớp</dt><dd>15/05/2026</dd>" in page


def test_calendar_puts_tasks_on_their_due_dates(tracked, as_persona):
    response = as_persona("specialist").get(reverse("plans:calendar", kwargs={"pk": tracked.plan.pk}),
                                            {"month": "2026-02"})
    html = response.content.decode()
    assert '<b id="calendar-month">02/2026</b>' in html
    day = re.search(r'<td class="" data-date="2026-02-28">(.*?)</td>', html, re.S).group(1)
    assert f'href="/plans/tasks/{tracked.overdue.pk}/" class="overdue"' in day
    march = as_persona("clerk_b").get(reverse("plans:calendar", kwargs={"pk": tracked.plan.pk}), {"month": "2026-03"})
    assert f"/plans/tasks/{tracked.done.pk}/" not in march.content.decode()


def test_evidence_of_a_report_without_file_is_404(tracked, world, as_persona):
    update = make_update(tracked.done, by=world.users["clerk_a"], unit=world.unit_a)
    assert as_persona("clerk_a").get(reverse("plans:evidence", kwargs={"pk": update.pk})).status_code == 404
