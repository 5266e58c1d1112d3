"""The per-row report of a batch as Excel: row, outcome, messages, person, record, and the row as read."""

import io

import openpyxl
from django.utils.translation import gettext as _

from tdkt.awards.imports.models import ImportBatch, ImportRow, RowStatus

CHUNK = 2000


def build_report(batch: ImportBatch) -> bytes:
    """Streamed (write-only workbook, rows read in chunks): a 100,000-row batch stays small in memory."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_("Report"))
    labels = dict(RowStatus.choices)
    sheet.append([_("Row"), _("Result"), _("Messages"), _("Person ID"), _("Full name"), _("Record ID"),
                  *batch.header])
    rows = (ImportRow.objects.filter(batch=batch).order_by("number")
            .values_list("number", "status", "messages", "match_person_id", "parsed", "record_id", "raw"))
    for number, status, messages, person_id, parsed, record_id, raw in rows.iterator(chunk_size=CHUNK):
        sheet.append([number, str(labels.get(status, status)), "; ".join(messages or []), person_id,
                      (parsed or {}).get("name", ""), record_id, *[raw.get(heading, "") for heading in batch.header]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
