"""The transition tables of the docs are generated from the declarations and kept fresh."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tdkt.dossiers.transitions import DOSSIER, NOMINATION
from tdkt.workflow import docs


def test_workflow_docs_check_passes():
    call_command("workflow_docs", "--check")


def test_a_stale_table_is_named(tmp_path):
    stale = tmp_path / "dossiers.md"
    stale.write_text("<!-- transitions:dossier -->\nold\n<!-- /transitions:dossier -->\n", encoding="utf-8")
    problems = docs.stale(tmp_path)
    assert "dossier: the table in dossiers.md is stale" in problems
    assert "nomination: dossiers.md has no transitions:nomination block" in problems


def test_check_command_raises_on_a_stale_table(settings, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "dossiers.md").write_text("no tables", encoding="utf-8")
    settings.BASE_DIR = tmp_path
    with pytest.raises(CommandError, match="transitions:dossier"):
        call_command("workflow_docs", "--check")


def test_tables_list_every_declared_transition():
    for machine in (DOSSIER, NOMINATION):
        table = docs.table(machine)
        for item in machine.transitions:
            assert f"| `{item.name}` — " in table
