"""Seeds the step limits with the defaults of tdkt.dossiers.deadlines.DEFAULT_STEP_LIMITS (copied here:
a migration must not change when the code does). Consultation and posting are national rules [V];
the others are provincial parameters [U] that each province sets in its own administrative procedures."""

from django.db import migrations

PROVINCIAL = "Tham số của tỉnh (chưa có quy định quốc gia, law.md §4.4 [U]); sửa theo quyết định công bố TTHC của tỉnh."
SEED = [
    ("submitted", 3, "Tiếp nhận hồ sơ. " + PROVINCIAL, False),
    ("received", 2, "Phân công chuyên viên thẩm định. " + PROVINCIAL, False),
    ("in_appraisal", 20, "Thẩm định hồ sơ. " + PROVINCIAL, False),
    ("returned", 10, "Đơn vị bổ sung, hoàn thiện hồ sơ bị trả lại. " + PROVINCIAL, False),
    ("consultation", 10, "Cơ quan được hiệp y trả lời trong 10 ngày làm việc: Nghị định 152/2025/NĐ-CP, Điều 34 "
                         "khoản 6 [V].", True),
    ("public_posting", 10, "Công khai ít nhất 10 ngày làm việc trước khi Hội đồng họp: Nghị định 152/2025/NĐ-CP, "
                           "Điều 44 khoản 2 [V].", True),
]


def seed(apps, schema_editor):
    StepLimit = apps.get_model("workcalendar", "StepLimit")
    for step, days, basis, national in SEED:
        StepLimit.objects.get_or_create(step=step, defaults={
            "working_days": days, "legal_basis": basis, "is_national_rule": national})


def unseed(apps, schema_editor):
    apps.get_model("workcalendar", "StepLimit").objects.filter(step__in=[row[0] for row in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
