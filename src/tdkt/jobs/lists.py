"""Excel of a list page, with the page's filters: one declaration per list, one view helper, one job kind.

An app declares each list it exports (in its `jobs` module, autodiscovered like the job kinds):

    declare_list(ListSheet(key="decisions.list", title="DANH SÁCH QUYẾT ĐỊNH KHEN THƯỞNG",
                           filename="danh-sach-quyet-dinh", columns=[("Số", 14), ("Ngày ký", 12), …],
                           rows=decision_rows, can_access=can_read_decisions))

`rows(user, query)` answers (count, iterator of value lists) for what `user` sees on the page with the query
string `query` (a plain dict of strings: the page's filters) — the same queryset function the page uses, so
the file holds what the page lists, every page of it. `export_list(request, key)` answers the file, or,
beyond EXPORT_JOB_THRESHOLD rows, starts the "jobs.list_export" job, which runs `rows` again as the requester
(their scope of then, re-checked by `can_access`) and writes the same file. The file is document text
(Vietnamese headings); values go through tdkt.lib.sheets (no formulas, dates dd/mm/yyyy)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.jobs.exporting import export_or_job
from tdkt.jobs.registry import register
from tdkt.lib.sheets import SheetWriter

LIST_EXPORT = "jobs.list_export"
EXPORT_TIME_LIMIT = 1800
MAX_QUERY_LENGTH = 2000  # a page's filters are short; a longer query string is not kept in a job


@dataclass(frozen=True)
class ListSheet:
    key: str
    title: str  # the sheet's title row (document text: Vietnamese)
    filename: str  # without extension; the date and time are appended
    columns: Sequence[tuple[str, float]]  # (heading, width in Excel character units)
    rows: Callable[[Any, dict], tuple[int, Iterable[Sequence[Any]]]]
    can_access: Callable[[Any], bool]


_LISTS: dict[str, ListSheet] = {}


def declare_list(sheet: ListSheet) -> ListSheet:
    _LISTS[sheet.key] = sheet
    return sheet


def get_list(key: str) -> ListSheet:
    try:
        return _LISTS[key]
    except KeyError:
        raise LookupError(f"no list export {key!r} is declared") from None


def plain_query(querydict) -> dict[str, str]:
    """The page's query string as {name: last value}, without the page number."""
    query = {name: querydict.get(name, "") for name in querydict if name != "page"}
    return {name: str(value)[:200] for name, value in query.items() if value not in ("", None)}


def filename_of(sheet: ListSheet) -> str:
    return f"{sheet.filename}-{timezone.localtime().strftime('%Y%m%d-%H%M')}.xlsx"


def write_list_xlsx(target, sheet: ListSheet, rows: Iterable[Sequence[Any]], *, progress=None) -> int:
    """The list as one sheet: title, date line, a heading row with "STT" first, then one row per item."""
    written = 0
    with SheetWriter(target) as book:
        title, heading = book.style(bold=True, size=14, align="center"), book.style(bold=True, border=1,
                                                                                   bg_color="#EEF1F5")
        body, note = book.style(border=1), book.style(italic=True)
        widths = [6, *(width for _heading, width in sheet.columns)]
        out = book.sheet("Danh sách", widths=widths,
                         landscape=len(widths) > 6)
        out.row([sheet.title], title, merge=(0, len(widths) - 1))
        out.row([f"Ngày lập: {timezone.localdate():%d/%m/%Y}"], note, merge=(0, len(widths) - 1))
        out.row(["STT", *(heading_text for heading_text, _width in sheet.columns)], heading)
        for values in rows:
            written += 1
            out.row([written, *values], body)
            if progress is not None:
                progress.advance()
    return written


def export_list(request, key: str):
    """The list `key` as Excel with the filters of request.GET (a background job for a big list)."""
    sheet = get_list(key)
    if not sheet.can_access(request.user):
        raise PermissionDenied
    query = plain_query(request.GET)
    if len(str(query)) > MAX_QUERY_LENGTH:
        query = {}
    count, rows = sheet.rows(request.user, query)
    filename = filename_of(sheet)
    return export_or_job(request, rows=count, kind=LIST_EXPORT, params={"list": key, "query": query},
                         write=lambda path: write_list_xlsx(path, sheet, rows), filename=filename,
                         title=_("Excel of the list: %(name)s") % {"name": sheet.title.capitalize()})


def can_export_list(user, params: dict) -> bool:
    sheet = _LISTS.get(params.get("list", ""))
    return bool(getattr(user, "is_authenticated", False) and sheet is not None and sheet.can_access(user))


def run_list_export(job, progress) -> None:
    """Runs the list's query again as the requester: what they may see when the job runs, never more."""
    user, params = get_user_model().objects.get(pk=job.created_by_id), job.params
    if not can_export_list(user, params):
        raise ValidationError(_("You may no longer see this list; the file was not made."))
    sheet = get_list(params["list"])
    count, rows = sheet.rows(user, dict(params.get("query") or {}))
    progress.set_total(count)
    write_list_xlsx(progress.result_path(filename_of(sheet)), sheet, rows, progress=progress)


register(LIST_EXPORT, title=gettext_lazy("Excel of a list"), run=run_list_export, can_access=can_export_list,
         retry_safe=True, time_limit=EXPORT_TIME_LIMIT)
