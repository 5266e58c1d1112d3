"""Changing the province calendar and the step limits; each change is audited in its transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record, record_create, record_update, snapshot
from tdkt.lib import workdays
from tdkt.workcalendar.enums import ProvinceDayKind
from tdkt.workcalendar.models import ProvinceDay, StepLimit


def check_province_day(date, kind) -> None:
    """A declaration must change something: a day off on a day already off (or a make-up day on an
    ordinary working day) would be a silent no-op, most likely a typo in the date."""
    national_working = workdays.is_working_day(date)
    if kind == ProvinceDayKind.DAY_OFF and not national_working:
        raise ValidationError({"date": _("%(date)s is already a day off in the national calendar (%(name)s).") % {
            "date": date.strftime("%d/%m/%Y"),
            "name": workdays.holiday_name(date) or _("weekend")}})
    if kind == ProvinceDayKind.WORKING_DAY and national_working:
        raise ValidationError({"date": _("%(date)s is already a working day in the national calendar.") % {
            "date": date.strftime("%d/%m/%Y")}})


@transaction.atomic
def add_province_day(*, by, date, kind, name, decided_by="") -> ProvinceDay:
    check_province_day(date, kind)
    try:
        with transaction.atomic():
            day = ProvinceDay.objects.create(date=date, kind=kind, name=name.strip(), decided_by=decided_by.strip(),
                                             created_by=by if getattr(by, "is_authenticated", False) else None)
    except IntegrityError as exc:
        raise ValidationError({"date": _("The province already declared %(date)s.") % {
            "date": date.strftime("%d/%m/%Y")}}) from exc
    record_create(by, day)
    return day


@transaction.atomic
def remove_province_day(day: ProvinceDay, *, by) -> None:
    before = snapshot(day)
    record(by, AuditAction.DELETE, day, changes={"before": before})
    ProvinceDay.objects.filter(pk=day.pk).delete()


@transaction.atomic
def update_step_limit(limit: StepLimit, *, by, working_days: int, legal_basis: str) -> StepLimit:
    before = snapshot(StepLimit.objects.get(pk=limit.pk))  # the form may have changed `limit` already
    limit.working_days = working_days
    limit.legal_basis = legal_basis.strip()
    limit.save(update_fields=["working_days", "legal_basis", "updated_at"])
    record_update(by, limit, before)
    return limit
