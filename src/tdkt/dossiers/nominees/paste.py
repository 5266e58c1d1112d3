"""Rows an officer pastes from a spreadsheet ("Dán từ Excel") read into the same numbered rows as a file
(parsing.read_rows), so the paste goes through the one reading, matching, review and import pipeline.

What a spreadsheet puts on the clipboard: cells separated by tabs, rows by line breaks (\\r\\n on Windows),
a cell holding a line break or a tab quoted with "…" and its quotes doubled; merged cells give their text in
the first cell and empty cells after it; a selection that ends on empty columns gives trailing tabs.

With its header row the paste is read as a file is. Without it, the columns are taken in the order of one of
the usual layouts chosen by the number of columns (the narrowest at least as wide: PASTE_LAYOUTS: the short list, the Word table of the
Decree 30 layout, the Excel template); any other width is refused with a message saying to copy the header.
No database here.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tdkt.dossiers.nominees import columns as C
from tdkt.dossiers.nominees.parsing import MAX_COLUMNS, MAX_LINES, ListFileError

MAX_PASTE_CHARS = 2_000_000

# Header rows assumed for a paste without its header, by number of columns (the last row is the header's
# second level when there are two, as in the Excel template's "Ngày, tháng, năm sinh" over "Nam" | "Nữ").
PASTE_LAYOUTS: dict[int, list[list[str]]] = {
    4: [["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Hình thức đề nghị"]],
    5: [["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Hình thức đề nghị", "Tóm tắt thành tích"]],
    7: [["STT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ, đơn vị công tác", "Hình thức đề nghị",
         "Tóm tắt thành tích"]],
    10: [["STT", "Họ và tên", "Ngày, tháng, năm sinh", "", "Số CCCD", "Chức vụ, đơn vị công tác",
          "Loại đối tượng", "Thành phần", "Hình thức đề nghị", "Tóm tắt thành tích"],
         ["", "", "Nam", "Nữ", "", "", "", "", "", ""]],
}


def split_clipboard(text: str) -> list[list[str]]:
    """The rows of tab-separated clipboard text as cell texts (quoted cells unquoted; trailing empty cells and
    blank rows kept, so that row numbers are the paste's own lines)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    rows: list[list[str]] = []
    row: list[str] = []
    index, length = 0, len(text)
    while index < length:
        cell, index = _cell(text, index)
        row.append(cell)
        if index >= length:
            break
        separator = text[index]
        index += 1
        if separator == "\n":
            rows.append(row)
            row = []
            if index >= length:
                row = None  # a final line break ends the last row
                break
    if row:
        rows.append(row)
    return rows


def _cell(text: str, start: int) -> tuple[str, int]:
    """(cell text, index of the separator after it). A cell is quoted only when it starts with a quote whose
    closing quote is followed by a separator: a name written “"Bà" Lan” is kept as typed."""
    if text.startswith('"', start):
        index = start + 1
        parts = []
        while True:
            end = text.find('"', index)
            if end < 0:
                break
            if text.startswith('""', end):
                parts.append(text[index:end] + '"')
                index = end + 2
                continue
            parts.append(text[index:end])
            after = end + 1
            if after >= len(text) or text[after] in "\t\n":
                return "".join(parts), after
            break
    end = start
    while end < len(text) and text[end] not in "\t\n":
        end += 1
    return text[start:end], end


def paste_rows(text: str) -> list[tuple[int, list[str]]]:
    """Numbered rows of a paste, as parsing.read_rows gives a file's: the rows numbered by the paste's lines,
    empty rows left out; ListFileError when nothing can be read or the columns cannot be known."""
    if len(text or "") > MAX_PASTE_CHARS:
        raise ListFileError(_("The pasted text is too long (more than %(count)s characters); paste the list in "
                              "several parts or upload the file.") % {"count": f"{MAX_PASTE_CHARS:,}".replace(",", ".")})
    rows = []
    for number, cells in enumerate(split_clipboard(text), 1):
        cells = [" ".join(cell.split()) for cell in cells[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()  # trailing tabs of a selection wider than the list
        if cells:
            rows.append((number, cells))
    if not rows:
        raise ListFileError(_("Nothing was pasted: copy the rows of the list in Excel and paste them here."))
    if len(rows) > MAX_LINES + 2_000:
        raise ListFileError(_("The paste has more than %(max)s lines; split it into several parts.") % {
            "max": MAX_LINES})
    if C.find_header(rows) is not None:
        return rows
    width = max(len(cells) for _number, cells in rows)
    # Empty last columns (no summary written on any row) leave the paste narrower than its layout.
    layout = next((PASTE_LAYOUTS[key] for key in sorted(PASTE_LAYOUTS) if key >= width), None) \
        if width >= min(PASTE_LAYOUTS) else None
    if layout is None:
        raise ListFileError(_(
            "The pasted rows have no header row and %(count)s columns: copy the header row (“Họ và tên”, "
            "“Hình thức đề nghị”…) with them, or paste %(widths)s columns in the order of the list template.") % {
            "count": width, "widths": ", ".join(str(key) for key in sorted(PASTE_LAYOUTS))})
    # The assumed header takes the row numbers before the first pasted row (0, -1): problems keep naming
    # the paste's own lines.
    header = [(offset - len(layout) + 1, cells) for offset, cells in enumerate(layout)]
    return header + rows
