"""The unit tree as Excel, in the page's order, with its "dissolved units too" choice (tdkt.jobs.lists)."""

from tdkt.accounts.access import signed_in
from tdkt.jobs.lists import ListSheet, declare_list, export_list
from tdkt.orgs import queries

UNITS = "orgs.tree"
INDENT = "    "  # each level of the tree indents the name (text, never a formula)


def unit_rows(user, query: dict):
    rows = queries.unit_tree_rows(user, include_dissolved=query.get("dissolved") == "1")
    return len(rows), ([row.depth + 1, INDENT * row.depth + row.name, row.short_name, row.code, row.kind_label,
                        "Đã giải thể" if row.dissolved else ""] for row in rows)


declare_list(ListSheet(
    key=UNITS, title="DANH SÁCH CƠ QUAN, ĐƠN VỊ", filename="danh-sach-don-vi",
    columns=[("Cấp", 6), ("Tên cơ quan, đơn vị", 60), ("Tên viết tắt", 16), ("Mã", 14), ("Loại", 24),
             ("Ghi chú", 14)],
    rows=unit_rows, can_access=lambda user: getattr(user, "is_authenticated", False)))


@signed_in
def units_xlsx(request):
    return export_list(request, UNITS)
