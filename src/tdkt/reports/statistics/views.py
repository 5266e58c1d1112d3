"""/reports/forms/: the statutory forms of a circular; one form for a statistical year and a reporting unit
(checks and warnings above the table, every non-zero cell a link); the records behind a cell; Excel and PDF.
Each view resolves the request (statistics.access, statistics.service) and calls one domain function."""

from __future__ import annotations

import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from tdkt.accounts.access import signed_in
from tdkt.lib.paging import cheap_page
from tdkt.lib.sheets import XLSX_TYPE
from tdkt.orgs.models import Unit
from tdkt.reports.periods import statistical_year_of
from tdkt.reports.statistics import definitions, service
from tdkt.reports.statistics.access import province_wide, reporting_unit
from tdkt.reports.statistics.excel import write_form
from tdkt.reports.statistics.pdf import PDF_TYPE, render_form
from tdkt.reports.statistics.sources import SOURCES

PER_PAGE = 50


def _circular(slug: str):
    circular = definitions.circular(slug)
    if circular is None:
        raise Http404
    return circular


def _request(request, slug: str, number: str):
    """(FormRequest, query string) from the URL and ?year=&unit=; 404 on an unknown form or another unit."""
    circular = _circular(slug)
    year = request.GET.get("year") or statistical_year_of(timezone.localdate())
    try:
        definition = service.find_definition(number, circular.id)
        year = service.parse_year(year)
    except service.BadRequest as exc:
        raise Http404(str(exc)) from exc
    unit = reporting_unit(request.user, request.GET.get("unit"))
    query = {"year": year} | ({"unit": unit.pk} if unit is not None else {})
    return service.FormRequest(definition, year, unit), urlencode(query)


@signed_in
def form_list(request):
    circular = _circular(request.GET.get("circular") or definitions.DEFAULT_CIRCULAR)
    return render(request, "reports/statistics/forms.html", {
        "circular": circular, "forms": circular.forms(), "circulars": definitions.circulars(),
        "year": statistical_year_of(timezone.localdate())})


def _unit_choices(request):
    """Province-wide officers choose the province or a unit of the first two levels (one query)."""
    if not province_wide(request.user):
        return []

    return list(Unit.objects.filter(parent__parent__isnull=True).order_by("parent_id", "name").values_list("pk", "name"))


@signed_in
def form_detail(request, circular, form):
    form_request, query = _request(request, circular, form)
    result = service.compute_form(form_request)

    def href(row, column) -> str:
        return reverse("reports:form_cell", kwargs={"circular": circular, "form": form, "row": row.code,
                                                    "column": column.number}) + "?" + query

    # Every non-zero cell links to the records behind it.
    table = [(row, [(column, count, href(row, column) if count else "") for column, count in cells])
             for row, cells in result.table()]
    return render(request, "reports/statistics/form.html", {
        "result": result, "definition": result.definition, "table": table, "query": query,
        "slug": circular, "units": _unit_choices(request), "unit": form_request.unit,
        "years": range(result.year + 1, result.year - 9, -1), "failed": result.failed_checks})


@signed_in
def form_cell(request, circular, form, row, column):
    form_request, query = _request(request, circular, form)
    definition = form_request.definition
    form_row, form_column = definition.row(row), definition.column(column)
    if form_row is None or form_column is None or form_row.filter is None:
        raise Http404
    period = service.statistical_year(form_request.year)
    items = SOURCES[definition.source].items(period, form_request.unit, definition.base,
                                              {"all": [form_row.filter, form_column.filter]})
    page = cheap_page(items, request.GET.get("page"), PER_PAGE)
    return render(request, "reports/statistics/cell.html", {
        "definition": definition, "row": form_row, "column": form_column, "page": page, "year": form_request.year,
        "period": period, "unit": form_request.unit, "slug": circular, "query": query,
        "template": f"reports/statistics/cell_{definition.source}.html"})


def _filename(result, extension: str) -> str:
    unit = "" if result.unit is None else f"-{result.unit.code}"
    return f"bieu-{result.definition.number}-{result.year}{unit}.{extension}"


@signed_in
def form_xlsx(request, circular, form):

    form_request, _query = _request(request, circular, form)
    result = service.compute_form(form_request)
    buffer = io.BytesIO()
    write_form(result, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(result, "xlsx")}"'
    return response


@signed_in
def form_pdf(request, circular, form):

    form_request, _query = _request(request, circular, form)
    result = service.compute_form(form_request)
    response = HttpResponse(render_form(result), content_type=PDF_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(result, "pdf")}"'
    return response

