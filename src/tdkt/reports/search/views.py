"""Tra cứu khen thưởng: the search page, its Excel, and the printable histories. Each view reads through one
domain function; the reader's scope is checked there (another unit's person or collective is 404)."""

from django.shortcuts import render

from tdkt.accounts.access import signed_in
from tdkt.accounts.scope import get_scope
from tdkt.audit.access import PAGE, record_personal_access, revealed
from tdkt.jobs.exporting import export_or_job, scope_params
from tdkt.reports.search import history, jobs, queries
from tdkt.reports.search.exports import MAX_ROWS, export_filename, write_history_xlsx
from tdkt.reports.search.filters import search_records
from tdkt.reports.search.forms import HistorySearchForm


@signed_in
def search(request):
    scope = get_scope(request.user)
    form = HistorySearchForm(request.GET, scope=scope)  # no criteria: every record in scope, newest first
    page = None
    if form.is_valid():
        page = queries.search_page(scope, form.criteria(), request.GET.get("page"))
        record_personal_access(request.user, queries.personal_access(page), via=PAGE, where=request.path)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/search/history.html", {"form": form, "page": page,
                                                           "query": query.urlencode()})


@signed_in
def export_xlsx(request):
    """All the results as Excel; more than EXPORT_JOB_THRESHOLD records through a background job."""
    scope = get_scope(request.user)
    form = HistorySearchForm(request.GET, scope=scope)
    if not form.is_valid():
        return render(request, "reports/search/history.html", {"form": form, "page": None}, status=400)
    criteria, shown, filename = form.criteria(), [], export_filename()
    rows = min(search_records(scope, criteria).count(), MAX_ROWS)
    return export_or_job(
        request, rows=rows, kind=jobs.HISTORY_EXPORT,
        params={"query": jobs.query_params(request.GET), "scope": scope_params(request.user, personal=True),
                "rows": rows},
        write=lambda path: write_history_xlsx(path, scope, criteria, total=rows, revealed_out=shown),
        filename=filename, audit=lambda written: jobs.record_history_export(request.user, criteria, written, shown,
                                                                            filename))


@signed_in
def person_history_print(request, pk):
    scope = get_scope(request.user)
    person = history.person_for_print(scope, pk)
    show_personal = scope.can_see_personal_data(person.unit_id)
    if show_personal:
        record_personal_access(request.user, [(person.pk, person.full_name, revealed(None, person.birth_date))],
                               via=PAGE, where=request.path)
    return render(request, "reports/search/person_print.html", {
        "person": person, "show_personal": show_personal, "timeline": history.person_history(person)})


@signed_in
def unit_history_print(request, pk):
    unit = history.unit_for_print(get_scope(request.user), pk)
    lineage = history.unit_lineage(unit)
    return render(request, "reports/search/unit_print.html", {
        "unit": unit, "predecessors": lineage[1:], "timeline": history.collective_history(lineage)})
