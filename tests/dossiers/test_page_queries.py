"""The dossier's pages run a fixed number of queries whatever the number of lines (issue 15: the 300-line dossier
page ≤ 150 ms with fixed queries). The appraisal page used to load each line's proposed award one by one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.dossiers.support import add_line, in_appraisal
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    client.get(url)  # warm-up: the calendar cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(("persona", "url_name"), [
    ("specialist", "dossiers:appraise"),
    ("specialist", "dossiers:detail"),
    ("clerk_a", "dossiers:detail"),
    ("clerk_a", "nominees:lines"),
])
def test_dossier_pages_do_not_query_per_line(world, persona, url_name):
    dossier, _lines = in_appraisal(world)
    client = client_for(world, persona)
    url = reverse(url_name, args=[dossier.pk])
    few = _count(client, url)
    for index in range(8):  # each with its own proposed award, as a unit's real list has
        add_line(dossier, person=make_person(f"Trần Thị Dòng {index}", unit=world.unit_a),
                 code=("LDTT", "CSTD_CS", "GK")[index % 3], position=index + 2)
    assert _count(client, url) == few
