"""Audit rows for models with a file field: the stored file's name goes into the log, not the file object
(tdkt.audit.services.snapshot keeps raw field values, which a FieldFile is not)."""

from django.db.models.fields.files import FieldFile

from tdkt.audit.models import AuditAction
from tdkt.audit.services import diff, masked, record, snapshot


def file_safe_snapshot(obj) -> dict:
    return {key: (value.name or "" if isinstance(value, FieldFile) else value) for key, value in snapshot(obj).items()}


def record_created(by, obj):
    return record(by, AuditAction.CREATE, obj, changes={"after": masked(file_safe_snapshot(obj))})


def record_updated(by, obj, before: dict):
    changes = diff(before, file_safe_snapshot(obj))
    return record(by, AuditAction.UPDATE, obj, changes=changes) if changes else None
