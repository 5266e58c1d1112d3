"""Big exports run as background jobs (tdkt.jobs.exporting, issue 12): above EXPORT_JOB_THRESHOLD rows the
view starts a job and sends the user to its page; the job (inline here) writes the file, audited like the
inline export; the file is served only to its owner, and only while they still have the view's access.
At or below the threshold the file is streamed by the request itself."""

import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.audit.models import AuditEvent
from tdkt.jobs import services
from tdkt.jobs.enums import JobState
from tdkt.jobs.exporting import is_big
from tdkt.jobs.models import Job
from tests.conftest import client_for
from tests.nominees.helpers import make_dossier, make_line
from tests.plans.tracking import tracked_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def small_threshold(settings):
    settings.EXPORT_JOB_THRESHOLD = 0


def start(client, capture, url, data=None):
    """GET an export URL; the job it starts runs inline when the request's transaction commits."""
    with capture(execute=True):
        response = client.get(url, data or {})
    assert response.status_code == 302, response.status_code
    job = Job.objects.latest("pk")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.error
    return job


def download(client, job):
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def sheet_rows(data: bytes):
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert not [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    return list(sheet.iter_rows(values_only=True))


def numbered(rows, column=0):
    """Data rows of a list: those numbered in the first column (section and award rows are not)."""
    return [row for row in rows if isinstance(row[column], int)]


def move_to(user, unit, role=Role.UNIT_CLERK):
    """The user's memberships replaced by one `role` in `unit`: what they could see before is gone."""
    Membership.objects.filter(user=user).delete()
    Membership.objects.create(user=user, role=role, unit=unit)


def test_the_threshold_counts_rows_above_it(settings):
    settings.EXPORT_JOB_THRESHOLD = 2000
    assert (is_big(2000), is_big(2001)) == (False, True)


# --- the consolidated nominee list ------------------------------------------------------------------------


@pytest.fixture
def selection(world):
    first = make_dossier(world.unit_a, state="ready_for_council")
    second = make_dossier(world.unit_b, state="ready_for_council")
    make_line(first, person=world.person_a, position=1)
    make_line(first, person=world.person_a_child, position=2, position_and_unit="=HYPERLINK(\"http://x\")")
    make_line(second, person=world.person_b, position=1)
    make_line(make_dossier(world.unit_b, state="draft"), person=world.person_b)  # not in the selection
    return {"states": ["ready_for_council"], "format": "xlsx"}


def test_a_small_selection_is_streamed(world, selection):
    response = client_for(world, "specialist").get(reverse("nominees:export_selection"), selection)
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    assert len(numbered(sheet_rows(b"".join(response.streaming_content)))) == 3
    assert not Job.objects.exists()
    assert AuditEvent.objects.get(action="export").changes["lines"] == 3


def test_a_big_selection_becomes_a_job_with_its_file(world, selection, small_threshold,
                                                     django_capture_on_commit_callbacks):
    client = client_for(world, "specialist")
    job = start(client, django_capture_on_commit_callbacks, reverse("nominees:export_selection"), selection)
    assert (job.kind, job.created_by, job.params) == ("dossiers.export_selection", world.users["specialist"],
                                                      {"states": ["ready_for_council"], "year": None, "format": "xlsx"})
    assert (job.progress_done, job.progress_total, job.result_name) == (3, 3, "danh-sach-tong-hop.xlsx")
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Danh sách lớn (3 dòng): hệ thống đang lập tệp trong nền." in page
    rows = numbered(sheet_rows(download(client, job)))
    assert sorted(row[1] for row in rows) == ["Giàng A Páo", "Nguyễn Văn An", "Đặng Thị Đào"]
    assert '=HYPERLINK("http://x")' in {row[2] for row in rows}  # text, not a formula
    event = AuditEvent.objects.get(action="export")
    assert (event.actor_name, event.object_type, event.changes) == (
        "chuyenvien", "dossiers.nomination",
        {"states": ["ready_for_council"], "year": None, "format": "xlsx", "lines": 3})


def test_a_big_selection_in_word(world, selection, small_threshold, django_capture_on_commit_callbacks):
    client = client_for(world, "specialist")
    job = start(client, django_capture_on_commit_callbacks, reverse("nominees:export_selection"),
                {**selection, "format": "docx"})
    document = docx.Document(io.BytesIO(download(client, job)))
    names = {row.cells[1].text for row in document.tables[-1].rows}
    assert {"Nguyễn Văn An", "Đặng Thị Đào", "Giàng A Páo"} <= names


def test_a_specialist_who_lost_the_role_gets_no_file(world, selection, small_threshold,
                                                     django_capture_on_commit_callbacks):
    client = client_for(world, "specialist")
    job = start(client, django_capture_on_commit_callbacks, reverse("nominees:export_selection"), selection)
    move_to(world.users["specialist"], world.unit_a)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["admin", "clerk_a"])
def test_another_users_export_job_is_a_404(world, selection, small_threshold, django_capture_on_commit_callbacks,
                                           persona):
    job = start(client_for(world, "specialist"), django_capture_on_commit_callbacks,
                reverse("nominees:export_selection"), selection)
    other = client_for(world, persona)
    assert other.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert other.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_job_whose_requester_lost_access_before_it_ran_makes_no_file(world, selection):
    user = world.users["specialist"]
    job = Job.objects.create(kind="dossiers.export_selection", title="x", created_by=user,
                             params={"states": ["ready_for_council"], "year": None, "format": "xlsx"})
    move_to(user, world.unit_a)
    job = services.run_job(job.pk)
    assert (job.state, job.error, job.result_file.name) == (
        JobState.FAILED, "Bạn không còn quyền xem danh sách này; tệp không được lập.", "")
    assert not AuditEvent.objects.filter(action="export").exists()


# --- a dossier's own list ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_big_dossier_list_becomes_a_job_and_follows_the_dossier_access(world, small_threshold,
                                                                         django_capture_on_commit_callbacks, fmt):
    dossier = make_dossier(world.unit_a)
    make_line(dossier, person=world.person_a, position=1)
    make_line(dossier, person=world.person_a_child, position=2)
    client = client_for(world, "clerk_a")
    job = start(client, django_capture_on_commit_callbacks, reverse(f"nominees:export_{fmt}", args=[dossier.pk]))
    assert (job.params, job.result_name) == ({"dossier": dossier.pk, "format": fmt}, f"danh-sach-{dossier.pk}.{fmt}")
    data = download(client, job)
    if fmt == "xlsx":
        assert [row[1] for row in numbered(sheet_rows(data))] == ["Nguyễn Văn An", "Đặng Thị Đào"]
    else:
        assert "Đặng Thị Đào" in {row.cells[1].text for row in docx.Document(io.BytesIO(data)).tables[-1].rows}
    event = AuditEvent.objects.get(action="export")
    assert (event.actor_name, event.object_id, event.changes) == ("vanthu.a", str(dossier.pk), {"list": fmt})
    assert client_for(world, "clerk_b").get(reverse("jobs:download", args=[job.pk])).status_code == 404
    move_to(world.users["clerk_a"], world.unit_b)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_small_dossier_list_is_streamed(world):
    dossier = make_dossier(world.unit_a)
    make_line(dossier, person=world.person_a, position=1)
    response = client_for(world, "clerk_a").get(reverse("nominees:export_xlsx", args=[dossier.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    assert not Job.objects.exists()


# --- plan tasks -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_big_task_list_becomes_a_job_scoped_to_the_clerk(world, small_threshold, django_capture_on_commit_callbacks,
                                                           fmt):
    tracked = tracked_plan(world)
    client = client_for(world, "clerk_b")
    job = start(client, django_capture_on_commit_callbacks, reverse(f"plans:export_{fmt}", args=[tracked.plan.pk]))
    assert job.params["scope"]["all"] is False and world.unit_b.pk in job.params["scope"]["units"]
    assert job.result_name == f"ke-hoach-{tracked.plan.pk}-nhiem-vu.{fmt}"
    data = download(client, job)
    if fmt == "xlsx":
        contents = [row[1] for row in sheet_rows(data)[4:]]
    else:
        contents = [row.cells[1].text for row in docx.Document(io.BytesIO(data)).tables[-1].rows]
    assert "Tập huấn nghiệp vụ thi đua cho trường học" in contents
    assert "Báo cáo sơ kết 6 tháng" in contents
    assert "Kiểm tra công tác thi đua tại các bệnh viện" not in contents  # unit A's task
    move_to(world.users["clerk_b"], world.unit_a)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_small_task_list_is_streamed(world):
    tracked = tracked_plan(world)
    response = client_for(world, "clerk_b").get(reverse("plans:export_xlsx", args=[tracked.plan.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    assert not Job.objects.exists()


# --- people -----------------------------------------------------------------------------------------------


def test_a_big_people_export_stays_in_the_clerks_units_and_is_audited(world, small_threshold,
                                                                       django_capture_on_commit_callbacks):
    from tests.factories import make_person

    make_person("Lò Văn Khánh", unit=world.unit_b, national_id="011090005678")
    client = client_for(world, "clerk_b")
    job = start(client, django_capture_on_commit_callbacks, reverse("people:export"))
    assert job.params["query"] == "" and job.params["scope"]["units"]
    rows = sheet_rows(download(client, job))
    assert [row[1] for row in rows[1:]] == ["Giàng A Páo", "Lò Văn Khánh"]
    assert rows[2][8] == "011090005678"  # the clerk's own unit: full personal data
    event = AuditEvent.objects.get(action="export")
    assert (event.actor_name, event.changes) == ("vanthu.b", {"query": "", "rows": 2})
    move_to(world.users["clerk_b"], world.unit_a)
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_big_people_export_masks_what_the_reader_may_not_see(world, small_threshold,
                                                               django_capture_on_commit_callbacks):
    client = client_for(world, "council_member")
    job = start(client, django_capture_on_commit_callbacks, reverse("people:export"), {"q": "nguyen"})
    rows = sheet_rows(download(client, job))
    assert [(row[1], row[3], row[8]) for row in rows[1:]] == [("Nguyễn Văn An", "1985", "•••••••••234")]
