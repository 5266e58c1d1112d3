"""The dossier lists as Excel with the page's filters (tdkt.jobs.lists): the work queue of the receiving
officers (province or a unit with an authority of its own) and a unit's inbox. The queue's filtering lives
here and the page uses it too, so the page and its file cannot drift apart."""

from itertools import islice

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.dossiers import queries
from tdkt.dossiers.forms import QueueFilterForm
from tdkt.dossiers.transitions import acts_for_province
from tdkt.jobs.lists import ListSheet, declare_list, export_list
from tdkt.orgs.models import IssuingAuthority

QUEUE = "dossiers.queue"
INBOX = "dossiers.inbox"
SPECIALISTS = (Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)
RECEIVERS = (*SPECIALISTS, Role.UNIT_CLERK, Role.UNIT_LEADER)
CHUNK = 500  # dossiers whose line counts are read in one query


def may_use_queue(user) -> bool:
    """The province's receivers, or an officer of a unit with an authority of its own (a unit without one
    receives no dossier)."""
    scope = get_scope(user)
    if not scope.has_role(*RECEIVERS):
        return False
    return acts_for_province(user) or bool(scope.officer_unit_ids & set(
        IssuingAuthority.objects.filter(unit__isnull=False).values_list("unit_id", flat=True)))


def queue_for(user, data, *, today):
    """(filter form, the queue's dossiers) for the query string `data` (a QueryDict or a plain dict)."""
    province = acts_for_province(user)
    form = QueueFilterForm(data or None, province=province)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = queries.queue_queryset(
        user=user, state=filters.get("state", ""), kind=filters.get("kind", ""), unit=filters.get("unit"),
        due=filters.get("due", ""), days=filters.get("days"), assignee=filters.get("assignee", ""), today=today,
        all_levels=filters.get("level") == "all")
    assignee_id = str((data or {}).get("assignee_id", "") or "")
    if assignee_id.isdigit():  # the overdue summary's links: one specialist's dossiers
        queryset = queryset.filter(assignee_id=int(assignee_id))
    return form, queryset


def _with_counts(dossiers):
    """The dossiers, each with .counts (lines, lines to fix), reading the counts CHUNK dossiers at a time."""
    dossiers = iter(dossiers)
    while chunk := list(islice(dossiers, CHUNK)):
        counts = queries.line_counts([d.pk for d in chunk])
        for dossier in chunk:
            dossier.counts = counts.get(dossier.pk, {"lines": 0, "to_fix": 0})
            yield dossier


def _row(dossier) -> list:
    assignee = dossier.assignee
    return [dossier.reference, dossier.title, dossier.unit.name, dossier.get_kind_display(),
            dossier.get_state_display(), dossier.counts["lines"], dossier.counts["to_fix"],
            (assignee.get_full_name() or assignee.username) if assignee else "", dossier.step_due_on]


def queue_rows(user, query: dict):
    _form, queryset = queue_for(user, query, today=timezone.localdate())
    dossiers = queryset.select_related("unit", "assignee")
    return queryset.count(), (_row(d) for d in _with_counts(dossiers.iterator(chunk_size=CHUNK)))


def inbox_rows(user, query: dict):
    dossiers = queries.dossiers_for_user(user).select_related("unit", "assignee").order_by("-id")
    return dossiers.count(), (_row(d) for d in _with_counts(dossiers.iterator(chunk_size=CHUNK)))


COLUMNS = [("Số hồ sơ", 16), ("Tên hồ sơ", 44), ("Đơn vị", 30), ("Loại", 18), ("Trạng thái", 18), ("Số dòng", 9),
           ("Cần sửa", 9), ("Chuyên viên", 22), ("Hạn bước hiện tại", 14)]
declare_list(ListSheet(key=QUEUE, title="DANH SÁCH HỒ SƠ CẦN XỬ LÝ", filename="ho-so-can-xu-ly", columns=COLUMNS,
                       rows=queue_rows, can_access=may_use_queue))
declare_list(ListSheet(key=INBOX, title="DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", filename="ho-so-de-nghi",
                       columns=COLUMNS, rows=inbox_rows,
                       can_access=lambda user: getattr(user, "is_authenticated", False)))


@roles_required(*RECEIVERS)
def queue_xlsx(request):
    if not may_use_queue(request.user):
        raise PermissionDenied
    return export_list(request, QUEUE)


@signed_in
def inbox_xlsx(request):
    return export_list(request, INBOX)
