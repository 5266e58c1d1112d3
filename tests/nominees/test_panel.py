"""The lines panel of the dossier page: verdicts with reasons, personal data by scope, constant queries."""

import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from tdkt.accounts.scope import get_scope
from tdkt.dossiers.eligibility import refresh_live_verdicts
from tdkt.dossiers.models import NominationQuota
from tdkt.dossiers.nominees.queries import lines_context
from tests.factories import make_award, make_rating
from tests.nominees.helpers import award, make_dossier, make_line, make_people

TODAY = datetime.date(2026, 1, 15)


def _queries(dossier, user) -> int:
    with CaptureQueriesContext(connection) as captured:
        context = lines_context(dossier, user)
        render_to_string("nominees/_lines.html", context)
    return len(captured)


@pytest.mark.parametrize("persona", ["clerk_a", "specialist", "council_member"])
def test_panel_queries_do_not_grow_with_lines(world, persona):
    user = world.users[persona]
    NominationQuota.objects.create(year=2025, award_type=award("LDTT"), unit=world.unit_a, max_count=100)
    small, large = make_dossier(world.unit_a), make_dossier(world.unit_a, title="Lớn")
    people = make_people(world.unit_a, 31)
    make_line(small, person=people[0])
    for person in people[1:]:
        make_line(large, person=person)
    make_line(large, unit=world.unit_a_child, code="TTLDTT")
    refresh_live_verdicts(large, today=TODAY)
    get_scope(user)  # computed once per request
    assert _queries(small, user) == _queries(large, user)


def test_ineligible_line_is_highlighted_with_its_reason(world):
    dossier = make_dossier(world.unit_a)
    make_rating(person=world.person_a, year=2025, level="HTTNV")
    make_award(person=world.person_a, code="LDTT", year=2025)
    make_line(dossier, person=world.person_a)
    refresh_live_verdicts(dossier, today=TODAY)
    context = lines_context(dossier, world.users["clerk_a"])
    assert context["lines_ineligible_count"] == 1
    row = context["line_rows"][0]
    assert row.blocking and [f["code"] for f in row.reasons] == ["already_awarded"]
    html = render_to_string("nominees/_lines.html", context)
    assert "<strong class=\"error\">Chưa đủ điều kiện</strong>" in html
    assert row.reasons[0]["message"] in html
    assert "1 trường hợp chưa đủ điều kiện: xem lý do bên dưới trước khi trình." in html


def test_personal_data_only_for_those_who_may_see_it(world):
    dossier = make_dossier(world.unit_a)
    make_line(dossier, person=world.person_a)
    clerk_html = render_to_string("nominees/_lines.html", lines_context(dossier, world.users["clerk_a"]))
    council_html = render_to_string("nominees/_lines.html", lines_context(dossier, world.users["council_member"]))
    assert "010090001234" in clerk_html and "04/03/1985" in clerk_html
    assert "010090001234" not in council_html and "04/03/1985" not in council_html


def test_edit_buttons_only_while_editable_and_for_writers(world):
    dossier = make_dossier(world.unit_a)
    line = make_line(dossier, person=world.person_a)
    edit = f"/dossiers/lines/{line.pk}/edit/"
    assert edit in render_to_string("nominees/_lines.html", lines_context(dossier, world.users["clerk_a"]))
    assert edit not in render_to_string("nominees/_lines.html", lines_context(dossier, world.users["council_member"]))
    dossier.state = "submitted"
    dossier.save()
    assert edit not in render_to_string("nominees/_lines.html", lines_context(dossier, world.users["clerk_a"]))


def test_returned_dossier_shows_the_fix_request(world):
    dossier = make_dossier(world.unit_a, state="returned")
    make_line(dossier, person=world.person_a, state="needs_fix", fix_request="Bổ sung báo cáo thành tích có xác nhận")
    html = render_to_string("nominees/_lines.html", lines_context(dossier, world.users["clerk_a"]))
    assert "Bổ sung báo cáo thành tích có xác nhận" in html
    assert "Cần bổ sung" in html


def test_dossier_page_renders_the_first_chunk_and_the_rest_comes_by_the_rows_url(world):
    """Issue 23: the dossier page renders LINES_CHUNK rows; the other rows come from nominees:line_rows (fetched
    by lines-more.js, or the whole list on the lines page without script): every line once, in order."""
    import re

    from django.urls import reverse

    from tdkt.dossiers.nominees.queries import LINES_CHUNK
    from tests.conftest import client_for

    dossier = make_dossier(world.unit_a)
    lines = [make_line(dossier, person=person, position=index + 1)
             for index, person in enumerate(make_people(world.unit_a, LINES_CHUNK + 3))]
    client = client_for(world, "clerk_a")
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    shown = [int(pk) for pk in re.findall(r'<tr id="line-(\d+)"', page)]
    assert shown == [line.pk for line in lines[:LINES_CHUNK]]
    rows_url = f"{reverse('nominees:line_rows', args=[dossier.pk])}?from={LINES_CHUNK}"
    assert f'data-url="{rows_url}"' in page
    assert f'<a href="{reverse("nominees:lines", args=[dossier.pk])}">Xem 3 dòng còn lại</a>' in page
    rest = client.get(rows_url).content.decode()
    assert [int(pk) for pk in re.findall(r'<tr id="line-(\d+)"', rest)] == [line.pk for line in lines[LINES_CHUNK:]]
    whole = client.get(reverse("nominees:lines", args=[dossier.pk])).content.decode()
    assert [int(pk) for pk in re.findall(r'<tr id="line-(\d+)"', whole)] == [line.pk for line in lines]
    assert client_for(world, "clerk_b").get(rows_url).status_code == 404


def test_the_access_log_names_the_persons_of_the_rows_shown_not_of_every_line(world):
    """The dossier page shows the birth dates of its first LINES_CHUNK rows: those persons are logged; the rows
    fetched after them are logged when they are fetched, each person once in all."""
    from django.urls import reverse

    from tdkt.audit.models import AuditAction, AuditEvent
    from tdkt.dossiers.nominees.queries import LINES_CHUNK
    from tests.conftest import client_for

    dossier = make_dossier(world.unit_a)
    people = make_people(world.unit_a, LINES_CHUNK + 3)
    for index, person in enumerate(people):
        make_line(dossier, person=person, position=index + 1)
    client = client_for(world, "clerk_a")

    def logged() -> list[int]:
        return sorted(int(pk) for pk in AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL)
                      .values_list("object_id", flat=True))

    client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert logged() == sorted(person.pk for person in people[:LINES_CHUNK])
    client.get(f"{reverse('nominees:line_rows', args=[dossier.pk])}?from={LINES_CHUNK}")
    assert logged() == sorted(person.pk for person in people)
