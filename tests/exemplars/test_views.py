"""The exemplar's pages per persona: the clerk's form with a photo, another unit's exemplar a 404, the leader's
and the specialist's confirm pages, the script of a story shown as text, the home's agenda, fixed queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tdkt.accounts.scope import get_scope
from tdkt.awards.models import AwardRecord
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import LineAwardRecord
from tdkt.exemplars import services
from tdkt.exemplars.models import Exemplar
from tdkt.exemplars.transitions import EXEMPLAR_MACHINE
from tdkt.lib.portal_sections import SECTIONS
from tdkt.workflow.agenda import agenda, machine_agenda
from tests.certificates.support import issued_decision
from tests.conftest import client_for
from tests.exemplars.support import draft, jpeg_bytes, leader_of, photo, proposed, published
from tests.factories import make_award

SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def leader(world):
    return leader_of(world)


def _form(**extra):
    return {"kind": "person", "headline": "Người tốt việc tốt", "story": "Đoạn một.\n\nĐoạn hai.", "year": "2025",
            "quarter": "2", **extra}


def test_the_clerk_proposes_with_a_photo_and_lands_on_the_draft(world):
    response = client_for(world, "clerk_a").post(reverse("exemplars:new"), _form(
        person=world.person_a.pk, unit=world.unit_a.pk, photo=photo()))
    exemplar = Exemplar.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/exemplars/{exemplar.pk}/"
    assert (exemplar.unit, exemplar.person, exemplar.state, exemplar.quarter, exemplar.photo_type) == (
        world.unit_a, world.person_a, "draft", 2, "image/jpeg")


def test_a_file_that_is_not_a_photo_is_refused_on_the_form_naming_the_field(world):
    response = client_for(world, "clerk_a").post(reverse("exemplars:new"), _form(
        person=world.person_a.pk, unit=world.unit_a.pk, photo=photo("anh.jpg", b"MZ\x90\x00 an executable")))
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "Ảnh: tệp không phải là ảnh. Chỉ nhận ảnh JPEG hoặc PNG."]
    assert Exemplar.objects.count() == 0


def test_a_clerk_of_unit_b_gets_404_on_unit_as_exemplar_and_changes_nothing(world):
    exemplar = draft(world)
    client = client_for(world, "clerk_b")
    assert client.get(reverse("exemplars:edit", args=[exemplar.pk])).status_code == 404
    assert client.post(reverse("exemplars:edit", args=[exemplar.pk]), _form(headline="Sửa trộm")).status_code == 404
    assert client.get(reverse("workflow:act", args=["exemplar", exemplar.pk, "submit"])).status_code == 404
    assert Exemplar.objects.get(pk=exemplar.pk).headline == "Người tốt hiến đất làm đường"


def test_the_clerk_edits_a_draft_and_chooses_the_awards(world):
    kept = make_award(person=world.person_a, year=2023)
    make_award(person=world.person_a, code="CSTD_CS", year=2024)  # linked at creation, unticked here
    exemplar = draft(world)
    response = client_for(world, "clerk_a").post(reverse("exemplars:edit", args=[exemplar.pk]), _form(
        headline="Tiêu đề đã sửa", awards=[kept.pk], photo=photo("moi.png", _png())))
    assert response.status_code == 302
    exemplar.refresh_from_db()
    assert (exemplar.headline, list(exemplar.awards.all()), exemplar.photo_type) == (
        "Tiêu đề đã sửa", [kept], "image/png")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 0)).save(out, "PNG")
    return out.getvalue()


def test_a_proposed_exemplar_cannot_be_edited_any_more(world, leader):
    exemplar = proposed(world, leader)
    response = client_for(world, "clerk_a").get(reverse("exemplars:edit", args=[exemplar.pk]))
    assert response.status_code == 302 and response["Location"] == f"/exemplars/{exemplar.pk}/"


def test_the_leader_confirms_on_the_confirm_page_that_warns_it_cannot_be_undone(world, leader):
    exemplar = services.submit_exemplar(draft(world), by=world.users["clerk_a"])
    client = client_for(world, "clerk_a")
    client.force_login(leader)
    url = reverse("workflow:act", args=["exemplar", exemplar.pk, "confirm"])
    page = client.get(url).content.decode()
    assert "Đơn vị chính thức đề xuất điển hình với cơ quan thường trực" in page
    assert client.post(url).status_code == 302
    assert Exemplar.objects.get(pk=exemplar.pk).state == "proposed"


def test_the_clerk_gets_403_on_the_leaders_confirm_page(world):
    exemplar = services.submit_exemplar(draft(world), by=world.users["clerk_a"])
    url = reverse("workflow:act", args=["exemplar", exemplar.pk, "confirm"])
    assert client_for(world, "clerk_a").post(url).status_code == 403
    assert Exemplar.objects.get(pk=exemplar.pk).state == "submitted"


def test_the_specialist_publishes_and_the_portal_shows_it(world, leader):
    exemplar = proposed(world, leader)
    url = reverse("workflow:act", args=["exemplar", exemplar.pk, "publish"])
    assert "Điển hình, ảnh và câu chuyện sẽ hiện trên cổng thông tin" in client_for(world, "specialist").get(url).content.decode()
    assert client_for(world, "specialist").post(url).status_code == 302
    public = client_for(world, "anonymous")
    assert public.get(reverse("exemplars:public_detail", args=[exemplar.pk])).status_code == 200
    photo_response = public.get(reverse("exemplars:public_photo", args=[exemplar.pk]))
    assert (photo_response.status_code, photo_response["Content-Type"]) == (200, "image/jpeg")
    assert b"Camera X-100" not in b"".join(photo_response.streaming_content)


def test_a_script_in_the_story_is_shown_as_text_never_run(world, leader):
    exemplar = published(world, leader, story=f"Trước {SCRIPT} sau.\n\nĐoạn hai <b>đậm</b>.")
    for client, url in ((client_for(world, "clerk_a"), reverse("exemplars:detail", args=[exemplar.pk])),
                        (client_for(world, "anonymous"), reverse("exemplars:public_detail", args=[exemplar.pk]))):
        page = client.get(url).content.decode()
        assert SCRIPT not in page and "<b>đậm</b>" not in page
        assert "<p>Trước &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; sau.</p>" in page
        assert "<p>Đoạn hai &lt;b&gt;đậm&lt;/b&gt;.</p>" in page


def test_the_public_page_links_the_award_to_its_published_decision(world, leader):
    decision = issued_decision(world)
    line = decision.lines.get(person=world.person_a)
    record = make_award(person=world.person_a, code="BK_TINH", year=2026, decision_number="123/QĐ-UBND")
    LineAwardRecord.objects.create(line=line, award_record=record)
    unpublished = issued_decision(world, number=124, state=DecisionState.SIGNED,
                                  lines=[("individual", {"person": world.person_a}, "Ông An", "")])
    other = make_award(person=world.person_a, code="CSTD_CS", year=2025, decision_number="124/QĐ-UBND")
    LineAwardRecord.objects.create(line=unpublished.lines.get(), award_record=other)
    exemplar = published(world, leader)
    assert set(exemplar.awards.all()) == {record, other}
    page = client_for(world, "anonymous").get(reverse("exemplars:public_detail", args=[exemplar.pk])).content.decode()
    assert f'href="/portal/decisions/{decision.pk}/"' in page
    assert f'href="/portal/decisions/{unpublished.pk}/"' not in page
    assert "Quyết định 124/QĐ-UBND" in page
    assert AwardRecord.objects.count() == 2


def test_the_portal_home_lists_the_newest_published_exemplars(world, leader, django_assert_num_queries):
    first = published(world, leader, headline="Người thầy cắm bản")
    second = published(world, leader, headline="Người tốt hiến đất làm đường")
    proposed(world, leader, headline="Chưa đăng")
    with django_assert_num_queries(1):
        hits = SECTIONS["exemplars"].latest(5)
    assert [(hit.title, hit.url) for hit in hits] == [
        ("Nguyễn Văn An — Người tốt hiến đất làm đường", reverse("exemplars:public_detail", args=[second.pk])),
        ("Nguyễn Văn An — Người thầy cắm bản", reverse("exemplars:public_detail", args=[first.pk]))]
    html = client_for(world, "anonymous").get(reverse("portal:index")).content.decode()
    section = html[html.index('id="home-exemplars"'):]
    assert section.index("Người tốt hiến đất làm đường") < section.index("Người thầy cắm bản")
    assert "Chưa đăng" not in html


def test_a_draft_is_not_on_the_portal(world):
    exemplar = draft(world)
    client = client_for(world, "anonymous")
    assert client.get(reverse("exemplars:public_detail", args=[exemplar.pk])).status_code == 404
    page = client.get(reverse("exemplars:public_list"), {"q": "nguyen van an"}).content.decode()
    assert "Không có điển hình đã đăng nào phù hợp" in page


def test_the_public_search_finds_a_name_without_diacritics(world, leader):
    exemplar = published(world, leader)
    response = client_for(world, "anonymous").get(reverse("exemplars:public_list"), {"q": "nguyen van an"})
    assert list(response.context["page"].items) == [exemplar]
    response = client_for(world, "anonymous").get(reverse("exemplars:public_list"), {"q": "giang a pao"})
    assert list(response.context["page"].items) == []


def test_what_waits_on_the_home_is_read_from_the_declared_transitions(world, leader):
    exemplar = services.submit_exemplar(draft(world), by=world.users["clerk_a"])
    assert [(i.pk, i.action) for i in machine_agenda(EXEMPLAR_MACHINE, leader)] == [(exemplar.pk, "Xác nhận và đề xuất")]
    assert machine_agenda(EXEMPLAR_MACHINE, world.users["clerk_a"]) == []
    assert machine_agenda(EXEMPLAR_MACHINE, world.users["specialist"]) == []
    services.confirm_exemplar(exemplar, by=leader)
    assert [i.transition for i in machine_agenda(EXEMPLAR_MACHINE, world.users["specialist"])] == ["publish"]
    services.return_to_unit(exemplar, by=world.users["specialist"], reason="Ảnh mờ")
    assert [i.transition for i in machine_agenda(EXEMPLAR_MACHINE, world.users["clerk_a"])] == ["submit"]


def test_the_export_lists_the_rows(world, leader):
    published(world, leader)
    response = client_for(world, "clerk_a").get(reverse("exemplars:export"))
    assert response.status_code == 200
    assert "dien-hinh-tien-tien.xlsx" in response["Content-Disposition"]


# Session, user, memberships, unit graph (scope) and the page's exemplars with their unit and subject: the same
# whatever the number of rows.
def _count_queries(client, url, params=None):
    client.get(url, params or {})  # warm the session and the scope
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    return response, len(queries)


@pytest.mark.parametrize("count", [1, 3])
def test_the_staff_list_runs_a_fixed_number_of_queries(world, count):
    for i in range(count):
        draft(world, headline=f"Gương {i}", with_photo=False)
    response, queries = _count_queries(client_for(world, "clerk_a"), reverse("exemplars:list"), {"q": "nguyen"})
    assert len(response.context["page"].items) == count
    assert queries == STAFF_LIST_QUERIES


@pytest.mark.parametrize("count", [1, 3])
def test_the_public_list_runs_a_fixed_number_of_queries(world, leader, count):
    for i in range(count):
        published(world, leader, headline=f"Gương {i}", with_photo=False)
    response, queries = _count_queries(client_for(world, "anonymous"), reverse("exemplars:public_list"),
                                       {"q": "nguyen van an"})
    assert len(response.context["page"].items) == count
    assert queries == PUBLIC_LIST_QUERIES


STAFF_LIST_QUERIES = 6  # session, user, memberships, unit graph and successions (scope), count-free page
PUBLIC_LIST_QUERIES = 2  # the years of the filter, the page (no session, no count)


def test_the_photo_of_unit_a_is_a_404_to_unit_b(world):
    exemplar = draft(world)
    assert client_for(world, "clerk_b").get(reverse("exemplars:photo", args=[exemplar.pk])).status_code == 404
    assert jpeg_bytes()[:3] == b"\xff\xd8\xff"


def _agenda_queries(user_model, pk):
    user = user_model.objects.get(pk=pk)
    get_scope(user)  # the request's scope is loaded by the middleware before the view
    with CaptureQueriesContext(connection) as captured:
        items = agenda(user)
    return len(items), len(captured.captured_queries)


def test_the_leaders_agenda_costs_the_same_for_1_or_5_waiting_exemplars(world, leader):
    services.submit_exemplar(draft(world, with_photo=False), by=world.users["clerk_a"])
    one = _agenda_queries(type(leader), leader.pk)
    for i in range(4):
        services.submit_exemplar(draft(world, headline=f"Gương {i}", with_photo=False), by=world.users["clerk_a"])
    five = _agenda_queries(type(leader), leader.pk)
    assert (one[0], five[0], five[1]) == (1, 5, one[1])


def test_the_leaders_home_lists_the_exemplar_waiting_for_him_and_unit_bs_clerk_sees_nothing(world, leader):
    exemplar = services.submit_exemplar(draft(world, with_photo=False), by=world.users["clerk_a"])
    client = client_for(world, "clerk_b")
    assert "Người tốt hiến đất làm đường" not in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(leader)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Nguyễn Văn An — Người tốt hiến đất làm đường" in html
    assert f'href="/workflow/exemplar/{exemplar.pk}/confirm/"' in html


def test_the_public_page_shows_the_name_but_no_personal_data(world, leader):
    exemplar = published(world, leader)
    page = client_for(world, "anonymous").get(reverse("exemplars:public_detail", args=[exemplar.pk])).content.decode()
    assert "Nguyễn Văn An" in page
    assert "010090001234" not in page and "1985" not in page and "04/03/1985" not in page
