"""The work reports' domain functions: who may report for which unit, the period of a report, the Word draft,
a unit sending its finished report, and the province's view of who has sent theirs.

Expected senders (the units the province waits for): the active units where someone holds a current unit
officer membership (clerk or leader). They are the units that can send through the system; a unit without an
officer has nobody to produce or send its report, and listing it would only show a permanent gap."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.lib import nd30
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.orgs.models import Unit
from tdkt.orgs.report_issuer import report_issuer
from tdkt.reports.enums import ReportKind
from tdkt.reports.models import WorkReportSubmission
from tdkt.reports.models_submissions import EXTENSIONS
from tdkt.reports.periods import Period, half_year, year_end
from tdkt.reports.work import document, figures
from tdkt.workcalendar.cache import calendar_scope

MAX_PERIOD_DAYS = 731  # a report covers at most two years (and its comparison one more)


# --- who reports for what ---------------------------------------------------------------------------------


def may_report_province(user) -> bool:
    """The province's report: the standing body, and those who read the whole province (council, signers)."""
    return get_scope(user).read_all


def reporting_units(user):
    """The units this user may produce a report for: every active unit for the standing body, else the units
    the user is a clerk or leader of."""
    scope = get_scope(user)
    units = Unit.objects.active()
    if not scope.has_role(*PROVINCE_WIDE_ROLES):
        units = units.filter(pk__in=scope.officer_unit_ids)
    return units.order_by("name")


def may_see_status(user) -> bool:
    """Who has sent their report: the standing body's view."""
    return get_scope(user).has_role(*PROVINCE_WIDE_ROLES)


def officer_units(user) -> list[Unit]:
    """The units this user is a clerk or leader of (it sends their reports)."""
    return list(Unit.objects.filter(pk__in=get_scope(user).officer_unit_ids).order_by("name"))


def unit_to_send_for(user, pk) -> Unit:
    """A unit whose report this user may send (its own units and theirs below; the standing body any), else 404."""
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not get_scope(user).can_write_unit(unit.pk):
        raise Http404
    return unit


def unit_for_report(user, unit_id) -> Unit | None:
    """The unit asked for (None = the province), or 404 when this user may not report for it."""
    scope = get_scope(user)
    if unit_id in (None, ""):
        if may_report_province(user):
            return None
        if len(scope.officer_unit_ids) >= 1:  # a unit officer's report is its own unit's
            return Unit.objects.filter(pk__in=scope.officer_unit_ids).order_by("name").first()
        raise Http404
    try:
        pk = int(unit_id)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if not (scope.has_role(*PROVINCE_WIDE_ROLES) or pk in scope.officer_unit_ids):
        raise Http404
    try:
        return Unit.objects.get(pk=pk)
    except Unit.DoesNotExist as exc:
        raise Http404 from exc


def default_year(kind: str, today: datetime.date | None = None) -> int:
    """The calendar year: the half-year report is written in June or July, the year-end report in November or
    December — also after 30/11, when the statistical year just ended is the one reported (not the one begun)."""
    return (today or timezone.localdate()).year


def period_of(kind: str, year: int, start: datetime.date | None = None, end: datetime.date | None = None) -> Period:
    """The default period of the kind (half-year 01/01–30/06, year-end the statistical year), or the dates the
    officer set (both, in order, at most two years)."""
    default = half_year(year) if kind == ReportKind.HALF_YEAR else year_end(year)
    if start is None and end is None:
        return default
    start, end = start or default.start, end or default.end
    if end < start:
        raise ValidationError({"end": _("The end of the period is before its start.")})
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationError({"end": _("A report covers at most two years.")})
    return Period(start, end)


@dataclass(frozen=True)
class Draft:
    data: bytes
    filename: str
    figures: figures.WorkFigures


def draft(*, kind: str, year: int, unit=None, period: Period | None = None) -> Draft:
    """The Word draft of the report for the unit (None = the province). Aggregates only, no personal data: not
    an audited export."""
    period = period or period_of(kind, year)
    with calendar_scope():
        numbers = figures.compute(period, unit)
    built = document.build(numbers, kind=kind, year=year, issuer=report_issuer(unit))
    return Draft(nd30.to_bytes(built), document.filename(kind, year, unit), numbers)


# --- units send theirs ------------------------------------------------------------------------------------


def send(unit: Unit, *, kind: str, year: int, uploaded, by, field_label: str = "") -> WorkReportSubmission:
    """Store the unit's finished report (PDF or Word, sniffed from the bytes, size-limited). Sending again for
    the same kind and year replaces the current report; the former one is kept, marked replaced."""
    if not get_scope(by).can_write_unit(unit.pk):
        raise ValidationError(_("You may not send the report of “%(unit)s”.") % {"unit": unit})
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Choose the kind of report.")})
    try:
        upload = read_upload(uploaded, allowed={"pdf", "docx"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                             field_label=field_label or str(_("Report")))
    except UploadError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    name = (getattr(uploaded, "name", "") or f"bao-cao{EXTENSIONS[upload.kind]}")[:255]
    now = timezone.now()
    with transaction.atomic():
        current = list(WorkReportSubmission.objects.select_for_update().filter(
            unit=unit, kind=kind, year=year, replaced_at__isnull=True))
        for old in current:
            old.replaced_at = now
            old.save(update_fields=["replaced_at"])
        submission = WorkReportSubmission(unit=unit, kind=kind, year=year, file_name=name, size=len(upload.data),
                                          sha256=hashlib.sha256(upload.data).hexdigest(), sent_at=now, sent_by=by)
        submission.file.save(name, ContentFile(upload.data), save=False)
        try:
            submission.save()
            record(by, AuditAction.CREATE, submission, changes={
                "file": [None, name], "sha256": submission.sha256, "replaces": [old.pk for old in current]})
        except Exception:
            submission.file.storage.delete(submission.file.name)
            raise
    return submission


def get_submission_for_user(user, pk) -> WorkReportSubmission:
    """A sent report the user may read (the province's readers; a unit officer its units'), else 404."""
    submission = WorkReportSubmission.objects.select_related("unit").filter(pk=pk).first()
    if submission is None or not get_scope(user).can_read_unit(submission.unit_id):
        raise Http404
    return submission


def sent_by_units(user, *, limit: int = 50) -> list[WorkReportSubmission]:
    """The reports this user's units have sent, newest first (the unit officer's own list)."""
    scope = get_scope(user)
    return list(WorkReportSubmission.objects.filter(unit_id__in=scope.officer_unit_ids)
                .select_related("unit", "sent_by").order_by("-sent_at", "-id")[:limit])


# --- who has sent theirs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusRow:
    unit: Unit
    expected: bool
    current: WorkReportSubmission | None
    versions: int

    @property
    def sent(self) -> bool:
        return self.current is not None


def expected_units(today: datetime.date | None = None):
    today = today or timezone.localdate()
    officers = Membership.objects.filter(role__in=UNIT_ROLES).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today), Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    return Unit.objects.active(today).filter(pk__in=officers.values("unit_id"))


def status(kind: str, year: int) -> list[StatusRow]:
    """Every expected unit with its current report (or none), plus units that sent one without being expected
    (their officer has left since). Two queries."""
    units = {unit.pk: unit for unit in expected_units()}
    expected = set(units)
    current: dict[int, WorkReportSubmission] = {}
    versions: dict[int, int] = {}
    for submission in (WorkReportSubmission.objects.filter(kind=kind, year=year)
                       .select_related("unit", "sent_by").order_by("unit_id", "-sent_at", "-id")):
        versions[submission.unit_id] = versions.get(submission.unit_id, 0) + 1
        if submission.replaced_at is None:
            current[submission.unit_id] = submission
        units.setdefault(submission.unit_id, submission.unit)
    rows = [StatusRow(unit, unit.pk in expected, current.get(unit.pk), versions.get(unit.pk, 0))
            for unit in units.values()]
    return sorted(rows, key=lambda row: (row.sent, row.unit.name))
