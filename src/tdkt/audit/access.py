"""The access log of personal data: who saw which person's full citizen ID or birth date, when, how, where.

Each page, export or command that reveals them records one row per person revealed (an audit row with the
action "view_personal"), all of a page or a file in ONE bulk insert: the query count does not grow with the
number of persons. The rows live in the append-only audit log, so they are kept as long as it is (never
deleted by the application; docs/privacy.md, "Retention")."""

from collections.abc import Iterable

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.lib.request_context import current_ip

NATIONAL_ID, BIRTH_DATE = "national_id", "birth_date"
# How the data left the system.
PAGE, EXPORT, API, COMMAND = "page", "export", "api", "command"
BATCH_SIZE = 1000


def record_personal_access(actor, persons: Iterable[tuple[int, str, tuple[str, ...]]], *, via: str,
                           where: str = "") -> int:
    """Log the persons revealed: `persons` yields (person id, name, fields revealed); persons with no field
    revealed are skipped. `where` is the page path or the file name. Returns the number of rows written."""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    actor_name = getattr(actor_obj, "username", "") or (actor if isinstance(actor, str) else "")
    ip = current_ip()
    rows = [AuditEvent(actor=actor_obj, actor_name=actor_name, action=AuditAction.VIEW_PERSONAL,
                       object_type="people.person", object_id=str(pk), object_repr=str(name)[:255],
                       changes={"fields": sorted(fields), "via": via, "where": where[:500]}, ip_address=ip)
             for pk, name, fields in persons if fields]
    AuditEvent.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def revealed(national_id, birth_date) -> tuple[str, ...]:
    """The fields a row shows in full (a masked ID or a bare year reveals nothing)."""
    return tuple(name for name, value in ((NATIONAL_ID, national_id), (BIRTH_DATE, birth_date)) if value)
