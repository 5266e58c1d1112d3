"""Writes of the dashboards: the province's equity targets (audited: they are the yardstick of the figures)."""

from django.db import transaction

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.reports.models import EquityTarget


@transaction.atomic
def set_target(*, measure: str, from_year: int, percent, note: str, by) -> EquityTarget:
    """Set the target of a measure from a statistical year (replacing the one set for that year)."""
    target, created = EquityTarget.objects.update_or_create(
        measure=measure, from_year=from_year, defaults={"percent": percent, "note": note, "updated_by": by})
    record(by, AuditAction.CREATE if created else AuditAction.UPDATE, target,
           changes={"measure": measure, "from_year": from_year, "percent": str(percent), "note": note})
    return target
