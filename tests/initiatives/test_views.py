"""The register's pages per persona: a unit clerk registers for its own unit, another unit's work is 404,
the list and its search run a fixed number of queries, the export holds the rows."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.awards import services as award_services
from tdkt.initiatives.models import Work
from tdkt.orgs.models import Unit
from tests.conftest import client_for
from tests.factories import make_award
from tests.initiatives.support import recognised, registered


def _post_new(world, persona, unit, shares):
    data = {"kind": "initiative", "title": "Ứng dụng phần mềm quản lý văn bản", "unit": unit.pk, "field": "Hành chính",
            "applied_on": "15/03/2025", "summary": "", "authors-TOTAL_FORMS": "4", "authors-INITIAL_FORMS": "0",
            "authors-MIN_NUM_FORMS": "0", "authors-MAX_NUM_FORMS": "20"}
    people = [world.person_a, world.person_a_child]
    for i, share in enumerate(shares):
        data[f"authors-{i}-person"] = people[i].pk
        data[f"authors-{i}-share"] = share
    return client_for(world, persona).post(reverse("initiatives:new"), data)


def test_clerk_registers_for_own_unit_from_the_form(world):
    response = _post_new(world, "clerk_a", world.unit_a, [70, 30])
    work = Work.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:detail", kwargs={"pk": work.pk})
    assert (work.unit_id, work.applied_on.isoformat()) == (world.unit_a.pk, "2025-03-15")
    assert [(a.person_id, a.share) for a in work.authors.all()] == [(world.person_a.pk, 70), (world.person_a_child.pk, 30)]


def test_the_form_says_the_shares_do_not_add_up(world):
    response = _post_new(world, "clerk_a", world.unit_a, [70, 20])
    assert response.status_code == 200
    assert "Tỷ lệ đóng góp của các tác giả cộng lại là 90%; phải bằng 100%." in response.content.decode()
    assert Work.objects.count() == 0


def test_clerk_cannot_pick_another_unit(world):
    response = _post_new(world, "clerk_b", world.unit_a, [100])
    assert response.status_code == 200
    assert Work.objects.count() == 0


def test_another_unit_sees_nothing_of_unit_a_in_the_list(world):
    registered(world)
    assert client_for(world, "clerk_b").get(reverse("initiatives:list")).context["page"].items == []
    assert [w.title for w in client_for(world, "clerk_a").get(reverse("initiatives:list")).context["page"]] == [
        "Số hóa hồ sơ bệnh án điện tử"]


def test_search_finds_an_author_without_diacritics_and_filters_by_scope_and_year(world):
    recognised(world)
    registered(world, title="Quy trình tiếp nhận bệnh nhân", authors=[(world.person_a_child, 100)])
    client = client_for(world, "specialist")

    def titles(**params):
        return [w.title for w in client.get(reverse("initiatives:list"), params).context["page"]]

    assert titles(q="nguyen van an") == ["Số hóa hồ sơ bệnh án điện tử"]
    assert titles(q="dao") == ["Quy trình tiếp nhận bệnh nhân", "Số hóa hồ sơ bệnh án điện tử"]
    assert titles(scope="TINH", year=2025) == ["Số hóa hồ sơ bệnh án điện tử"]
    assert titles(state="registered") == ["Quy trình tiếp nhận bệnh nhân"]
    assert titles(unit=world.unit_b.pk) == []


# Session, user, memberships, unit graph (scope), the page's works, their authors' shares, the authors' names…:
# the same number whatever the number of rows. The unit filter is a picker: no list of units is read.
EXPECTED_QUERIES = 8


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_runs_a_fixed_number_of_queries(world, count):
    for i in range(count):
        registered(world, title=f"Sáng kiến {i}")
    client = client_for(world, "clerk_a")
    client.get(reverse("initiatives:list"))  # warm the session and the scope
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("initiatives:list"), {"q": "sang kien"})
    assert len(response.context["page"].items) == count
    assert len(queries) == EXPECTED_QUERIES
    row = response.context["page"].items[-1]
    assert (row.title, row.kind, row.authors, row.unit, row.state, row.scope, row.year) == (
        "Sáng kiến 0", "Sáng kiến", "Nguyễn Văn An (60%); Đặng Thị Đào (40%)", "Sở Y tế", "Đăng ký", "", None)


def test_detail_shows_which_award_used_the_initiative(world):
    work = recognised(world)
    award = make_award(person=world.person_a, code="CSTD_TINH", year=2025, decision_number="88/QĐ-UBND")
    award_services.use_initiative_for_award(work.record, award, by=world.users["specialist"])
    page = client_for(world, "clerk_a").get(reverse("initiatives:detail", kwargs={"pk": work.pk})).content.decode()
    assert "Chiến sĩ thi đua cấp tỉnh 2025 — 88/QĐ-UBND" in page or "2025 — 88/QĐ-UBND" in page


def test_export_lists_the_works_with_authors_and_shares(world):
    recognised(world)
    response = client_for(world, "specialist").get(reverse("initiatives:export"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["TT", "Tên", "Loại", "Tác giả (tỷ lệ đóng góp)"]
    assert rows[1][1:4] == ["Số hóa hồ sơ bệnh án điện tử", "Sáng kiến", "Nguyễn Văn An (60%); Đặng Thị Đào (40%)"]
    assert rows[1][8:11] == ["Cấp tỉnh", 2025, "125/QĐ-UBND 10/06/2025"]


def test_the_unit_filter_does_not_grow_with_2000_units(world):
    """The filter's unit picker prints the chosen unit only, read in one query, whatever the province's size."""
    registered(world, title="Sáng kiến 0")
    client = client_for(world, "clerk_a")
    client.get(reverse("initiatives:list"))

    def page():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("initiatives:list"), {"unit": world.unit_a.pk}).content.decode()
        return html, len(queries)

    html, queries = page()
    assert f'<option value="{world.unit_a.pk}" selected>Sở Y tế — Ủy ban nhân dân tỉnh Lào Cai</option>' in html
    Unit.objects.bulk_create([Unit(name=f"Phòng số {i}", code=f"P{i:05d}", kind="department", parent=world.unit_a)
                              for i in range(2000)])
    bigger, more_queries = page()
    assert (len(bigger), more_queries) == (len(html), queries)
