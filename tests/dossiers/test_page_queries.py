"""The dossier's pages run a fixed number of queries whatever the number of lines (issue 15: the 300-line dossier
page ≤ 150 ms with fixed queries). The appraisal page used to load each line's proposed award one by one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.dossiers.support import add_line, award, in_appraisal
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


def test_the_award_of_a_line_is_changed_on_its_own_page(world):
    dossier, lines = in_appraisal(world)
    client = client_for(world, "specialist")
    url = reverse("dossiers:change_award", args=[lines[0].pk])
    page = client.get(url).content.decode()
    assert "Đổi hình thức khen thưởng của “Nguyễn Văn An”" in page
    # Individuals' awards the provincial chairman decides or proposes upward (NĐ152 Đ6.2.b), and no other.
    assert "Bằng khen của Chủ tịch" in page and "Tập thể lao động tiên tiến" not in page
    assert "Chiến sĩ thi đua cơ sở" not in page
    appraisal = client.get(reverse("dossiers:appraise", args=[dossier.pk])).content.decode()
    assert f'href="{url}"' in appraisal and 'name="award_type"' not in appraisal
    response = client.post(url, {"award_type": award("BK_TINH").pk, "reason": ""})
    assert "Trường này là bắt buộc." in response.content.decode()
    response = client.post(url, {"award_type": award("BK_TINH").pk, "reason": "Thành tích vượt trội."})
    assert response.status_code == 302 and response["Location"] == reverse("dossiers:appraise", args=[dossier.pk])
    lines[0].refresh_from_db()
    assert (lines[0].state, lines[0].award_type.code, lines[0].proposed_award_type.code, lines[0].decision_reason) == (
        "accepted", "BK_TINH", "LDTT", "Thành tích vượt trội.")
