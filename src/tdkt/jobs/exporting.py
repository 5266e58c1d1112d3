"""Small exports answer the request with the file; big ones (more than settings.EXPORT_JOB_THRESHOLD rows)
become a background job (tdkt.jobs) and the user is sent to the job's page, where a progress bar follows it.

    count = queryset.count()  # one cheap COUNT
    return export_or_job(request, rows=count, kind=SELECTION, params={"states": states, "year": year},
                         write=lambda path: exports.write_selection_xlsx(path, lines_of(), …),
                         filename="danh-sach-tong-hop.xlsx", audit=lambda written: record(…))

`write(path)` runs only on the inline path (fetch the rows inside it), and `audit(written)` is then called
with what it returned; the job kind's `run` records the same audit row itself. The kind's `can_access`
re-checks the view's access when the job starts and when its file is downloaded.

A user's read scope frozen into a job's parameters (`scope_params`) keeps a background export to what the
user could see when asking; `scope_covers` tells whether the user still sees at least that much."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.jobs.services import start_job
from tdkt.lib.downloads import export_path, send_file


def job_threshold() -> int:
    return int(getattr(settings, "EXPORT_JOB_THRESHOLD", 2000))


def is_big(rows: int) -> bool:
    """More rows than an export answered within the request may hold."""
    return rows > job_threshold()


def export_or_job(request, *, rows: int, kind: str, params: dict, write: Callable[[Path], Any], filename: str,
                  audit: Callable[[Any], None] | None = None, title: str | None = None,
                  content_type: str | None = None):
    """The export streamed (rows ≤ threshold: `write(path)`, then `audit(what write returned)`), or a job
    of `kind` with `params` started for request.user and a redirect to its page (PermissionDenied when
    the kind's can_access refuses)."""
    if is_big(rows):
        job = start_job(kind, by=request.user, params=params, title=title)
        messages.info(request, _("Large list (%(rows)s rows): the system is preparing the file in the background. "
                                 "This page shows how far it is; the file can be downloaded here when it is "
                                 "ready.") % {"rows": number_format(rows, force_grouping=True)})
        return redirect("jobs:detail", pk=job.pk)
    with export_path(Path(filename).suffix) as path:
        written = write(path)
        if audit is not None:
            audit(written)
        return send_file(path, filename, content_type=content_type)


# --- a read scope frozen into a job's parameters -------------------------------------------------------


def scope_params(user, *, personal: bool = False) -> dict:
    """What the user may read now, as plain values: {"all": True} or {"units": [ids]}; with `personal`, also
    whose personal data they may see ("personal_all", "personal_units")."""
    scope = get_scope(user)
    frozen: dict = {"all": True} if scope.read_all else {"all": False, "units": sorted(scope.readable_unit_ids)}
    if personal:
        frozen["personal_all"] = scope.personal_data_all
        frozen["personal_units"] = [] if scope.personal_data_all else sorted(scope.personal_data_unit_ids)
    return frozen


def scope_covers(user, frozen: dict | None) -> bool:
    """Whether the user still reads (and sees the personal data of) everything `frozen` allowed."""
    if not frozen or not getattr(user, "is_authenticated", False):
        return False
    scope = get_scope(user)
    if frozen.get("all"):
        if not scope.read_all:
            return False
    elif not scope.read_all and not set(frozen.get("units", ())) <= scope.readable_unit_ids:
        return False
    if frozen.get("personal_all"):
        return scope.personal_data_all
    return scope.personal_data_all or set(frozen.get("personal_units", ())) <= scope.personal_data_unit_ids


def frozen_can_read(frozen: dict, unit_id) -> bool:
    return bool(frozen.get("all")) or unit_id in set(frozen.get("units", ()))


def frozen_personal(frozen: dict) -> Callable[[int], bool]:
    """can_see_personal_data(unit_id) as the frozen scope allowed it."""
    if frozen.get("personal_all"):
        return lambda unit_id: True
    units = frozenset(frozen.get("personal_units", ()))
    return lambda unit_id: unit_id in units
