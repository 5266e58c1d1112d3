"""Nominee lists that are not a list table: any award document the reader understands (tdkt.lib.awarddoc: a
decision with its names, a list in prose or numbered, under group headings) turned into the rows the table
path produces, so that one parse, one matching, one review and one all-or-nothing save serve both.

The rows carry a fixed header (STT / Họ và tên / Năm sinh / Chức vụ, đơn vị / Hình thức khen thưởng) and one
row per recipient, numbered by the document's own line so every problem names the line it came from. Where
several names share one line (prose: "cho các ông (bà): A, …; B, …"), rows must still be told apart (the
clerk's review choices are keyed by row), so they are numbered in list order instead and `line_of` gives each
row's document line back for display. A change of kind (tập thể, cá nhân, hộ gia đình) becomes a section row,
as a table writes it: a household is then refused by the parser with its line, as from a table.

A text, Markdown or HTML file holding the list table itself (the columns "Họ và tên" / "Hình thức đề nghị") is
read as that table, every column kept, as a Word table is (`list_table_rows`).

No database here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tdkt.dossiers.nominees import columns as C
from tdkt.dossiers.nominees.parsing import ListFileError, ListProblem
from tdkt.lib.awarddoc import (
    COLLECTIVE,
    HOUSEHOLD,
    INDIVIDUAL,
    AwardDocument,
    NotAnAwardDocumentError,
    read_award,
)
from tdkt.lib.docparse import Document, DocumentError, NoTextLayerError, Table, read_bytes

HEADER = ["STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị", "Hình thức khen thưởng"]
HEADER_ROW = 0  # before any document line: parse_list reads the rows after its header
SECTIONS = {INDIVIDUAL: "Cá nhân", COLLECTIVE: "Tập thể", HOUSEHOLD: "Hộ gia đình"}


@dataclass
class DocumentList:
    """What the import takes from a document: rows for parse_list, the reader's warnings (row = line), and,
    when rows are numbered in list order, each row's document line."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    warnings: list[ListProblem] = field(default_factory=list)
    line_of: dict[int, int] = field(default_factory=dict)

    def as_session(self) -> dict:
        """JSON-safe form, kept with the staged rows while the clerk reviews."""
        return {"warnings": [[w.row, w.message] for w in self.warnings],
                "line_of": [[row, line] for row, line in self.line_of.items()]}

    @classmethod
    def from_session(cls, stored) -> DocumentList:
        stored = stored if isinstance(stored, dict) else {}
        return cls(warnings=[ListProblem(row, "", str(message)) for row, message in stored.get("warnings", [])],
                   line_of={int(row): int(line) for row, line in stored.get("line_of", [])})


def _position(position: str, unit: str) -> str:
    parts = [part.strip() for part in (position, unit) if part and part.strip()]
    if len(parts) == 2 and parts[1] in parts[0]:
        return parts[0]
    return ", ".join(parts)


def document_rows(document: AwardDocument) -> DocumentList:
    """The rows of a document's recipients (header first), the reader's warnings and the line map."""
    recipients = document.recipients
    lines = [recipient.line for recipient in recipients]
    shared = len(set(lines)) != len(lines)
    # An award written once for the whole list ("Điều 1. Tặng Bằng khen … cho các cá nhân có tên sau") is
    # every recipient's when the reader did not give one; two or more forms are never guessed between.
    only_award = document.award_forms[0] if len(document.award_forms) == 1 else ""
    result = DocumentList(rows=[(HEADER_ROW, list(HEADER))])
    kind = INDIVIDUAL
    for order, recipient in enumerate(recipients, 1):
        row = order if shared else recipient.line
        if shared:
            result.line_of[row] = recipient.line
        if recipient.kind != kind and recipient.kind in SECTIONS:
            kind = recipient.kind
            result.rows.append((row, ["", SECTIONS[kind], "", "", ""]))
        result.rows.append((row, [str(order), recipient.name, recipient.birth or "",
                                  _position(recipient.position, recipient.unit), recipient.award or only_award]))
    result.warnings = [ListProblem(finding.line, "", finding.message) for finding in document.warnings]
    return result


def list_table_rows(document: Document) -> list[tuple[int, list[str]]] | None:
    """The rows of the document's first table with a list header among its first rows, or None. The header is
    given row number 0 (parse_list looks for it among the first rows, and the table may stand far down the
    document); the rows under it keep their document lines."""
    for block in document.blocks:
        if not isinstance(block, Table):
            continue
        rows = [(row.line, list(row.cells)) for row in block.rows]
        for index, (_line, cells) in enumerate(rows[:C.HEADER_SEARCH_ROWS]):
            if C.is_header(cells):
                return [(HEADER_ROW, cells), *rows[index + 1:]]
    return None


def read_document_list(data: bytes, name: str) -> DocumentList:
    """A nominee list from a document's bytes; ListFileError with the Vietnamese message when the document is a
    scan, cannot be read, or names nobody. Scans are not read here (OCR takes minutes a file)."""
    try:
        parsed = read_bytes(data, name)
        table = list_table_rows(parsed)
        if table is not None:
            return DocumentList(rows=table)
        document = read_award(parsed)
    except NoTextLayerError as error:
        raise ListFileError(scan_message(name)) from error
    except NotAnAwardDocumentError as error:
        raise ListFileError(_("%(name)s is not a nominee list: %(why)s") % {"name": name, "why": error.message}) \
            from error
    except DocumentError as error:
        raise ListFileError(_("%(name)s cannot be read: %(why)s") % {"name": name, "why": error.message}) from error
    if not document.recipients:
        raise ListFileError(_(
            "%(name)s names no nominee: neither a table with a “Họ và tên” column nor a list of names (numbered, "
            "lettered or separated by semicolons) was found in it.") % {"name": name})
    return document_rows(document)


def scan_message(name: str) -> str:
    return _("%(name)s is a scan (an image with no text layer). Scans are read in the archive digitisation "
             "wizard (Awards › Archive); here, upload the list as Word (.docx), Excel (.xlsx), a PDF exported "
             "from Word or a text file (.txt).") % {"name": name}
