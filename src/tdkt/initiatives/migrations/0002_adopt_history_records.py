"""Every initiative already recorded per person enters the register as a recognised work linked to its
record (nothing is lost: the record, its authors and what it was used for stay as they are)."""

from django.db import migrations

from tdkt.initiatives.adopt import adopt_records


def forwards(apps, schema_editor):
    adopt_records(apps.get_model("awards", "Initiative"), apps.get_model("initiatives", "Work"),
                  apps.get_model("initiatives", "Author"), apps.get_model("initiatives", "WorkStateChange"),
                  by_name="migration 0002")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
