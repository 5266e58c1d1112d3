"""SQL pieces shared by the immutability migrations (0006). The leading underscore keeps Django's migration
loader from taking this module for a migration."""

ISSUED = "('signed', 'published')"
# Columns of decisions_decision that never change after signing (as in 0002).
FROZEN = ["authority_id", "kind", "year", "number", "decision_date", "title", "award_type_id", "basis",
          "achievement_year", "period_from", "period_to", "legal_bases", "proposal", "achievement_text",
          "execution_text", "recipients", "signing_mode", "signer_on_behalf_of", "signer_position", "signer_id",
          "signer_name", "corrects_id", "revokes_id", "reason", "signed_pdf", "signed_pdf_sha256",
          "signed_pdf_size", "signed_at", "signed_by_id", "created_at", "created_by_id"]
# Added by 0008: the signer's post, the tờ trình cited, and the snapshot written by the UPDATE that signs.
FROZEN_SINCE_0008 = ["signer_post_id", "proposal_reference", "proposal_date", "snapshot"]
IMMUTABLE_DECISION_TABLES = ["decisions_decision", "decisions_decisionline", "decisions_lineawardrecord",
                             "awards_awardrecord"]
# The test flush's marker (audit 0003 explains it); SQLite triggers can see the temp schema only this way.
SQLITE_NOT_FLUSHING = ("NOT EXISTS (SELECT 1 FROM pragma_table_list "
                       "WHERE schema = 'temp' AND name = 'tdkt_test_flush')")
# The decision line whose signing created the award record OLD (NULL for a record entered by hand).
LINK_OF_OLD = "(SELECT line_id FROM decisions_lineawardrecord WHERE award_record_id = OLD.id)"


def frozen_changed(columns=FROZEN, op: str = "IS DISTINCT FROM") -> str:
    return " OR ".join(f'NEW."{column}" {op} OLD."{column}"' for column in columns)


def amended_by(line: str, kind: str, amending_line: str | None = None) -> str:
    """SQL: a signed (or published) decision of `kind` (an SQL expression) has a line amending `line`
    (and that line is `amending_line`, when given)."""
    kind = f"'{kind}'" if kind in ("correction", "revocation") else kind
    same = f" AND amending.id = {amending_line}" if amending_line else ""
    return (f"EXISTS (SELECT 1 FROM decisions_decisionline amending JOIN decisions_decision amendment "
            f"ON amendment.id = amending.decision_id WHERE amending.amends_line_id = {line}{same} "
            f"AND amendment.kind = {kind} AND amendment.state IN {ISSUED})")


def raise_pg(message: str) -> str:
    return f"RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation';"


def current_schema(connection) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return cursor.fetchone()[0]
