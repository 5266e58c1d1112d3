"""The dossier screens per persona: inbox, create, dossier page, actions, queue (filters, bulk, overdue
summary), appraisal and return forms, checklist screen; constant query counts for the lists."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdkt.dossiers import workflow
from tdkt.dossiers.models import DocumentRequirement, Dossier, Nomination
from tdkt.orgs.models import Unit
from tests.conftest import client_for
from tests.dossiers.support import add_line, draft_of_unit_a, in_appraisal, leader_a, ready_draft, store_verdict
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _submitted(world, count, *, unit=None):
    dossiers = []
    for index in range(count):
        dossier = Dossier.objects.create(unit=unit or world.unit_a, title=f"Hồ sơ {index}", year=2025,
                                         state="submitted", step_due_on=timezone.localdate() + datetime.timedelta(
                                             days=index - 1))
        add_line(dossier, person=make_person(f"Người {index}", unit=world.unit_a))
        dossiers.append(dossier)
    return dossiers


def test_inbox_shows_own_dossiers_and_what_to_fix(world):
    dossier, lines = in_appraisal(world)
    workflow.return_for_completion(dossier, by=world.users["specialist"], reason="Thiếu chữ ký trên biên bản.",
                                   line_fixes={lines[0].pk: "Bổ sung xác nhận"})
    Dossier.objects.create(unit=world.unit_b, title="Hồ sơ của Sở Giáo dục", year=2025)
    page = client_for(world, "clerk_a").get(reverse("dossiers:inbox")).content.decode()
    assert "Thiếu chữ ký trên biên bản." in page
    assert "1 dòng cần bổ sung" in page
    assert "Hồ sơ của Sở Giáo dục" not in page
    assert "Tạo hồ sơ" in page


def _queries(client, url, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up: the calendar cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_inbox_query_count_does_not_grow_with_the_page(world, django_assert_num_queries):
    client = client_for(world, "clerk_a")
    _submitted(world, 1)
    one = _queries(client, reverse("dossiers:inbox"), django_assert_num_queries)
    _submitted(world, 11)
    assert _queries(client, reverse("dossiers:inbox"), django_assert_num_queries) == one
    assert one == 8  # SQLite and PostgreSQL alike


def test_queue_query_count_does_not_grow_with_the_page(world, django_assert_num_queries):
    client = client_for(world, "specialist")
    _submitted(world, 1)
    one = _queries(client, reverse("dossiers:queue"), django_assert_num_queries)
    _submitted(world, 20)
    assert _queries(client, reverse("dossiers:queue"), django_assert_num_queries) == one
    assert one == 9  # SQLite and PostgreSQL alike; the unit filter is a picker: no list of units is read
    with django_assert_num_queries(one):
        response = client.get(reverse("dossiers:queue"))
    assert len(response.context["page"]) == 21


def test_the_queues_unit_filter_does_not_grow_with_2000_units(world, django_assert_num_queries):
    client = client_for(world, "specialist")
    _submitted(world, 2)
    url = reverse("dossiers:queue") + f"?unit={world.unit_a.pk}"
    one = _queries(client, url, django_assert_num_queries)
    size = len(client.get(url).content)
    Unit.objects.bulk_create([Unit(name=f"Phòng số {i}", code=f"P{i:05d}", kind="department", parent=world.unit_b)
                              for i in range(2000)])
    assert (_queries(client, url, django_assert_num_queries), len(client.get(url).content)) == (one, size)
    typed = client.get(reverse("dossiers:queue"), {"unit_q": "Sở Y tế"})
    assert [d.pk for d in typed.context["page"]] == [d.pk for d in client.get(url).context["page"]]


def test_queue_filters(world):
    late, soon, later = _submitted(world, 3)
    Dossier.objects.filter(pk=late.pk).update(assignee=world.users["specialist"])
    client = client_for(world, "specialist")

    def shown(**params):
        return [d.pk for d in client.get(reverse("dossiers:queue"), params).context["page"]]

    assert shown() == [late.pk, soon.pk, later.pk]
    assert shown(due="overdue") == [late.pk]
    assert shown(assignee="me") == [late.pk]
    assert shown(assignee="nobody") == [soon.pk, later.pk]
    assert shown(state="draft") == []
    assert shown(unit=world.unit_b.pk) == []
    assert shown(kind="adhoc") == []


def test_queue_shows_the_overdue_summary(world):
    late, _soon, _later = _submitted(world, 3)
    Dossier.objects.filter(pk=late.pk).update(assignee=world.users["specialist"])
    response = client_for(world, "specialist").get(reverse("dossiers:queue"))
    rows = [(getattr(row.specialist, "username", None), row.overdue) for row in response.context["summary"]]
    assert ("chuyenvien", 1) in rows


def test_bulk_receive_and_assign_through_the_queue(world):
    one, two = _submitted(world, 2)
    draft = Dossier.objects.create(unit=world.unit_a, title="Còn soạn", year=2025)
    client = client_for(world, "specialist")
    response = client.post(reverse("dossiers:queue"), {"operation": "receive", "dossier": [one.pk, two.pk, draft.pk]},
                           follow=True)
    texts = [str(message) for message in response.context["messages"]]
    assert texts[0] == "Đã xử lý 2/3 hồ sơ."
    assert texts[1].endswith("Hồ sơ đang ở trạng thái “Dự thảo” không thể chuyển sang “Đã tiếp nhận”.")
    assert set(Dossier.objects.filter(pk__in=[one.pk, two.pk]).values_list("state", flat=True)) == {"received"}
    client.post(reverse("dossiers:queue"), {"operation": "assign", "dossier": [one.pk, two.pk],
                                            "specialist": world.users["specialist"].pk})
    assert set(Dossier.objects.filter(pk__in=[one.pk, two.pk]).values_list("assignee", flat=True)) == {
        world.users["specialist"].pk}


def test_clerk_creates_and_the_leader_submits_through_the_pages(world):
    client = client_for(world, "clerk_a")
    response = client.post(reverse("dossiers:create"), {
        "unit": world.unit_a.pk, "title": "Khen thưởng năm 2025", "kind": "year_end",
        "authority": "province_chair", "year": 2025, "cover_letter_date": "05/12/2025"})
    dossier = Dossier.objects.get(title="Khen thưởng năm 2025")
    assert response["Location"] == reverse("dossiers:detail", kwargs={"pk": dossier.pk})
    assert dossier.cover_letter_date == datetime.date(2025, 12, 5)
    forbidden = client.post(reverse("dossiers:act", kwargs={"pk": dossier.pk, "action": "submit"}), {"reason": ""})
    assert forbidden.status_code == 403  # the clerk prepares; only the leader approves and sends
    leader = Client()
    leader.force_login(leader_a(world))
    refused = leader.post(reverse("dossiers:act", kwargs={"pk": dossier.pk, "action": "submit"}), {"reason": ""})
    assert "Hồ sơ chưa có người, tập thể nào được đề nghị" in refused.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == "draft"


def test_clerk_b_forging_unit_a_dossier_id_gets_404_everywhere(world):
    dossier, lines = ready_draft(world)
    client = client_for(world, "clerk_b")
    for name, kwargs in [("dossiers:detail", {"pk": dossier.pk}), ("dossiers:edit", {"pk": dossier.pk}),
                         ("dossiers:upload", {"pk": dossier.pk}),
                         ("dossiers:act", {"pk": dossier.pk, "action": "submit"}),
                         ("dossiers:act", {"pk": dossier.pk, "action": "withdraw"})]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404
        assert client.post(reverse(name, kwargs=kwargs), {"reason": "x"}).status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).state == "draft"


def test_dossier_page_shows_only_allowed_actions(world):
    dossier, _lines = ready_draft(world)
    clerk = client_for(world, "clerk_a").get(reverse("dossiers:detail", kwargs={"pk": dossier.pk}))
    assert [t.name for t in clerk.context["actions"]] == ["send_for_approval", "withdraw"]  # before the leader
    leader = Client()
    leader.force_login(leader_a(world))
    page = leader.get(reverse("dossiers:detail", kwargs={"pk": dossier.pk}))
    assert [t.name for t in page.context["actions"]] == ["submit", "withdraw"]
    specialist = client_for(world, "specialist").get(reverse("dossiers:detail", kwargs={"pk": dossier.pk}))
    assert [t.name for t in specialist.context["actions"]] == []
    workflow.submit_dossier(dossier, by=leader_a(world))
    specialist = client_for(world, "specialist").get(reverse("dossiers:detail", kwargs={"pk": dossier.pk}))
    assert [t.name for t in specialist.context["actions"]] == ["receive", "return_incomplete", "assign"]
    council = client_for(world, "council_member").get(reverse("dossiers:detail", kwargs={"pk": dossier.pk}))
    assert council.context["actions"] == []


def test_specialist_cannot_submit_for_the_unit_through_the_page(world):
    dossier, _lines = ready_draft(world)
    response = client_for(world, "specialist").post(
        reverse("dossiers:act", kwargs={"pk": dossier.pk, "action": "submit"}), {})
    assert response.status_code == 403


def test_dossier_page_timeline_and_checklist(world):
    dossier, _lines = ready_draft(world)
    workflow.submit_dossier(dossier, by=leader_a(world))
    page = client_for(world, "clerk_a").get(reverse("dossiers:detail", kwargs={"pk": dossier.pk})).content.decode()
    assert "Dự thảo → Đã gửi" in page
    assert "Tờ trình" in page and "to-trinh.pdf" in page


def test_appraisal_page_decides_a_line(world):
    dossier, lines = in_appraisal(world)
    store_verdict(lines)
    client = client_for(world, "specialist")
    response = client.post(reverse("dossiers:appraise", kwargs={"pk": dossier.pk}),
                           {"line": lines[0].pk, "decision": "reject", "reason": ""})
    assert "Hãy ghi lý do: đơn vị sẽ nhận được và lịch sử hồ sơ lưu lại." in response.content.decode()
    client.post(reverse("dossiers:appraise", kwargs={"pk": dossier.pk}),
                {"line": lines[0].pk, "decision": "accept", "reason": ""})
    assert Nomination.objects.get(pk=lines[0].pk).state == "accepted"


def test_return_form_sends_line_fixes(world):
    dossier, lines = in_appraisal(world)
    client_for(world, "specialist").post(reverse("dossiers:return_for_completion", kwargs={"pk": dossier.pk}), {
        "reason": "Bổ sung hồ sơ.", f"fix_{lines[0].pk}": "Báo cáo chưa có chữ ký thủ trưởng."})
    line = Nomination.objects.get(pk=lines[0].pk)
    assert (line.state, line.fix_request) == ("needs_fix", "Báo cáo chưa có chữ ký thủ trưởng.")
    assert Dossier.objects.get(pk=dossier.pk).state == "returned"


def test_checklist_screen_add_edit_remove(world):
    client = client_for(world, "specialist")
    response = client.post(reverse("dossiers:requirement_create"), {
        "kind": "adhoc", "award_type": "", "document_type": "justification", "mandatory": "on",
        "legal_basis": "Quy định của tỉnh", "note": "Văn bản đề nghị của cơ quan phát hiện"})
    assert response.status_code == 302
    requirement = DocumentRequirement.objects.get(kind="adhoc", document_type="justification")
    client.post(reverse("dossiers:requirement_edit", kwargs={"pk": requirement.pk}), {
        "kind": "adhoc", "award_type": "", "document_type": "justification", "legal_basis": "QĐ tỉnh"})
    requirement.refresh_from_db()
    assert (requirement.mandatory, requirement.legal_basis) == (False, "QĐ tỉnh")
    client.post(reverse("dossiers:requirement_delete", kwargs={"pk": requirement.pk}))
    assert not DocumentRequirement.objects.filter(pk=requirement.pk).exists()


def test_national_defaults_are_seeded(world):
    rows = {(r.kind, r.award_type.code if r.award_type else "", r.document_type): r.mandatory
            for r in DocumentRequirement.objects.select_related("award_type").filter(is_national_default=True)}
    assert rows[("", "", "cover_letter")] is True
    assert rows[("adhoc", "", "confirmation")] is True
    assert rows[("", "CSTD_TQ", "initiative_certificate")] is True
    assert rows[("", "BK_TTG", "other")] is False
    unverified = DocumentRequirement.objects.get(award_type__code="BK_TTG", document_type="other")
    assert "[U]" in unverified.note


def test_draft_of_unit_a_helper_is_editable_page(world):
    dossier = draft_of_unit_a(world)
    response = client_for(world, "clerk_a").post(reverse("dossiers:edit", kwargs={"pk": dossier.pk}), {
        "title": "Tên mới", "kind": "thematic", "authority": "province_chair", "year": 2025})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).title == "Tên mới"
