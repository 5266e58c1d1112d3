"""Background jobs of dossiers (tdkt.jobs). Big nominee lists (tdkt.jobs.exporting): the consolidated list of
a specialist's selection and a dossier's own list, in Excel or Word, when they hold more than
EXPORT_JOB_THRESHOLD lines; they only compute a file: retry-safe. A large dossier's lines decided as a sheet
(DECIDE_SHEET, bulk.decide_sheet): it changes states, in one transaction. Each re-checks the view's access when it
starts and when its file is downloaded, and records the same audit row as the inline export."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.dossiers import (
    bulk,
    exports,
    listsheets,  # noqa: F401  (declares the Excel of the queue and the inbox)
)
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.queries import get_dossier_for_user
from tdkt.dossiers.transitions import NOMINATION
from tdkt.jobs.registry import register

SELECTION = "dossiers.export_selection"
DOSSIER_LIST = "dossiers.export_list"
FORMATS = ("xlsx", "docx")
EXPORT_TIME_LIMIT = 1800


def _requester(job):
    return get_user_model().objects.get(pk=job.created_by_id)


def _refuse_without(can_access, user, params) -> None:
    if not can_access(user, params):
        raise ValidationError(_("You may no longer see this list; the file was not made."))


# --- the consolidated list (specialists' selection) ------------------------------------------------------


SELECTION_ROLES = (Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN, Role.COUNCIL_SECRETARY)  # as the view


def can_export_selection(user, params: dict) -> bool:
    return (getattr(user, "is_authenticated", False) and params.get("format") in FORMATS
            and get_scope(user).has_role(*SELECTION_ROLES))


def issuer_for(user) -> str:
    membership = user.memberships.select_related("unit").filter(unit__isnull=False).first()
    return membership.unit.name if membership else f"Sở Nội vụ tỉnh {settings.PROVINCE_NAME}"


def selection_filename(fmt: str) -> str:
    return f"danh-sach-tong-hop.{fmt}"


def record_selection_export(user, params: dict, lines: int) -> None:
    record(user, AuditAction.EXPORT, object_type="dossiers.nomination", object_repr=_("Consolidated nominee list"),
           changes={"states": params["states"], "year": params["year"], "format": params["format"], "lines": lines})


def write_selection(path, user, params: dict, *, progress=None) -> int:
    """The consolidated list of `params` (states, year, format) written to `path`; the number of lines."""
    today = timezone.localdate()
    lines = exports.selection_lines(states=params["states"], year=params["year"])
    if params["format"] == "docx":
        return exports.write_selection_docx(path, lines, issuer=issuer_for(user), year=params["year"], today=today,
                                            progress=progress)
    return exports.write_selection_xlsx(path, lines, year=params["year"], today=today, progress=progress)


def run_selection(job, progress) -> None:
    user, params = _requester(job), job.params
    _refuse_without(can_export_selection, user, params)
    progress.set_total(exports.count_selection_lines(states=params["states"], year=params["year"]))
    lines = write_selection(progress.result_path(selection_filename(params["format"])), user, params,
                            progress=progress)
    record_selection_export(user, params, lines)


# --- a dossier's own list -------------------------------------------------------------------------------


def can_export_dossier(user, params: dict) -> bool:
    if not getattr(user, "is_authenticated", False) or params.get("format") not in FORMATS:
        return False
    try:
        get_dossier_for_user(user, params.get("dossier"))
    except Http404:
        return False
    return True


def dossier_filename(dossier, fmt: str) -> str:
    return f"danh-sach-{dossier.pk}.{fmt}"


def record_dossier_export(user, dossier, fmt: str) -> None:
    record(user, AuditAction.EXPORT, dossier, changes={"list": fmt})


def write_dossier(path, dossier, fmt: str, *, progress=None) -> int:
    if fmt == "docx":
        return exports.write_dossier_docx(path, dossier, progress=progress)
    return exports.write_dossier_xlsx(path, dossier, today=timezone.localdate(), progress=progress)


def run_dossier_list(job, progress) -> None:
    user, params = _requester(job), job.params
    _refuse_without(can_export_dossier, user, params)
    dossier = Dossier.objects.select_related("unit").get(pk=params["dossier"])
    progress.set_total(exports.count_dossier_lines(dossier))
    write_dossier(progress.result_path(dossier_filename(dossier, params["format"])), dossier, params["format"],
                  progress=progress)
    record_dossier_export(user, dossier, params["format"])


# --- a large dossier decided as a sheet (bulk.decide_sheet) ---------------------------------------------

DECIDE_SHEET = "dossiers.decide_sheet"
DECIDE_TIME_LIMIT = 900


def may_decide_lines(user, dossier) -> bool:
    """The actor of the lines' "accept" transition on this dossier (asked of one line: all share it)."""
    line = Nomination.objects.filter(dossier=dossier).select_related("dossier").first()
    return line is not None and NOMINATION.acts_as(user, line, NOMINATION["accept"].actor)


def can_decide_sheet(user, params: dict) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    try:
        dossier = get_dossier_for_user(user, params.get("dossier"))
    except Http404:
        return False
    return may_decide_lines(user, dossier)


def run_decide_sheet(job, progress) -> None:
    user, params = _requester(job), job.params
    if not can_decide_sheet(user, params):
        raise ValidationError(_("You may no longer decide the lines of this dossier; nothing was changed."))
    dossier = Dossier.objects.select_related("unit").get(pk=params["dossier"])
    bulk.decide_sheet(dossier, by=user, exceptions=params.get("exceptions") or {},
                      rejections=params.get("rejections") or {}, progress=progress)
    progress.set_link(reverse("dossiers:appraise", args=[dossier.pk]))


# Registered when tdkt.jobs autodiscovers the apps' `jobs` modules (JobsConfig.ready()).
register(SELECTION, title=gettext_lazy("Consolidated nominee list"), run=run_selection,
         can_access=can_export_selection, retry_safe=True, time_limit=EXPORT_TIME_LIMIT)
register(DOSSIER_LIST, title=gettext_lazy("Nominee list of a dossier"), run=run_dossier_list,
         can_access=can_export_dossier, retry_safe=True, time_limit=EXPORT_TIME_LIMIT)
# Not retry-safe: it changes states (in one transaction: a dead worker leaves nothing half-done).
register(DECIDE_SHEET, title=gettext_lazy("Accept all eligible lines of a dossier"), run=run_decide_sheet,
         can_access=can_decide_sheet, retry_safe=False, time_limit=DECIDE_TIME_LIMIT)
