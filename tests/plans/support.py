"""Plans, tasks, drafts and unit plans for tests: real rows written directly (no mocking)."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.plans.enums import Resolution, TaskState, UnitRole
from tdkt.plans.models import (
    Plan,
    PlanTask,
    PlanTaskUnit,
    TaskDueDate,
    TaskUpdate,
    UnitPlanRequirement,
    UnitPlanSubmission,
)

SMALL_PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 05/KH-UBND\nLào Cai, ngày 10 tháng 01 năm 2026\n\nKẾ HOẠCH\n"
    "Công tác thi đua, khen thưởng năm 2026\n\nCăn cứ Luật Thi đua, khen thưởng;\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nĐẩy mạnh phong trào thi đua.\nII. NỘI DUNG\n"
    "STT\tNội dung\tChủ trì\tPhối hợp\tThời gian hoàn thành\n"
    "I\tQUÝ I\t\t\t\n"
    "1\tHội nghị triển khai công tác năm 2026\tSở Nội vụ\tSở Y tế\t\n"
    "2\tKiểm tra công tác thi đua tại các sở - Tập huấn nghiệp vụ thi đua\tSở Y tế\tCác sở, ban, ngành\tTháng 2/2026\n"
    "II\tQUÝ II\t\t\t\n"
    "1\tSơ kết 6 tháng\tSở Giáo dục và Đào tạo\tSở Văn hóa\tTheo quy định\n"
    "III. TỔ CHỨC THỰC HIỆN\nGiao Sở Nội vụ theo dõi, đôn đốc.\n"
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    from tests.lib.test_uploads import tiny_png

    return tiny_png()


def upload(name: str, data: bytes, content_type="application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_plan(*, title="Công tác thi đua, khen thưởng năm 2026", year=2026, issued_on=datetime.date(2026, 1, 10),
              number="05/KH-UBND", issuer="Ủy ban nhân dân tỉnh Lào Cai", place="Lào Cai", source=None) -> Plan:
    plan = Plan(title=title, year=year, issued_on=issued_on, number=number, issuer=issuer, place=place,
                legal_bases=["Căn cứ Luật Thi đua, khen thưởng;"],
                sections=[{"heading": "I. MỤC ĐÍCH, YÊU CẦU", "part": "purpose", "paragraphs": ["Đẩy mạnh."]}])
    if source is not None:
        plan.source_name, plan.source_sha256 = "ke-hoach.txt", "a" * 64
        plan.source_file.save("ke-hoach.txt", ContentFile(source), save=False)
    plan.save()
    return plan


def _link(task, unit, role, position):
    if isinstance(unit, str):
        return PlanTaskUnit(task=task, unit=None, role=role, raw_text=unit, resolution=Resolution.UNRESOLVED,
                            sort_order=position)
    return PlanTaskUnit(task=task, unit=unit, role=role, raw_text=unit.name, resolution=Resolution.RESOLVED,
                        sort_order=position)


def make_task(plan, content="Nhiệm vụ", *, period="Q1", number="1", lead=(), coordinating=(), due=None,
              state=TaskState.NOT_STARTED, completed_on=None, sort_order=None, due_text="", recurrence="",
              kind="ordinary") -> PlanTask:
    """`due`: a date, a list of dates, or None (the quarter's last day for Qn periods)."""
    if due is None and period in ("Q1", "Q2", "Q3", "Q4"):
        due = {"Q1": datetime.date(plan.year, 3, 31), "Q2": datetime.date(plan.year, 6, 30),
               "Q3": datetime.date(plan.year, 9, 30), "Q4": datetime.date(plan.year, 12, 31)}[period]
    dues = [due] if isinstance(due, datetime.date) else list(due or [])
    if sort_order is None:
        sort_order = (plan.tasks.count() + 1) * 10
    task = PlanTask.objects.create(
        plan=plan, content=content, period=period, number=number or "", due_date=max(dues) if dues else None,
        state=state, completed_on=completed_on or (datetime.date(plan.year, 3, 1) if state == TaskState.DONE else None),
        sort_order=sort_order, due_text=due_text, recurrence=recurrence, kind=kind,
        progress=100 if state == TaskState.DONE else 0)
    TaskDueDate.objects.bulk_create([TaskDueDate(task=task, on=day) for day in dues])
    PlanTaskUnit.objects.bulk_create(
        [_link(task, unit, UnitRole.LEAD, i) for i, unit in enumerate(lead)]
        + [_link(task, unit, UnitRole.COORDINATING, i) for i, unit in enumerate(coordinating)])
    return task


def make_update(task, *, by, unit, note="Đã triển khai.", percent=50, evidence: bytes | None = None) -> TaskUpdate:
    update = TaskUpdate(task=task, unit=unit, by=by, note=note, percent=percent)
    if evidence is not None:
        update.evidence_sha256, update.evidence_name = "b" * 64, "minh-chung.pdf"
        update.evidence.save("minh-chung.pdf", ContentFile(evidence), save=False)
    update.save()
    return update


def make_submission(plan, unit, *, by, deadline=datetime.date(2026, 1, 30), file: bytes | None = None):
    requirement = UnitPlanRequirement.objects.create(plan=plan, deadline_kind="fixed_date", due_on=deadline,
                                                     deadline=deadline, created_by=by)
    submission = UnitPlanSubmission.objects.create(requirement=requirement, unit=unit)
    if file is not None:
        submission.file_sha256, submission.file_name = "c" * 64, "ke-hoach-don-vi.pdf"
        submission.file.save("ke-hoach-don-vi.pdf", ContentFile(file), save=False)
        submission.submitted_at, submission.submitted_by = datetime.datetime(2026, 1, 20, 3, tzinfo=datetime.UTC), by
        submission.save()
    return submission


def make_draft(by, text: str = SMALL_PLAN, name="ke-hoach.txt"):
    from tdkt.plans.importing import create_draft

    return create_draft(by=by, uploaded=upload(name, text.encode("utf-8")))
