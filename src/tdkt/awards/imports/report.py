"""The per-row report of a batch as Excel: row, outcome, messages, person, record, and the row as read."""

from django.utils.translation import gettext as _

from tdkt.awards.imports.models import ImportBatch, ImportRow, RowStatus
from tdkt.lib.progress import Progress, Ticker
from tdkt.lib.sheets import SheetWriter

CHUNK = 2000


def write_report(target, batch: ImportBatch, *, progress: Progress | None = None) -> int:
    """Streamed to `target` (a path or a binary file) row by row, rows read in chunks: a 100,000-row batch
    stays small in memory. The row as read is written back as text, never as a formula. Returns the number
    of rows."""
    labels = dict(RowStatus.choices)
    rows = (ImportRow.objects.filter(batch=batch).order_by("number")
            .values_list("number", "status", "messages", "match_person_id", "parsed", "record_id", "raw"))
    ticker = Ticker(progress, batch.rows.count() if progress is not None else None)
    count = 0
    with SheetWriter(target, font="Calibri", font_size=11) as book:
        sheet = book.sheet(_("Report"))
        sheet.row([_("Row"), _("Result"), _("Messages"), _("Person ID"), _("Full name"), _("Record ID"),
                   *batch.header])
        for number, status, messages, person_id, parsed, record_id, raw in rows.iterator(chunk_size=CHUNK):
            sheet.row([number, str(labels.get(status, status)), "; ".join(messages or []), person_id,
                       (parsed or {}).get("name", ""), record_id, *[raw.get(heading, "") for heading in batch.header]])
            count += 1
            ticker.tick()
    ticker.finish()
    return count
