"""An id printed into a page is printed as plain digits. The Vietnamese locale groups thousands
(USE_THOUSAND_SEPARATOR), so `{{ line.pk }}` renders 12007 as "12.007" and a form field named after it
("fix_12.007") never matches the view's "fix_12007" once a table passes a thousand rows."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "tdkt"
BARE_ID = re.compile(r"\{\{\s*[a-z_][a-z_.]*\.(pk|id|[a-z_]+_id)\s*\}\}")


def test_ids_in_templates_are_not_localized():
    offenders = [f"{path.relative_to(SRC)}:{number}" for path in sorted(SRC.rglob("*.html"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if BARE_ID.search(line)]
    assert offenders == []


def test_the_check_finds_a_bare_id():
    assert BARE_ID.search('<textarea name="fix_{{ line.pk }}">')
    assert not BARE_ID.search('<textarea name="fix_{{ line.pk|stringformat:"d" }}">')
