"""The movements list as Excel, with the page's filters (tdkt.jobs.lists)."""

from tdkt.accounts.access import signed_in
from tdkt.jobs.lists import ListSheet, declare_list, export_list
from tdkt.movements import queries
from tdkt.movements.forms import MovementFilterForm

MOVEMENTS = "movements.list"


def movement_rows(user, query: dict):
    form = MovementFilterForm(query or None)
    filters = form.cleaned_data if form.is_valid() else {}
    movements = queries.movements(level=filters.get("level"), kind=filters.get("kind"), year=filters.get("year"))
    rows = ([m.name, m.authority, m.get_level_display(), m.get_kind_display(), m.start_date, m.end_date,
             m.milestone_count] for m in movements.iterator())
    return movements.count(), rows


declare_list(ListSheet(
    key=MOVEMENTS, title="DANH SÁCH PHONG TRÀO THI ĐUA", filename="danh-sach-phong-trao",
    columns=[("Phong trào", 50), ("Cơ quan phát động", 30), ("Cấp phát động", 16), ("Loại", 16),
             ("Ngày bắt đầu", 12), ("Ngày kết thúc", 12), ("Số mốc", 8)],
    rows=movement_rows, can_access=lambda user: getattr(user, "is_authenticated", False)))


@signed_in
def movements_xlsx(request):
    return export_list(request, MOVEMENTS)
