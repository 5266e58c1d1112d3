"""Upload checks: size limit and content sniffed from the bytes, never trusted from the name."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _

# Kind name -> MIME types accepted for it. Office files are ZIP containers: filetype knows them.
KINDS = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "image": {"image/jpeg", "image/png"},
}


class UploadError(ValueError):
    """A rejected upload; the message is shown to the user as is."""


@dataclass(frozen=True)
class SniffedUpload:
    kind: str  # one of KINDS, or "csv"
    mime: str
    data: bytes


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
    return sniff_upload(uploaded.read(), allowed=allowed, max_bytes=max_bytes, field_label=field_label)


def sniff_upload(data: bytes, *, allowed: set[str], max_bytes: int, field_label: str) -> SniffedUpload:
    """Return the sniffed upload, or raise UploadError with a Vietnamese message naming the field."""
    if len(data) == 0:
        raise UploadError(_("%(field)s: the file is empty.") % {"field": field_label})
    check_size(len(data), max_bytes=max_bytes, field_label=field_label)
    guess = filetype.guess(data)
    if guess is not None:
        for kind, mimes in KINDS.items():
            if kind in allowed and guess.mime in mimes:
                return SniffedUpload(kind=kind, mime=guess.mime, data=data)
    elif "csv" in allowed and _looks_like_text(data):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UploadError(
                _("%(field)s: the text file is not UTF-8 encoded (invalid byte at position %(pos)s). "
                  "Save it again as “CSV UTF-8”.") % {"field": field_label, "pos": exc.start}
            ) from exc
        return SniffedUpload(kind="csv", mime="text/csv", data=data)
    raise UploadError(
        _("%(field)s: this type of file is not accepted. Accepted: %(kinds)s.")
        % {"field": field_label, "kinds": ", ".join(sorted(k.upper() for k in allowed))}
    )


def csv_rows(data: bytes) -> Iterator[list[str]]:
    """The rows of a UTF-8 CSV (BOM allowed), its delimiter , ; or tab sniffed from the first lines."""
    text = data.decode("utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # a single column has no delimiter to find
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)
