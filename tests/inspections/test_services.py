"""The register's rules: who plans, who records, the follow-up's transitions with their history and audit,
overdue derived from the due date, refusals with a message naming the field and nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.audit.models import AuditEvent
from tdkt.inspections import queries, services
from tdkt.inspections.checklist import DEFAULT_CHECKLIST
from tdkt.inspections.models import Finding, InspectedUnit, Inspection, Recommendation
from tdkt.inspections.transitions import RECOMMENDATION_MACHINE
from tdkt.plans.enums import TaskKind
from tests.factories import make_user
from tests.inspections.support import END, START, inspection_of, recommendation_of, record_of
from tests.plans.access_support import PLAN_OBJECTS

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_planning_copies_the_checklist_into_each_record_and_names_the_team(world):
    inspection = inspection_of(world, units=[world.unit_a, world.unit_b])
    assert [r.unit_id for r in inspection.records.order_by("id")] == [world.unit_a.pk, world.unit_b.pk]
    record = inspection.records.get(unit=world.unit_a)
    assert [(f.code, f.item) for f in record.findings.all()] == list(DEFAULT_CHECKLIST)
    assert [(m.person_id, m.is_leader) for m in inspection.team.all()] == [
        (world.person_b.pk, True), (world.person_a_child.pk, False)]
    assert AuditEvent.objects.filter(object_type="inspections.inspection", object_id=str(inspection.pk)).count() == 1


def test_a_province_list_set_in_the_settings_replaces_the_default(world, settings):
    settings.TDKT_INSPECTION_CHECKLIST = [("fund", "Quỹ thi đua, khen thưởng")]
    record = record_of(world)
    assert [(f.code, f.item) for f in record.findings.all()] == [("fund", "Quỹ thi đua, khen thưởng")]


@pytest.mark.parametrize("persona", ["clerk_a", "council_member", "signer"])
def test_only_the_standing_body_plans_inspections(world, persona):
    with pytest.raises(PermissionDenied, match="cơ quan thường trực"):
        services.plan_inspection(by=world.users[persona], year=2026, title="X", starts_on=START, ends_on=END,
                                 units=[world.unit_a], leader=world.person_b)
    assert Inspection.objects.count() == 0


def test_bad_plans_are_refused_field_by_field_and_nothing_is_saved(world):
    with pytest.raises(ValidationError, match="Hãy nhập tên đợt kiểm tra") as caught:
        services.plan_inspection(by=world.users["specialist"], year=2027, title=" ", starts_on=END, ends_on=START,
                                 units=[], leader=None)
    assert sorted(caught.value.message_dict) == ["ends_on", "leader", "starts_on", "title", "units"]
    assert (Inspection.objects.count(), InspectedUnit.objects.count(), Finding.objects.count()) == (0, 0, 0)


def test_the_plan_task_must_be_an_inspection_task(world):
    task = PLAN_OBJECTS["task_of_unit_a"](world)
    assert task.kind != TaskKind.INSPECTION
    with pytest.raises(ValidationError, match="plan_task"):
        inspection_of(world, plan_task=task)
    task.kind = TaskKind.INSPECTION
    task.save(update_fields=["kind"])
    assert inspection_of(world, plan_task=task).plan_task_id == task.pk


def test_the_team_records_findings_and_a_unit_clerk_cannot(world):
    record = record_of(world)
    rows = list(record.findings.all())
    with pytest.raises(PermissionDenied, match="đoàn kiểm tra"):
        services.record_findings(record, by=world.users["clerk_a"], findings={rows[0].pk: ("good", "Tốt")})
    services.record_findings(record, by=world.users["specialist"], findings={rows[0].pk: ("not_done", " Chưa có ")},
                             summary="Đơn vị thực hiện cơ bản tốt.", visited_on=datetime.date(2026, 5, 6),
                             conclusion_number="12", conclusion_date=datetime.date(2026, 5, 20))
    rows[0].refresh_from_db()
    record.refresh_from_db()
    assert (rows[0].assessment, rows[0].note) == ("not_done", "Chưa có")
    assert (record.summary, record.visited_on, record.conclusion_number) == (
        "Đơn vị thực hiện cơ bản tốt.", datetime.date(2026, 5, 6), "12")


def test_a_visit_outside_the_inspection_dates_is_refused(world):
    record = record_of(world)
    with pytest.raises(ValidationError, match="từ 04/05/2026 đến 15/05/2026"):
        services.record_findings(record, by=world.users["specialist"], findings={},
                                 visited_on=datetime.date(2026, 6, 1))


def test_a_team_member_with_an_account_records_on_that_inspection_only(world):
    member = make_user("doankiemtra", role=None)
    record = record_of(world, team_users={world.person_a_child.pk: member})
    item = services.add_recommendation(record, by=member, content="Lập sổ theo dõi", due_on=datetime.date(2026, 7, 1))
    assert item.created_by == member
    other = record_of(world)
    with pytest.raises(PermissionDenied, match="đoàn kiểm tra"):
        services.add_recommendation(other, by=member, content="X", due_on=datetime.date(2026, 7, 1))


def test_a_recommendation_needs_content_and_a_due_date_after_the_start(world):
    record = record_of(world)
    with pytest.raises(ValidationError, match="Hãy nhập nội dung kiến nghị") as caught:
        services.add_recommendation(record, by=world.users["specialist"], content="", due_on=datetime.date(2026, 1, 1))
    assert sorted(caught.value.message_dict) == ["content", "due_on"]
    assert Recommendation.objects.count() == 0


def test_the_follow_up_goes_open_reported_returned_reported_closed_with_its_history(world):
    item = recommendation_of(world)
    clerk, specialist = world.users["clerk_a"], world.users["specialist"]
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    services.report_follow_up(item, by=clerk, response="Đã kiện toàn Hội đồng", uploaded=upload,
                              today=datetime.date(2026, 6, 20))
    item.refresh_from_db()
    assert (item.state, item.response, item.reported_on, item.response_name) == (
        "reported", "Đã kiện toàn Hội đồng", datetime.date(2026, 6, 20), "bao-cao.pdf")
    assert item.response_file.read() == PDF
    RECOMMENDATION_MACHINE.run(item, "return", by=specialist, reason="Thiếu quyết định kiện toàn")
    item.refresh_from_db()
    assert item.state == "open"
    services.report_follow_up(item, by=clerk, response="Gửi kèm quyết định")
    RECOMMENDATION_MACHINE.run(item, "accept", by=specialist)
    item.refresh_from_db()
    assert item.state == "closed"
    assert [(c.from_state, c.to_state, c.reason) for c in item.state_changes.all()] == [
        ("", "open", ""), ("open", "reported", ""), ("reported", "open", "Thiếu quyết định kiện toàn"),
        ("open", "reported", ""), ("reported", "closed", "")]
    assert AuditEvent.objects.filter(object_type="inspections.recommendation", object_id=str(item.pk)).count() == 5


def test_the_unit_reports_and_the_team_accepts_not_the_other_way_round(world):
    item = recommendation_of(world)
    with pytest.raises(PermissionDenied, match="Chỉ đơn vị được kiểm tra"):
        services.report_follow_up(item, by=world.users["specialist"], response="X")
    with pytest.raises(PermissionDenied, match="^Chỉ đơn vị được kiểm tra báo cáo"):
        services.report_follow_up(item, by=world.users["clerk_b"], response="X")
    services.report_follow_up(item, by=world.users["clerk_a"], response="Đã làm")
    with pytest.raises(PermissionDenied, match="chỉ đoàn kiểm tra chấp nhận"):
        RECOMMENDATION_MACHINE.run(item, "accept", by=world.users["clerk_a"])
    assert Recommendation.objects.get().state == "reported"


def test_a_return_needs_a_reason_and_an_empty_report_is_refused(world):
    item = recommendation_of(world)
    with pytest.raises(ValidationError, match="response"):
        services.report_follow_up(item, by=world.users["clerk_a"], response="  ")
    services.report_follow_up(item, by=world.users["clerk_a"], response="Đã làm")
    with pytest.raises(ValidationError, match="reason"):
        RECOMMENDATION_MACHINE.run(item, "return", by=world.users["specialist"], reason="")
    assert Recommendation.objects.get().state == "reported"


def test_a_file_that_is_not_a_document_is_refused(world):
    item = recommendation_of(world)
    with pytest.raises(ValidationError, match="file"):
        services.report_follow_up(item, by=world.users["clerk_a"], response="Đã làm",
                                  uploaded=SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10))
    assert Recommendation.objects.get().state == "open"


def test_overdue_is_open_past_the_due_date_and_a_reported_one_is_not(world):
    item = recommendation_of(world, due_on=datetime.date(2026, 6, 30))
    assert list(queries.overdue(datetime.date(2026, 6, 30))) == []
    assert list(queries.overdue(datetime.date(2026, 7, 1))) == [item]
    services.report_follow_up(item, by=world.users["clerk_a"], response="Đã làm")
    assert list(queries.overdue(datetime.date(2026, 7, 1))) == []
    RECOMMENDATION_MACHINE.run(item, "return", by=world.users["specialist"], reason="Chưa đủ")
    assert list(queries.overdue(datetime.date(2026, 7, 1))) == [item]


def test_the_home_list_is_the_units_own_for_its_officers_and_all_for_the_standing_body(world):
    mine = recommendation_of(world, due_on=datetime.date(2026, 6, 1))
    record_b = record_of(world, unit=world.unit_b, units=[world.unit_b])
    theirs = services.add_recommendation(record_b, by=world.users["specialist"], content="Khác",
                                         due_on=datetime.date(2026, 6, 2))
    today = datetime.date(2026, 7, 1)
    assert queries.overdue_for_home(world.users["clerk_a"], today) == [mine]
    assert queries.overdue_for_home(world.users["clerk_b"], today) == [theirs]
    assert queries.overdue_for_home(world.users["specialist"], today) == [mine, theirs]
    assert queries.overdue_for_home(world.users["council_member"], today) == []
