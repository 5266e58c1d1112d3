"""Seed the usual consulted agencies of a province (editable afterwards; NĐ152 Đ34 and provincial
practice, e.g. Bắc Ninh Đ10.2: Công an, Thuế, BHXH, Thanh tra, Nông nghiệp và Môi trường, Tỉnh ủy)."""

from django.db import migrations

# (name, short name, kind, sort order) — the data of this migration, frozen here on purpose.
DEFAULT_AGENCIES = [
    ("Công an tỉnh", "Công an tỉnh", "police", 10),
    ("Thuế tỉnh", "Thuế tỉnh", "tax", 20),
    ("Bảo hiểm xã hội tỉnh", "BHXH tỉnh", "social_insurance", 30),
    ("Thanh tra tỉnh", "Thanh tra tỉnh", "inspectorate", 40),
    ("Sở Nông nghiệp và Môi trường", "Sở NN&MT", "environment", 50),
    ("Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "party_committee", 60),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKT Tỉnh ủy", "party_committee", 70),
]


def seed(apps, schema_editor):
    agency = apps.get_model("consultations", "ConsultedAgency")
    for name, short_name, kind, order in DEFAULT_AGENCIES:
        agency.objects.get_or_create(name=name, defaults={"short_name": short_name, "kind": kind, "sort_order": order})
    apps.get_model("consultations", "ConsultationPolicy").objects.get_or_create(pk=1)


def unseed(apps, schema_editor):
    apps.get_model("consultations", "ConsultedAgency").objects.filter(
        name__in=[row[0] for row in DEFAULT_AGENCIES], requests__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
