"""The public notices (công khai) list as Excel (tdkt.jobs.lists)."""

from tdkt.accounts.access import roles_required
from tdkt.accounts.scope import get_scope
from tdkt.dossiers.postings import queries, rules
from tdkt.jobs.lists import ListSheet, declare_list, export_list

NOTICES = "postings.notices"


def notice_rows(user, query: dict):
    notices = queries.staff_notices()
    rows = ([n.title, n.get_state_display(), n.published_on, n.ends_on, n.line_count, n.all_comments,
             n.new_comments] for n in notices.iterator())
    return notices.count(), rows


declare_list(ListSheet(
    key=NOTICES, title="DANH SÁCH THÔNG BÁO CÔNG KHAI", filename="thong-bao-cong-khai",
    columns=[("Thông báo", 50), ("Tình trạng", 16), ("Ngày đăng", 12), ("Nhận ý kiến đến", 14), ("Số người", 10),
             ("Số ý kiến", 10), ("Chưa xử lý", 10)],
    rows=notice_rows, can_access=lambda user: get_scope(user).has_role(*rules.STAFF)))


@roles_required(*rules.STAFF)
def notices_xlsx(request):
    return export_list(request, NOTICES)
