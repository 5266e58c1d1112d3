"""The seeded step limits' legal basis cited the project's own notes ("law.md §4.4 [U]"), shown to officers on the
limits page: an internal reference means nothing to them (issue 21 item 7). Rows an administrator rewrote since
are left alone: only the seeded text is replaced."""

from django.db import migrations

SEEDED = "Tham số của tỉnh (chưa có quy định quốc gia, law.md §4.4 [U]); "
PLAIN = "Tham số của tỉnh (chưa có quy định quốc gia); "


def forwards(apps, schema_editor):
    StepLimit = apps.get_model("workcalendar", "StepLimit")
    for limit in StepLimit.objects.filter(legal_basis__contains=SEEDED):
        limit.legal_basis = limit.legal_basis.replace(SEEDED, PLAIN)
        limit.save(update_fields=["legal_basis"])


def backwards(apps, schema_editor):
    StepLimit = apps.get_model("workcalendar", "StepLimit")
    for limit in StepLimit.objects.filter(legal_basis__contains=PLAIN):
        limit.legal_basis = limit.legal_basis.replace(PLAIN, SEEDED)
        limit.save(update_fields=["legal_basis"])


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0003_steplimit_awaiting_approval")]
    operations = [migrations.RunPython(forwards, backwards)]
