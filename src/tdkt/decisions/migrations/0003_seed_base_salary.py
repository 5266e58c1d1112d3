"""Base salaries (mức lương cơ sở) given by shared/domain/law.md §6, so that bonuses compute out of the box."""

import datetime

from django.db import migrations

BASE_SALARIES = [
    # law.md §6: "2,340,000 VND from 1/7/2024 (NĐ 73/2024/NĐ-CP Đ3.2) [Q]"
    (2_340_000, datetime.date(2024, 7, 1), "Nghị định số 73/2024/NĐ-CP, Điều 3 khoản 2"),
    # law.md §6: "2,530,000 VND from 1/7/2026 (NĐ 161/2026/NĐ-CP, 15/5/2026) [Q S7]"
    (2_530_000, datetime.date(2026, 7, 1), "Nghị định số 161/2026/NĐ-CP ngày 15/5/2026"),
]


def seed(apps, schema_editor):
    BaseSalary = apps.get_model("decisions", "BaseSalary")
    for amount, start, basis in BASE_SALARIES:
        BaseSalary.objects.get_or_create(effective_from=start, defaults={"amount": amount, "legal_basis": basis})


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_signed_decisions_immutable")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
