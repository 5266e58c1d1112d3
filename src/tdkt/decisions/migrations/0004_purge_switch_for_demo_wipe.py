"""PostgreSQL: a transaction may delete signed decisions and their lines only after
`SET LOCAL tdkt.purge_decisions = 'on'` — used by the demo wipe (tdkt.decisions.demo.wipe_demo) and
nothing else. Updates stay refused whatever the setting. SQLite has no DELETE triggers (see 0002)."""

from django.db import migrations

ISSUED = "('signed', 'published')"
PURGE_ON = "coalesce(current_setting('tdkt.purge_decisions', true), '') = 'on'"


def _function_0002(name):
    from importlib import import_module

    module = import_module("tdkt.decisions.migrations.0002_signed_decisions_immutable")
    return next(sql for sql in module.POSTGRES if f"FUNCTION {name}()" in sql)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    decision_sql = _function_0002("decision_refuse_change").replace(
        "IF TG_OP = 'DELETE' THEN\n", f"IF TG_OP = 'DELETE' AND {PURGE_ON} THEN RETURN OLD; END IF;\n"
        "          IF TG_OP = 'DELETE' THEN\n", 1)
    line_sql = _function_0002("decision_line_refuse_change").replace(
        "BEGIN\n", f"BEGIN\n          IF TG_OP = 'DELETE' AND {PURGE_ON} THEN RETURN OLD; END IF;\n", 1)
    assert PURGE_ON in decision_sql and PURGE_ON in line_sql
    schema_editor.execute(decision_sql)
    schema_editor.execute(line_sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(_function_0002("decision_refuse_change"))
    schema_editor.execute(_function_0002("decision_line_refuse_change"))


class Migration(migrations.Migration):
    dependencies = [("decisions", "0003_seed_base_salary")]
    operations = [migrations.RunPython(forwards, backwards)]
