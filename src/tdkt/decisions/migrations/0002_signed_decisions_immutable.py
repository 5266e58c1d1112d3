"""The database itself refuses to change a signed decision or its lines.

On decisions_decision: once the stored state is signed or published, an UPDATE may only move it from
signed to published (state, state_changed_at, published_at, updated_at); every other column must stay
as it is. On decisions_decisionline: no INSERT, UPDATE (or, on PostgreSQL, DELETE) for a line of a signed
decision. SQLite gets no DELETE triggers because Django's flush (test teardown) deletes rows there; on
PostgreSQL flush truncates, which row triggers do not see. The application refuses deletes anyway
(Decision.delete / DecisionLine.delete). PostgreSQL raises SQLSTATE 23001 (restrict_violation), which
Django reports as IntegrityError, like SQLite's RAISE(ABORT)."""

from django.db import migrations

ISSUED = "('signed', 'published')"
# Columns of decisions_decision that never change after signing.
FROZEN = ["authority_id", "kind", "year", "number", "decision_date", "title", "award_type_id", "basis",
          "achievement_year", "period_from", "period_to", "legal_bases", "proposal", "achievement_text",
          "execution_text", "recipients", "signing_mode", "signer_on_behalf_of", "signer_position", "signer_id",
          "signer_name", "corrects_id", "revokes_id", "reason", "signed_pdf", "signed_pdf_sha256",
          "signed_pdf_size", "signed_at", "signed_by_id", "created_at", "created_by_id"]


def _changed(op: str) -> str:
    return " OR ".join(f'NEW."{column}" {op} OLD."{column}"' for column in FROZEN)


STATE_MOVE_OK = "(NEW.state = OLD.state OR (OLD.state = 'signed' AND NEW.state = 'published'))"

SQLITE = [
    f"""CREATE TRIGGER decision_signed_immutable BEFORE UPDATE ON decisions_decision
        WHEN OLD.state IN {ISSUED} AND (NOT {STATE_MOVE_OK} OR {_changed('IS NOT')})
        BEGIN SELECT RAISE(ABORT, 'a signed decision is immutable'); END""",
    f"""CREATE TRIGGER decision_line_insert_immutable BEFORE INSERT ON decisions_decisionline
        WHEN (SELECT state FROM decisions_decision WHERE id = NEW.decision_id) IN {ISSUED}
        BEGIN SELECT RAISE(ABORT, 'the lines of a signed decision are immutable'); END""",
    f"""CREATE TRIGGER decision_line_update_immutable BEFORE UPDATE ON decisions_decisionline
        WHEN (SELECT state FROM decisions_decision WHERE id = OLD.decision_id) IN {ISSUED}
          OR (SELECT state FROM decisions_decision WHERE id = NEW.decision_id) IN {ISSUED}
        BEGIN SELECT RAISE(ABORT, 'the lines of a signed decision are immutable'); END""",
]
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION decision_refuse_change() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            IF OLD.state IN {ISSUED} THEN RAISE EXCEPTION 'a signed decision is immutable' USING ERRCODE = 'restrict_violation'; END IF;
            RETURN OLD;
          END IF;
          IF OLD.state IN {ISSUED} AND (NOT {STATE_MOVE_OK} OR {_changed('IS DISTINCT FROM')}) THEN
            RAISE EXCEPTION 'a signed decision is immutable' USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER decision_signed_immutable BEFORE UPDATE OR DELETE ON decisions_decision
       FOR EACH ROW EXECUTE FUNCTION decision_refuse_change()""",
    f"""CREATE OR REPLACE FUNCTION decision_line_refuse_change() RETURNS trigger AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') AND
             (SELECT state FROM decisions_decision WHERE id = OLD.decision_id) IN {ISSUED} THEN
            RAISE EXCEPTION 'the lines of a signed decision are immutable' USING ERRCODE = 'restrict_violation';
          END IF;
          IF TG_OP IN ('UPDATE', 'INSERT') AND
             (SELECT state FROM decisions_decision WHERE id = NEW.decision_id) IN {ISSUED} THEN
            RAISE EXCEPTION 'the lines of a signed decision are immutable' USING ERRCODE = 'restrict_violation';
          END IF;
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER decision_line_immutable BEFORE INSERT OR UPDATE OR DELETE ON decisions_decisionline
       FOR EACH ROW EXECUTE FUNCTION decision_line_refuse_change()""",
]


def add_triggers(apps, schema_editor):
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in ("decision_signed_immutable", "decision_line_insert_immutable", "decision_line_update_immutable"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS decision_signed_immutable ON decisions_decision")
        schema_editor.execute("DROP TRIGGER IF EXISTS decision_line_immutable ON decisions_decisionline")
        schema_editor.execute("DROP FUNCTION IF EXISTS decision_refuse_change()")
        schema_editor.execute("DROP FUNCTION IF EXISTS decision_line_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]
    operations = [migrations.RunPython(add_triggers, drop_triggers)]
