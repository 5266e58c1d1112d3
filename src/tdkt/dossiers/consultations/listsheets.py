"""The consultation (hiệp y) lists as Excel: the specialist's queue and an agency's inbox (tdkt.jobs.lists)."""

from django.utils import timezone

from tdkt.accounts.access import roles_required
from tdkt.accounts.scope import get_scope
from tdkt.dossiers.consultations import queries, rules
from tdkt.jobs.lists import ListSheet, declare_list, export_list

QUEUE = "consultations.queue"
INBOX = "consultations.inbox"
OVERDUE_TEXT = "Quá hạn, chưa trả lời"


def queue_rows(user, query: dict):
    requests, today = queries.open_requests(), timezone.localdate()
    rows = ([r.dossier.title, r.dossier.unit.name, str(r.agency), r.sent_on, r.due_on,
             OVERDUE_TEXT if r.due_on and r.due_on < today else r.get_state_display()] for r in requests.iterator())
    return requests.count(), rows


def inbox_rows(user, query: dict):
    requests = queries.inbox_for_agency_user(user)
    rows = ([r.agency.name, r.dossier.unit.name, r.sent_on, r.due_on, r.get_state_display()]
            for r in requests.iterator())
    return requests.count(), rows


declare_list(ListSheet(
    key=QUEUE, title="DANH SÁCH HIỆP Y ĐANG CHỜ TRẢ LỜI", filename="hiep-y-cho-tra-loi",
    columns=[("Hồ sơ", 44), ("Đơn vị trình", 30), ("Cơ quan hiệp y", 30), ("Ngày gửi", 12), ("Hạn trả lời", 12),
             ("Tình trạng", 20)],
    rows=queue_rows, can_access=lambda user: get_scope(user).has_role(*rules.STAFF)))
declare_list(ListSheet(
    key=INBOX, title="DANH SÁCH ĐỀ NGHỊ HIỆP Y GỬI CƠ QUAN", filename="de-nghi-hiep-y",
    columns=[("Cơ quan", 30), ("Đơn vị đề nghị", 30), ("Ngày gửi", 12), ("Hạn trả lời", 12), ("Tình trạng", 20)],
    rows=inbox_rows, can_access=lambda user: get_scope(user).has_role(*rules.AGENCY_USERS)))


@roles_required(*rules.STAFF)
def queue_xlsx(request):
    return export_list(request, QUEUE)


@roles_required(*rules.AGENCY_USERS)
def inbox_xlsx(request):
    return export_list(request, INBOX)
