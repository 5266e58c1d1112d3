"""Saving an import: save_imported_plan and `manage.py import_plan` without --dry-run, all or nothing."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.plans import importing
from tdkt.plans.enums import Resolution, UnitRole
from tdkt.plans.importer import import_plan_bytes, import_plan_file
from tdkt.plans.models import Plan, PlanTask, PlanTaskUnit, TaskDueDate
from tests.factories import make_unit
from tests.plans.bad_inputs import BAD_INPUTS
from tests.plans.seeds import SEED_FILES, seed_path
from tests.plans.support import SMALL_PLAN


def media_files(settings) -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.mark.django_db
@pytest.mark.parametrize("seed_name", list(SEED_FILES))
def test_each_seed_saves_every_task_with_its_dates(seed_name):
    path = seed_path(seed_name)
    result = import_plan_file(path)
    plan = importing.save_imported_plan(result, source_bytes=path.read_bytes(), filename=path.name, by="import_plan")
    assert plan.tasks.count() == len(result.tasks)
    counts: dict[str, int] = {}
    for period in plan.tasks.values_list("period", flat=True):
        counts[period] = counts.get(period, 0) + 1
    assert counts == result.counts_by_period()
    assert TaskDueDate.objects.filter(task__plan=plan).count() == sum(len(t.due.dates) for t in result.tasks)
    assert PlanTaskUnit.objects.filter(task__plan=plan).count() == sum(
        len(set(t.lead)) + len(set(t.coordinating)) for t in result.tasks)
    assert plan.source_file.read() == path.read_bytes()
    assert (plan.year, plan.title) == (result.document.year, result.document.title)
    assert [w["message"] for w in plan.import_warnings] == [w.message for w in result.warnings]


@pytest.mark.django_db
def test_lao_cai_units_are_matched_to_the_registry_and_the_rest_flagged(world):
    path = seed_path("lao_cai")
    result = import_plan_file(path)
    plan = importing.save_imported_plan(result, source_bytes=path.read_bytes(), filename=path.name,
                                        by=world.users["specialist"])
    first = plan.tasks.get(period="Q1", number="1")
    assert [(link.role, link.unit, link.resolution) for link in first.units.order_by("role", "sort_order")] == [
        (UnitRole.COORDINATING, None, Resolution.UNRESOLVED), (UnitRole.LEAD, world.home_affairs, Resolution.RESOLVED)]
    assert first.due_date == datetime.date(2026, 3, 31)
    assert (first.content.startswith("Báo cáo tổng kết phong trào thi đua"), first.kind) == (True, "report")
    flagged = {link.raw_text for link in PlanTaskUnit.objects.filter(task__plan=plan, unit__isnull=True)}
    assert flagged == {"Cơ quan được giao phụ trách", "Hội đồng thi đua KTTW", "Các cơ quan, đơn vị, địa phương",
                       "Sở KH-CN", "Sở Tài chính", "Thành viên Hội đồng TĐKT tỉnh", "Trưởng các khối thi đua",
                       "Văn phòng UBND tỉnh", "Văn phòng Tỉnh ủy", "các cơ quan, đơn vị, địa phương"}
    assert plan.legal_bases[0].startswith("Căn cứ Luật Thi đua, Khen thưởng ngày 15/6/2022")
    assert [section["heading"] for section in plan.sections] == [
        "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN"]
    event = AuditEvent.objects.get(action=AuditAction.IMPORT, object_type="plans.plan")
    assert (event.actor, event.changes["tasks"], event.changes["flagged_units"]) == (
        world.users["specialist"], 27, PlanTaskUnit.objects.filter(task__plan=plan, unit__isnull=True).count())


@pytest.fixture
def small_plan(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


def run_command(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_plan", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exited:
        return exited.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_command_without_dry_run_saves(world, small_plan):
    code, out, err = run_command(small_plan)
    plan = Plan.objects.get()
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (f"Đã lưu kế hoạch số {plan.pk} với 3 nhiệm vụ; 2 tên đơn vị chưa khớp danh mục, "
                                    "chờ người dùng chọn.")
    assert list(plan.tasks.values_list("number", "period", "due_date")) == [
        ("1", "Q1", datetime.date(2026, 3, 31)), ("2", "Q1", datetime.date(2026, 2, 28)), ("1", "Q2", None)]
    assert (plan.number, plan.issued_on, plan.imported_by) == ("05/KH-UBND", datetime.date(2026, 1, 10), None)
    assert AuditEvent.objects.get(action=AuditAction.IMPORT).actor_name == "import_plan"


@pytest.mark.django_db
def test_command_with_json_saves_and_reports_on_stderr(world, small_plan):
    code, out, err = run_command(small_plan, "--json")
    assert code == 0 and out.startswith("{")
    assert err == f"Đã lưu kế hoạch số {Plan.objects.get().pk} với 3 nhiệm vụ; 2 tên đơn vị chưa khớp danh mục, " \
                  "chờ người dùng chọn.\n"


@pytest.mark.django_db
def test_dry_run_saves_nothing(world, small_plan):
    code, out, _ = run_command(small_plan, "--dry-run")
    assert code == 0 and out.splitlines()[-1] == "Chế độ xem trước: chưa lưu gì vào cơ sở dữ liệu."
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_ambiguous_unit_refuses_the_whole_file(small_plan, settings):
    lao_cai = make_unit("Sở Nội vụ tỉnh Lào Cai", code="SNV-LC")
    yen_bai = make_unit("Sở Nội vụ tỉnh Yên Bái", code="SNV-YB")
    before = media_files(settings)
    code, out, err = run_command(small_plan)
    assert (code, out) == (2, "")
    assert err == (f"Không lưu được «{small_plan}»: nhiệm vụ số 1 (Quý I): «Sở Nội vụ» khớp ngang nhau với nhiều "
                   f"đơn vị: Sở Nội vụ tỉnh Lào Cai (mã {lao_cai.pk}); Sở Nội vụ tỉnh Yên Bái (mã {yen_bai.pk}). "
                   "Hãy chọn một.\n")
    assert (Plan.objects.count(), PlanTask.objects.count(), media_files(settings)) == (0, 0, before)


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_exits_2_and_saves_nothing(tmp_path, case, settings):
    name, make, message = BAD_INPUTS[case]
    path = tmp_path / name
    path.write_bytes(make())
    before = media_files(settings)
    code, out, err = run_command(path)
    assert (code, out, err) == (2, "", f"Không nhập được «{path}»: {message}\n")
    assert (Plan.objects.count(), media_files(settings)) == (0, before)


@pytest.mark.django_db
def test_a_failure_midway_leaves_no_plan_and_no_file(world, settings):
    result = import_plan_bytes(SMALL_PLAN.encode(), "ke-hoach.txt")
    data = importing.drafting.draft_data(result, importing.read_narrative(
        importing.read_bytes(SMALL_PLAN.encode(), "ke-hoach.txt")), importing.registry_rows())
    data["tasks"][2]["due"]["dates"] = ["2026-02-30"]  # a broken row after two good ones
    before = media_files(settings)
    with pytest.raises(ValueError, match=r"^day is out of range for month$"):
        importing.save_plan_data(data, by=world.users["specialist"], source_name="ke-hoach.txt", source_sha256="0" * 64,
                                 source_bytes=SMALL_PLAN.encode())
    assert (Plan.objects.count(), PlanTask.objects.count(), TaskDueDate.objects.count()) == (0, 0, 0)
    assert media_files(settings) == before
    assert not AuditEvent.objects.filter(action=AuditAction.IMPORT).exists()


@pytest.mark.django_db
def test_unit_chosen_then_removed_is_refused(world):
    data = {"document": {"year": 2026, "title": "KH"}, "tasks": [{
        "key": "t1", "period": "Q1", "number": "1", "content": "x", "kind": "ordinary", "line": 1,
        "due": {"text": None, "dates": [], "recurrence": None}, "coordinating": [],
        "lead": [{"text": "Sở X", "status": "resolved", "unit_id": 999999, "unit_name": "Sở X", "candidates": []}]}]}
    with pytest.raises(ValidationError, match=r"^\['Một số đơn vị đã chọn không còn tồn tại \(mã 999999\): hãy chọn lại\.'\]$") as refused:
        importing.save_plan_data(data, by=world.users["specialist"], source_name="x.txt", source_sha256="0" * 64)
    assert refused.value.messages == ["Một số đơn vị đã chọn không còn tồn tại (mã 999999): hãy chọn lại."]
    assert not Plan.objects.exists()
