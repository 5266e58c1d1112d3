"""The plan import in the browser: upload → preview kept in a draft → corrections → save or discard."""

import pytest
from django.urls import reverse

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.plans.enums import DraftState, Resolution
from tdkt.plans.models import Plan, PlanDraft, PlanTaskUnit
from tests.factories import make_unit
from tests.plans.bad_inputs import BAD_INPUTS
from tests.plans.support import SMALL_PLAN, make_draft, upload


@pytest.fixture
def specialist(as_persona):
    return as_persona("specialist")


def test_upload_makes_a_preview(world, specialist):
    response = specialist.post(reverse("plans:import"), {"file": upload("ke-hoach.txt", SMALL_PLAN.encode())})
    draft = PlanDraft.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:draft", kwargs={"pk": draft.pk})
    assert (draft.state, draft.created_by, draft.source_name) == (DraftState.OPEN, world.users["specialist"],
                                                                   "ke-hoach.txt")
    assert [task["content"] for task in draft.data["tasks"]] == [
        "Hội nghị triển khai công tác năm 2026", "Kiểm tra công tác thi đua tại các sở - Tập huấn nghiệp vụ thi đua",
        "Sơ kết 6 tháng"]
    page = specialist.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert '<dd id="draft-task-count">3</dd>' in html and '<dd id="draft-flagged">2</dd>' in html
    assert "Sở Văn hóa <span class=\"flag\">[Không có trong danh mục]</span>" in html
    assert "Các sở, ban, ngành <span class=\"flag\">[Nhóm đơn vị]</span>" in html
    assert not Plan.objects.exists()


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_upload_gives_the_importers_message_and_keeps_nothing(world, specialist, case):
    name, make, message = BAD_INPUTS[case]
    response = specialist.post(reverse("plans:import"), {"file": upload(name, make())})
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert (PlanDraft.objects.count(), Plan.objects.count()) == (0, 0)


def test_corrections_survive_a_reload_and_the_plan_is_saved(world, specialist):
    draft = make_draft(world.users["specialist"])
    url = reverse("plans:draft", kwargs={"pk": draft.pk})
    # Edit row 1: a due text of its own.
    response = specialist.post(reverse("plans:draft_row", kwargs={"pk": draft.pk}), {
        "key": "t1", "number": "1", "content": "Hội nghị triển khai", "period": "Q1", "due_text": "Tháng 2/2026",
        "kind": "ordinary"})
    assert response.status_code == 302 and response["Location"] == f"{url}#row-t1"
    # Split row 2 in two.
    response = specialist.post(reverse("plans:draft_split", kwargs={"pk": draft.pk}), {
        "key": "t2", "first": "Kiểm tra công tác thi đua tại các sở", "second": "Tập huấn nghiệp vụ thi đua"})
    assert response.status_code == 302
    # Choose the unit for the name not found ("Sở Văn hóa", coordinating unit of the last row).
    culture = make_unit("Sở Văn hóa và Thể thao", code="SVHTT")
    form_page = specialist.get(reverse("plans:draft_unit", kwargs={"pk": draft.pk}),
                               {"key": "t3", "role": "coordinating", "position": "0"}).content.decode()
    assert 'name="unit_q"' in form_page  # the unit picker, not a select of every unit
    response = specialist.post(reverse("plans:draft_unit", kwargs={"pk": draft.pk}), {
        "key": "t3", "role": "coordinating", "position": "0", "unit": "", "unit_q": "sở văn hóa và thể thao"})
    assert response.status_code == 302
    draft.refresh_from_db()  # what a reload sees
    assert [(t["key"], t["content"], t["due"]["dates"]) for t in draft.data["tasks"]] == [
        ("t1", "Hội nghị triển khai", ["2026-02-28"]),
        ("t2", "Kiểm tra công tác thi đua tại các sở", ["2026-02-28"]),
        ("t4", "Tập huấn nghiệp vụ thi đua", ["2026-02-28"]),
        ("t3", "Sơ kết 6 tháng", [])]
    assert draft.data["tasks"][3]["coordinating"][0]["unit_id"] == culture.pk
    assert "Sở Văn hóa và Thể thao" in specialist.get(url).content.decode()

    response = specialist.post(reverse("plans:draft_save", kwargs={"pk": draft.pk}))
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:detail", kwargs={"pk": plan.pk})
    assert list(plan.tasks.values_list("content", "kind")) == [
        ("Hội nghị triển khai", "ordinary"), ("Kiểm tra công tác thi đua tại các sở", "inspection"),
        ("Tập huấn nghiệp vụ thi đua", "training"), ("Sơ kết 6 tháng", "ordinary")]
    assert PlanTaskUnit.objects.get(task__plan=plan, unit=culture).resolution == Resolution.RESOLVED
    assert plan.source_file.read() == SMALL_PLAN.encode()
    draft.refresh_from_db()
    assert (draft.state, draft.plan) == (DraftState.SAVED, plan)
    # Saved once: a second save is refused, nothing doubled.
    specialist.post(reverse("plans:draft_save", kwargs={"pk": draft.pk}))
    assert Plan.objects.count() == 1


def test_merge_with_next_row(world, specialist):
    draft = make_draft(world.users["specialist"])
    response = specialist.post(reverse("plans:draft_merge", kwargs={"pk": draft.pk}), {"key": "t1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert [task["key"] for task in draft.data["tasks"]] == ["t1", "t3"]
    assert draft.data["tasks"][0]["content"] == ("Hội nghị triển khai công tác năm 2026 Kiểm tra công tác thi đua tại "
                                                 "các sở - Tập huấn nghiệp vụ thi đua")


def test_bad_row_edit_shows_the_message(world, specialist):
    draft = make_draft(world.users["specialist"])
    response = specialist.post(reverse("plans:draft_row", kwargs={"pk": draft.pk}), {
        "key": "t1", "number": "1", "content": "x", "period": "Q1", "due_text": "sớm", "kind": "ordinary"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Không hiểu thời hạn «sớm»: hãy ghi như «Quý I/2026», «Tháng 7/2026», «Trước ngày 30/01/2026», «Hàng tháng» "
        "hoặc «Theo quy định»."]


def test_ambiguous_names_must_be_chosen_before_saving(world, specialist):
    make_unit("Sở Văn hóa tỉnh Lào Cai", code="SVH1")
    make_unit("Sở Văn hóa tỉnh Yên Bái", code="SVH2")
    draft = make_draft(world.users["specialist"])
    page = specialist.get(reverse("plans:draft", kwargs={"pk": draft.pk})).content.decode()
    assert 'id="ambiguous"' in page
    response = specialist.post(reverse("plans:draft_save", kwargs={"pk": draft.pk}), follow=True)
    assert [str(m) for m in response.context["messages"]][0].startswith(
        "nhiệm vụ số 1 (Quý II): «Sở Văn hóa» khớp ngang nhau với nhiều đơn vị: Sở Văn hóa tỉnh Lào Cai")
    assert not Plan.objects.exists()
    draft.refresh_from_db()
    assert draft.state == DraftState.OPEN


def test_discard_keeps_nothing(world, specialist):
    draft = make_draft(world.users["specialist"])
    response = specialist.post(reverse("plans:draft_discard", kwargs={"pk": draft.pk}))
    assert response.status_code == 302 and response["Location"] == reverse("plans:list")
    draft.refresh_from_db()
    assert draft.state == DraftState.DISCARDED and not Plan.objects.exists()
    assert AuditEvent.objects.filter(object_type="plans.plandraft", action=AuditAction.UPDATE).count() == 1
    assert specialist.get(reverse("plans:draft_row", kwargs={"pk": draft.pk})).status_code == 404


def test_clerk_cannot_see_drafts(world, as_persona):
    draft = make_draft(world.users["specialist"])
    assert as_persona("clerk_a").get(reverse("plans:draft", kwargs={"pk": draft.pk})).status_code == 403
    assert as_persona("clerk_a").post(reverse("plans:draft_save", kwargs={"pk": draft.pk})).status_code == 403
    assert not Plan.objects.exists()
