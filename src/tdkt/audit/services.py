"""Writing the audit log. Every domain service calls `record` inside its transaction."""

import datetime
import decimal

from django.db import models

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.lib.request_context import current_ip

# Fields whose values never go into the log in clear.
_SENSITIVE = {"password", "totp_secret", "national_id"}


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model) -> dict:
    """Concrete field values of a model instance, for before/after comparison (not masked: see masked).
    Bookkeeping timestamps (auto_now: updated_at, kept for the API's incremental sync) are left out: they change
    on every save and are not a change anyone made."""
    return {field.name: _plain(getattr(obj, field.attname)) for field in obj._meta.concrete_fields
            if not getattr(field, "auto_now", False)}


def masked(data: dict) -> dict:
    """What may be written to the log: sensitive values become "***" (a change still shows)."""
    return {key: ("***" if key in _SENSITIVE and value else value) for key, value in data.items()}


def diff(before: dict, after: dict) -> dict:
    changed = [key for key in after if before.get(key) != after.get(key)]
    old, new = masked({k: before.get(k) for k in changed}), masked({k: after[k] for k in changed})
    return {key: [old[key], new[key]] for key in changed}


def record(actor, action: str, obj: models.Model | None = None, *, changes: dict | None = None,
           object_type: str = "", object_repr: str = "") -> AuditEvent:
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_name=getattr(actor_obj, "username", "") or (actor if isinstance(actor, str) else ""),
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
        changes=changes or {},
        ip_address=current_ip(),
    )


def record_create(actor, obj):
    return record(actor, AuditAction.CREATE, obj, changes={"after": masked(snapshot(obj))})


def record_update(actor, obj, before: dict):
    changes = diff(before, snapshot(obj))
    if changes:
        return record(actor, AuditAction.UPDATE, obj, changes=changes)
    return None


def record_delete(actor, obj):
    return record(actor, AuditAction.DELETE, obj, changes={"before": masked(snapshot(obj))})
