"""The history search page, its Excel, the printable histories: personas, fixed query counts, exact output."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.jobs.models import Job
from tdkt.orgs.models import Unit
from tests.conftest import client_for
from tests.factories import make_award, make_person


def _ids(response) -> list[int]:
    return [row.record.pk for row in response.context["page"]]


def test_page_lists_the_records_newest_first(register):
    response = client_for(register.world, "specialist").get(reverse("reports:history"))
    assert response.status_code == 200
    assert _ids(response) == [register.records[k].pk for k in ["r8", "r2", "r5", "r3", "r1", "r4", "r6", "r7"]]
    html = response.content.decode()
    assert "02/06/2025" in html and "2025-06-02" not in html


def test_clerk_sees_only_own_units_and_birth_dates_only_where_allowed(register):
    world = register.world
    html = client_for(world, "clerk_a").get(reverse("reports:history")).content.decode()
    assert "Nguyễn Văn An" in html and "04/03/1985" in html and "010090001234" in html
    assert "Giàng A Páo" not in html
    html = client_for(world, "council_member").get(reverse("reports:history"), {"name": "an nguyen van"}).content.decode()
    assert "Nguyễn Văn An" in html and "04/03/1985" not in html and "010090001234" not in html and "1985" in html


def test_invalid_filter_shows_the_message_and_no_results(register):
    response = client_for(register.world, "specialist").get(reverse("reports:history"),
                                                            {"date_from": "01/01/2025", "date_to": "01/01/2024"})
    assert response.context["page"] is None
    assert "Ngày kết thúc của kỳ báo cáo trước ngày bắt đầu." in response.content.decode()


@pytest.mark.parametrize("persona", ["specialist", "clerk_a"])
def test_query_count_does_not_grow_with_the_page(register, persona, settings):
    from tdkt.reports.search import queries

    world = register.world
    client = client_for(world, persona)
    counts = []
    for extra in (0, 40):
        for i in range(extra):
            make_award(person=make_person(f"Trần Văn Thêm {i}", unit=world.unit_a), year=2020)
        client.get(reverse("reports:history"))  # warm the session and content types
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("reports:history"), {"name": "van", "unit": str(world.unit_a.pk)})
        assert len(response.context["page"]) == min(queries.PAGE_SIZE, len(_ids(response)))
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert len(_ids(response)) > 40


def test_excel_holds_every_result_without_formulas(register):
    world = register.world
    world.person_a.full_name = "=HYPERLINK(\"x\")"  # a name a spreadsheet would run
    world.person_a.save()
    response = client_for(world, "clerk_a").get(reverse("reports:history_xlsx"), {"year": "2024"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert [row[1] for row in rows] == ["=HYPERLINK(\"x\")", "Đặng Thị Đào"]  # same day: by folded name
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)
    first = rows[0]
    assert first[0] == 1 and first[2:13] == [
        "cá nhân", "Sở Y tế", "04/03/1985", "010090001234", "Nam", "Kinh", "Lao động tiên tiến", "Cấp cơ sở",
        "Công trạng và thành tích", 2024, "15/QĐ-UBND"]
    assert first[13].strftime("%d/%m/%Y") == "10/12/2024"
    assert first[14:] == ["Ủy ban nhân dân tỉnh Lào Cai", "Cán bộ quản lý khác từ phó trưởng phòng trở lên", "Quyết định trong hệ thống"]
    assert rows[1][16 - 1] == "Chưa phân loại"  # the sub-unit's person has no group


def test_big_excel_goes_to_a_background_job(register, settings):
    settings.EXPORT_JOB_THRESHOLD = 2
    response = client_for(register.world, "specialist").get(reverse("reports:history_xlsx"), {"level": "province"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.kind == "reports.history_export" and job.params["query"] == {"level": ["province"]}


def test_person_print_page_shows_the_whole_history_with_the_print_stylesheet(register):
    world = register.world
    html = client_for(world, "clerk_a").get(reverse("reports:person_history_print", args=[world.person_a.pk])
                                            ).content.decode()
    assert "reports-print.css" in html and "Lao động tiên tiến" in html and "Bằng khen" in html
    assert "style=" not in html
    assert client_for(world, "clerk_b").get(reverse("reports:person_history_print", args=[world.person_a.pk])
                                            ).status_code == 404


def test_unit_print_page_includes_the_predecessors_awards(register):
    world = register.world
    response = client_for(world, "specialist").get(reverse("reports:unit_history_print", args=[world.unit_a.pk]))
    html = response.content.decode()
    assert "Đơn vị tiên tiến" in html and "Trung tâm Y tế dự phòng" in html
    assert [award.pk for row in response.context["timeline"].years for award in row.awards] == [
        register.records["r6"].pk]


def test_person_and_unit_pages_link_to_the_print(register):
    world = register.world
    client = client_for(world, "specialist")
    html = client.get(reverse("people:detail", args=[world.person_a.pk])).content.decode()
    assert reverse("reports:person_history_print", args=[world.person_a.pk]) in html
    assert "In quá trình khen thưởng" in html
    html = client.get(reverse("orgs:detail", args=[world.unit_a.pk])).content.decode()
    assert reverse("reports:unit_history_print", args=[world.unit_a.pk]) in html


def test_hub_links_to_the_search(world):
    html = client_for(world, "clerk_a").get(reverse("reports:index")).content.decode()
    assert reverse("reports:history") in html


def test_the_background_export_keeps_the_clerks_scope_and_criteria(register, settings,
                                                                   django_capture_on_commit_callbacks):
    from tdkt.jobs import services
    from tdkt.jobs.enums import JobState

    settings.EXPORT_JOB_THRESHOLD = 1
    with django_capture_on_commit_callbacks(execute=True):
        client_for(register.world, "clerk_a").get(reverse("reports:history_xlsx"), {"year": "2024"})
    job = Job.objects.get()
    if job.state != JobState.SUCCEEDED:
        job = services.run_job(job.pk)
    assert job.state == JobState.SUCCEEDED
    with job.result_file.open("rb") as handle:
        sheet = openpyxl.load_workbook(io.BytesIO(handle.read())).worksheets[0]
    assert [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)] == ["Đặng Thị Đào", "Nguyễn Văn An"]


def test_the_background_export_fails_when_the_requester_lost_access(register):
    from tdkt.accounts.models import Membership
    from tdkt.jobs import services
    from tdkt.jobs.enums import JobState
    from tdkt.jobs.exporting import scope_params

    user = register.world.users["clerk_a"]
    job = Job.objects.create(kind="reports.history_export", title="x", created_by=user,
                             params={"query": {"year": ["2024"]}, "scope": scope_params(user, personal=True)})
    Membership.objects.filter(user=user).update(unit=register.world.unit_b)
    job = services.run_job(job.pk)
    assert (job.state, job.error) == (JobState.FAILED, "Bạn không còn quyền xem danh sách này; tệp không được lập.")


@pytest.mark.parametrize("criteria", [{}, {"name": "van"}, {"issuer": "uy ban"}, {"group": ""}])
def test_one_page_costs_the_same_queries_whatever_its_size(register, criteria):
    from tdkt.accounts.scope import get_scope
    from tdkt.reports.search import queries

    scope = get_scope(register.world.users["specialist"])
    counts = {}
    for size in (1, 3, 50):
        with CaptureQueriesContext(connection) as captured:
            page = queries.search_page(scope, criteria, 1, per_page=size)
            [row.recipient_name + row.recipient_unit.name + row.birth for row in page]  # what the page reads
        counts[size] = len(captured)
    assert counts[1] == counts[3] == counts[50]


def test_the_form_keeps_the_chosen_values(register):
    from tdkt.awards.models import AwardType

    bk = AwardType.objects.get(code="BK_TINH")
    html = client_for(register.world, "specialist").get(reverse("reports:history"), {
        "award_type": str(bk.pk), "level": "province", "areas": ["remote"], "name": "an"}).content.decode()
    assert f'<option value="{bk.pk}" selected>' in html and '<option value="province" selected>' in html
    assert 'value="an"' in html


def test_the_unit_filter_does_not_grow_with_2000_units(register):
    """The unit filter is the unit picker: the page prints the chosen unit, not the province's units, and reads
    the same number of queries with 2,000 more; a name typed without JavaScript filters the same way."""
    world = register.world
    client = client_for(world, "specialist")
    client.get(reverse("reports:history"))

    def page(params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("reports:history"), params)
        return response.content.decode(), len(captured), _ids(response)

    html, queries, ids = page({"unit": str(world.unit_a.pk)})
    assert f'<option value="{world.unit_a.pk}" selected>Sở Y tế — Ủy ban nhân dân tỉnh Lào Cai</option>' in html
    Unit.objects.bulk_create([Unit(name=f"Phòng số {i}", code=f"P{i:05d}", kind="department", parent=world.unit_b)
                              for i in range(2000)])
    bigger, more_queries, same_ids = page({"unit": str(world.unit_a.pk)})
    assert (len(bigger), more_queries, same_ids) == (len(html), queries, ids)
    assert page({"unit_q": "Sở Y tế"})[2] == ids
