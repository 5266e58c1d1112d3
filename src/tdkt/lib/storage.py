"""The file storage of uploads and generated files: a storage failure (unwritable or missing media folder, full
disk) becomes a Vietnamese message instead of an HTTP 500, and /healthz can probe it.

Why a ValidationError: the views that store an upload already put a domain ValidationError on their form
(tdkt.lib.forms.apply_validation_error), so the officer sees the message on the form they sent, and the
transaction around the save is rolled back (nothing half-saved). A view that does not catch it is covered by
tdkt.core.middleware.StorageErrorMiddleware.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.translation import gettext as _


class StorageUnavailable(ValidationError):  # noqa: N818 - reads as a state, like Django's PermissionDenied
    """The file could not be written: the message says so in Vietnamese, the cause is chained."""


def storage_message() -> str:
    return _("The file could not be saved: the server's file storage cannot be written to. Nothing was saved; "
             "please tell the system administrator.")


class CheckedFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose write failures raise StorageUnavailable."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as exc:
            raise StorageUnavailable(storage_message(), code="storage_unavailable") from exc


def probe_storage(storage=None) -> dict:
    """Write, read back and delete a small file: {"status": "ok"} or {"status": "error", "error": …}."""
    storage = storage or default_storage
    name = f"healthz/{uuid.uuid4().hex}.txt"
    try:
        stored = storage.save(name, ContentFile(b"ok"))
        try:
            with storage.open(stored, "rb") as handle:
                if handle.read() != b"ok":
                    return {"status": "error", "error": "read back differs"}
        finally:
            storage.delete(stored)
    except (OSError, StorageUnavailable) as exc:
        cause = exc.__cause__ or exc
        return {"status": "error", "error": cause.__class__.__name__}
    return {"status": "ok"}
