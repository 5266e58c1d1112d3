"""The council meetings list as Excel (tdkt.jobs.lists)."""

from django.db.models import Count

from tdkt.accounts.access import roles_required
from tdkt.accounts.scope import get_scope
from tdkt.council import queries
from tdkt.jobs.lists import ListSheet, declare_list, export_list

MEETINGS = "council.meetings"


def meeting_rows(user, query: dict):
    meetings = queries.meetings_for_user(user).annotate(item_count=Count("items")).order_by("-date", "-number")
    rows = ([m.date, str(m), m.council.name, m.place, m.item_count, m.get_state_display()]
            for m in meetings.iterator())
    return meetings.count(), rows


declare_list(ListSheet(
    key=MEETINGS, title="DANH SÁCH PHIÊN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", filename="danh-sach-phien-hop",
    columns=[("Ngày họp", 12), ("Phiên họp", 40), ("Hội đồng", 40), ("Địa điểm", 24), ("Số hồ sơ", 9),
             ("Trạng thái", 16)],
    rows=meeting_rows, can_access=lambda user: get_scope(user).has_role(*queries.VIEW_ROLES)))


@roles_required(*queries.VIEW_ROLES)
def meetings_xlsx(request):
    return export_list(request, MEETINGS)
