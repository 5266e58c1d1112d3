"""The statutory statistical forms as the API reads them: the same definitions, the same computation and the same
layout (header, rows and columns) as the screens, the Excel and the PDF (tdkt.reports.statistics), within the
same unit scope (tdkt.reports.statistics.access: a unit's user reads the own units' forms, another unit's is 404;
the standing body reads the province or any unit).

The API is an entry point above tdkt.reports in the layers contract: it may read the reports, never the other
way round."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.utils import timezone

from tdkt.orgs.models import Unit
from tdkt.reports.periods import statistical_year, statistical_year_of
from tdkt.reports.statistics import definitions, layout, service
from tdkt.reports.statistics.access import own_unit_ids, province_wide, reporting_unit
from tdkt.reports.statistics.compute import FormResult

YEARS_LISTED = 10  # the statistical years the catalogue lists (the screen's year chooser offers as many)


def _circular(id_or_slug: str) -> definitions.Circular:
    circular = definitions.circular(id_or_slug or definitions.DEFAULT_CIRCULAR)
    if circular is None:
        raise Http404
    return circular


def _period(year: int) -> dict:
    period = statistical_year(year)
    return {"year": year, "period_from": period.start, "period_to": period.end}


def catalogue(user) -> dict:
    """Every circular with its forms, the statistical years to ask for, and the units the user may ask for (the
    province itself and any unit for the standing body; else the own units). Two queries at most."""
    current = statistical_year_of(timezone.localdate())
    wide = province_wide(user)
    units = [] if wide else list(Unit.objects.filter(pk__in=own_unit_ids(user)).order_by("code")
                                 .values("id", "code", "name"))
    return {
        "default_circular": definitions.DEFAULT_CIRCULAR,
        "circulars": [{
            "id": circular.id, "slug": circular.slug, "title": circular.title, "status": circular.status,
            "confirmed": circular.confirmed, "receiving_unit": circular.receiving_unit,
            "forms": [{"form": form.number, "code": form.code, "title": form.title, "unit_of_count": form.unit_of_count,
                       "source": form.source} for form in circular.forms()],
        } for circular in definitions.circulars()],
        "current_year": current,
        "years": [_period(year) for year in range(current, current - YEARS_LISTED, -1)],
        "province_wide": wide,
        "units": units,
    }


def form_result(user, number: str, *, year: int | None, unit_id: int | None, circular: str = "") -> FormResult:
    """The form computed for the year (None: the current statistical year) and the unit asked for (None: the
    province for the standing body, the first own unit for the others). Http404 for an unknown circular or form
    or a unit outside the user's; service.BadRequest for a year outside the statistical years."""
    definition = _circular(circular).form(number)
    if definition is None:
        raise Http404
    year = service.parse_year(statistical_year_of(timezone.localdate()) if year is None else year)
    unit = reporting_unit(user, unit_id)
    return service.compute_form(service.FormRequest(definition, year, unit))


def _receipt_date(result: FormResult) -> datetime.date | None:
    """The day the form shows ("Ngày nhận báo cáo": the circular's day and month, the period's last year)."""
    try:
        day, month = (int(part) for part in result.definition.circular.receipt_day.split("/"))
        return datetime.date(result.period.end.year, month, day)
    except ValueError:
        return None


def form_answer(result: FormResult) -> dict:
    """The form as the Excel and the PDF show it: header lines, columns, rows (label, code, a count per column;
    none for heading rows), then the consistency checks and the warnings."""
    definition, unit = result.definition, result.unit
    return {
        "form": definition.number, "code": definition.code, "title": definition.title,
        "unit_of_count": definition.unit_of_count,
        "circular": {"id": definition.circular.id, "slug": definition.circular.slug,
                     "title": definition.circular.title, "status": definition.circular.status,
                     "confirmed": definition.circular.confirmed},
        **_period(result.year),
        "receipt_date": _receipt_date(result),
        "reporting_unit_id": None if unit is None else unit.pk,
        "reporting_unit_code": None if unit is None else unit.code,
        "reporting_unit_name": layout.reporting_unit_name(unit),
        "receiving_unit": definition.circular.receiving_unit,
        "header": [line.text for line in layout.header_lines(result)],
        "columns": [{"number": column.number, "label": column.label, "group": column.group}
                    for column in definition.columns],
        "rows": [{"code": row.code, "label": row.label, "indent": row.indent, "heading": row.filter is None,
                  "added": row.added, "note": row.note,
                  "values": None if row.filter is None else [count for _column, count in cells]}
                 for row, cells in result.table()],
        "checks": [{"kind": check.kind, "total": check.total, "parts": list(check.parts), "at": check.at,
                    "total_value": check.total_value, "parts_value": check.parts_value, "ok": check.ok}
                   for check in result.checks],
        "checks_ok": not result.failed_checks,
        "warnings": [{"code": warning.code, "message": warning.message, "count": warning.count}
                     for warning in result.warnings],
    }


def form_figures(user, number: str, *, year: int | None, unit_id: int | None, circular: str = "") -> dict:
    """form_answer(form_result(…)): what GET /api/v1/statistics/forms/{form} answers."""
    return form_answer(form_result(user, number, year=year, unit_id=unit_id, circular=circular))
