"""Upload checks: size limit and content sniffed from the bytes, never trusted from the name."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import filetype
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Kind name -> MIME types accepted for it. Office files are ZIP containers: filetype knows them.
KINDS = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "image": {"image/jpeg", "image/png"},
}


# How a refusal names each kind: officers know "Word" and "Excel" better than the codes, and "IMAGE" is English.
KIND_LABELS = {
    "csv": gettext_lazy("CSV text file"),
    "docx": gettext_lazy("Word file (DOCX)"),
    "image": gettext_lazy("image (JPEG, PNG)"),
    "pdf": gettext_lazy("PDF file"),
    "xlsx": gettext_lazy("Excel file (XLSX)"),
}


def kinds_text(allowed) -> str:
    """The accepted kinds for a message, in a fixed order: "Word file (DOCX), PDF file"."""
    return ", ".join(str(KIND_LABELS.get(kind, kind.upper())) for kind in sorted(allowed))


class UploadError(ValueError):
    """A rejected upload; the message is shown to the user as is."""


@dataclass(frozen=True)
class SniffedUpload:
    kind: str  # one of KINDS, or "csv"
    mime: str
    data: bytes
    name: str = field(default="", compare=False)  # the file's name as uploaded, for messages only


def format_megabytes(size: int) -> str:
    """Vietnamese decimal comma, at most one decimal: 20 MB, 0,5 MB, 1,3 MB."""
    text = f"{size / 1048576:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _looks_like_text(data: bytes) -> bool:
    return b"\x00" not in data[:8192]


def check_size(size: int, *, max_bytes: int, field_label: str) -> None:
    if size > max_bytes:
        raise UploadError(
            _("%(field)s: the file is %(size)s MB, larger than the limit of %(limit)s MB.")
            % {"field": field_label, "size": f"{size / 1048576:.1f}".replace(".", ","),
               "limit": format_megabytes(max_bytes)}
        )


def read_upload(uploaded, *, allowed: set[str], max_bytes: int, field_label: str) -> SniffedUpload:
    """Check an uploaded file's real size before reading it, then sniff its content."""
    check_size(uploaded.size, max_bytes=max_bytes, field_label=field_label)
    # Read one byte more than the limit: the size a client declares is not trusted either.
    return sniff_upload(uploaded.read(max_bytes + 1), allowed=allowed, max_bytes=max_bytes, field_label=field_label,
                        name=getattr(uploaded, "name", "") or "")


def sniff_upload(data: bytes, *, allowed: set[str], max_bytes: int, field_label: str, name: str = "") -> SniffedUpload:
    """Return the sniffed upload, or raise UploadError with a Vietnamese message naming the field."""
    if len(data) == 0:
        raise UploadError(_("%(field)s: the file is empty.") % {"field": field_label})
    check_size(len(data), max_bytes=max_bytes, field_label=field_label)
    guess = filetype.guess(data)
    if guess is not None:
        for kind, mimes in KINDS.items():
            if kind in allowed and guess.mime in mimes:
                return SniffedUpload(kind=kind, mime=guess.mime, data=data, name=name)
    elif "csv" in allowed and _looks_like_text(data):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UploadError(
                _("%(field)s: the text file is not UTF-8 encoded (invalid byte at position %(pos)s). "
                  "Save it again as “CSV UTF-8”.") % {"field": field_label, "pos": exc.start}
            ) from exc
        return SniffedUpload(kind="csv", mime="text/csv", data=data, name=name)
    raise UploadError(
        _("%(field)s: this type of file is not accepted. Accepted: %(kinds)s.")
        % {"field": field_label, "kinds": kinds_text(allowed)}
    )


# A CSV is read line by line under these limits: rows and columns as for a sheet (tdkt.lib.safefiles), and a
# physical line longer than any genuine list's (csv itself caps one field at 128 KB) is refused before the csv
# module splits it, so a line of a million delimiters costs nothing.
CSV_MAX_ROWS = 10_000
CSV_MAX_COLUMNS = 100
CSV_MAX_LINE_CHARS = 256 * 1024


def csv_rows(data: bytes, *, name: str = "", max_rows: int = CSV_MAX_ROWS, max_columns: int = CSV_MAX_COLUMNS,
             max_line_chars: int = CSV_MAX_LINE_CHARS) -> Iterator[list[str]]:
    """The rows of a UTF-8 CSV (BOM allowed), its delimiter , ; or tab sniffed from the first lines, streamed.
    UploadError (naming the file and the line) when a limit is passed or the text is not CSV."""
    text = data.decode("utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # a single column has no delimiter to find
        dialect = csv.excel
    label = name or "CSV"
    lines = _bounded_lines(text, label, max_line_chars)
    reader = csv.reader(lines, dialect)
    try:
        for row in reader:
            if reader.line_num > max_rows:
                raise UploadError(
                    _("%(name)s: the file has more than %(max)s lines, counting empty lines; reading stopped at line "
                      "%(line)s. Delete the empty lines under the list or split it.")
                    % {"name": label, "max": f"{max_rows:,}".replace(",", "."), "line": reader.line_num})
            if len(row) > max_columns and any(cell.strip() for cell in row[max_columns:]):
                raise UploadError(
                    _("%(name)s, line %(line)s: there are values beyond the first %(max)s columns that are read; move "
                      "or delete them.")
                    % {"name": label, "line": reader.line_num, "max": max_columns})
            yield row[:max_columns]
    except csv.Error as exc:
        raise UploadError(_("%(name)s, line %(line)s: the line cannot be read as CSV (a quotation mark is not closed "
                            "or a cell is longer than 128 KB).") % {"name": label, "line": reader.line_num}) from exc


def _bounded_lines(text: str, label: str, max_chars: int) -> Iterator[str]:
    for number, line in enumerate(io.StringIO(text, newline=""), 1):
        if len(line) > max_chars:
            raise UploadError(_("%(name)s, line %(line)s: the line is longer than %(max)s characters.")
                              % {"name": label, "line": number, "max": f"{max_chars:,}".replace(",", ".")})
        yield line
