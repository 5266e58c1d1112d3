"""Export files are written to disk, then streamed to the browser and removed: never held in memory, never
copied again before sending.

    return send_export(lambda path: exports.write_tasks_xlsx(path, plan, tasks, today=today),
                       f"ke-hoach-{plan.pk}-nhiem-vu.xlsx")

or, when the view needs what the writer returns (a count for the audit log):

    with export_path(".xlsx") as path:
        rows = write_people_xlsx(path, people, …)
        record(…, changes={"rows": rows})
        return send_file(path, "danh-sach-ca-nhan.xlsx")

The temporary files live in settings.EXPORTS_DIR (default MEDIA_ROOT/exports, never served directly). On
POSIX the file is unlinked as soon as it is opened for sending (the open handle keeps the data until the
response is closed, so nothing is left behind even if the client goes away); elsewhere it is removed when
the response closes it."""

from __future__ import annotations

import contextlib
import io
import mimetypes
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse

from tdkt.lib.vntext import fold

CONTENT_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".csv": "text/csv; charset=utf-8",
    ".pdf": "application/pdf",
}


def exports_dir() -> Path:
    directory = Path(settings.EXPORTS_DIR or Path(settings.MEDIA_ROOT) / "exports")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def new_export_path(suffix: str) -> Path:
    """A fresh, empty file of ours in the exports directory (mode 0600)."""
    handle, name = tempfile.mkstemp(suffix=suffix, prefix="export-", dir=exports_dir())
    os.close(handle)
    return Path(name)


@contextlib.contextmanager
def export_path(suffix: str) -> Iterator[Path]:
    """A temporary export file; removed when the block ends (at once if it failed), unless `send_file`
    has taken it over."""
    path = new_export_path(suffix)
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):  # already unlinked by send_file, or still open (not POSIX)
            path.unlink(missing_ok=True)


class _TemporaryDownload(io.FileIO):
    """The file being sent; removes itself when closed (where it could not be unlinked while open)."""

    def close(self) -> None:
        name = self.name
        super().close()
        with contextlib.suppress(OSError):
            os.unlink(name)


def content_disposition(filename: str) -> str:
    """`attachment; filename="…"`, with an RFC 5987 `filename*=UTF-8''…` for a Vietnamese name (and an
    unaccented `filename` for clients that do not read it)."""
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        fallback = fold(filename).encode("ascii", "replace").decode().replace("?", "_")
        return f'attachment; filename="{_quoted(fallback)}"; filename*=UTF-8\'\'{quote(filename, safe="")}'
    return f'attachment; filename="{_quoted(filename)}"'


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def send_file(path: Path | str, filename: str, *, content_type: str | None = None) -> FileResponse:
    """Stream a temporary export file as an attachment named `filename`; the file is removed after sending."""
    handle = _TemporaryDownload(str(path), "rb")
    if os.name == "posix":
        os.unlink(path)  # the open handle keeps the data until the response closes it
    suffix = Path(filename).suffix.lower()
    content_type = content_type or CONTENT_TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or \
        "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def send_stored(field, filename: str = "", *, content_type: str | None = None, inline: bool = False) -> HttpResponse:
    """An uploaded file kept in storage (a FileField's value) as an attachment named `filename` (else the stored
    name), or shown in the page when `inline` (a photo); an empty field, or a file gone from storage, is a 404.

    The caller has checked access already. With settings.MEDIA_ACCEL_PREFIX set (behind nginx, deploy/nginx) and
    the file on the local or shared file system, the response carries no body: `X-Accel-Redirect` names the file
    under that prefix, an `internal` nginx location that no client can request, and nginx sends it — a gunicorn
    worker is not held for the length of a slow download. Empty (the default), Django streams the file."""
    if not field:
        raise Http404
    filename = filename or field.name.rsplit("/", 1)[-1]
    prefix = settings.MEDIA_ACCEL_PREFIX
    if prefix and _on_file_system(field):
        if not field.storage.exists(field.name):
            raise Http404
        return _accel_response(prefix, field.name, filename, content_type, inline=inline)
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)


def send_media_path(path: Path, filename: str = "", *, content_type: str | None = None,
                    inline: bool = False) -> HttpResponse:
    """A file the system wrote under MEDIA_ROOT itself (a rendered archive page), as send_stored sends a stored
    one: through nginx behind MEDIA_ACCEL_PREFIX, else streamed; missing is a 404."""
    filename = filename or path.name
    media_root = Path(settings.MEDIA_ROOT).resolve()
    resolved = path.resolve()
    if not resolved.is_file():
        raise Http404
    if settings.MEDIA_ACCEL_PREFIX and resolved.is_relative_to(media_root):
        return _accel_response(settings.MEDIA_ACCEL_PREFIX, resolved.relative_to(media_root).as_posix(), filename,
                               content_type, inline=inline)
    return FileResponse(resolved.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type)


def _on_file_system(field) -> bool:
    """Whether nginx can read the stored file itself: a file system storage rooted at MEDIA_ROOT, which the
    internal location aliases. An object store, or a storage elsewhere, is streamed by Django."""
    storage = field.storage
    return isinstance(storage, FileSystemStorage) and \
        Path(storage.location).resolve() == Path(settings.MEDIA_ROOT).resolve()


def _accel_response(prefix: str, name: str, filename: str, content_type: str | None, *,
                    inline: bool = False) -> HttpResponse:
    # nginx decodes the URI of X-Accel-Redirect: quote the stored name (it may hold spaces or Vietnamese).
    location = prefix.rstrip("/") + "/" + quote(name.lstrip("/"), safe="/")
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = location
    if not inline:
        response["Content-Disposition"] = content_disposition(filename)
    return response


def send_export(write: Callable[[Path], Any], filename: str, *, content_type: str | None = None) -> FileResponse:
    """Run `write(path)` (an exporter writing to a file) and stream what it wrote."""
    with export_path(Path(filename).suffix) as path:
        write(path)
        return send_file(path, filename, content_type=content_type)
