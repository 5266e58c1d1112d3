"""The decisions list and the reward-fund ledger as Excel, with the page's filters (tdkt.jobs.lists)."""

from itertools import batched

from tdkt.accounts.access import roles_required, signed_in
from tdkt.decisions import forms, payments, queries, rules
from tdkt.decisions.models import RewardFund
from tdkt.jobs.lists import ListSheet, declare_list, export_list

DECISIONS = "decisions.list"
FUND = "decisions.fund"
CHUNK = 500


def decision_rows(user, query: dict):
    form = forms.DecisionFilterForm(query or None)
    filters = form.cleaned_data if form.is_valid() else {}
    decisions = queries.decisions_for_user(user, state=filters.get("state"), year=filters.get("year"),
                                           award_type_id=getattr(filters.get("award"), "pk", None))
    decisions = decisions.order_by("-year", "-number", "-id")
    def rows():
        for chunk in batched(decisions.iterator(chunk_size=CHUNK), CHUNK):  # line totals one chunk at a time
            for d in queries.add_line_totals(user, chunk):
                yield [d.number_text or "", d.decision_date, d.title, str(d.authority or ""), d.get_kind_display(),
                       d.get_state_display(), d.line_count or 0, int(d.total_amount or 0)]

    return decisions.count(), rows()


def chosen_fund(query: dict):
    funds = RewardFund.objects.select_related("authority").order_by("id")
    wanted = str(query.get("fund", ""))
    return funds.filter(pk=int(wanted)).first() if wanted.isdigit() else funds.first()


def fund_rows(user, query: dict):
    fund = chosen_fund(query)
    lines, _balance = payments.ledger(fund) if fund else ([], 0)
    rows = ([row.entry.entry_date, row.entry.description
             + (f" (Quyết định số {row.entry.decision.number_text})" if row.entry.decision_id else ""),
             row.entry.document_reference, row.entry.voucher_number, row.entry.payer,
             row.entry.amount if row.entry.kind == "receipt" else None,
             row.entry.amount if row.entry.kind == "spending" else None, row.balance] for row in lines)
    return len(lines), rows


declare_list(ListSheet(
    key=DECISIONS, title="DANH SÁCH QUYẾT ĐỊNH KHEN THƯỞNG", filename="danh-sach-quyet-dinh",
    columns=[("Số quyết định", 16), ("Ngày", 12), ("Trích yếu", 50), ("Cơ quan ban hành", 30), ("Loại", 16),
             ("Trạng thái", 16), ("Số dòng", 9), ("Tiền thưởng (đồng)", 16)],
    rows=decision_rows, can_access=lambda user: getattr(user, "is_authenticated", False)))
declare_list(ListSheet(
    key=FUND, title="SỔ QUỸ THI ĐUA, KHEN THƯỞNG", filename="so-quy-thi-dua-khen-thuong",
    columns=[("Ngày", 12), ("Diễn giải", 50), ("Văn bản", 24), ("Số chứng từ", 14), ("Người chi", 20),
             ("Thu (đồng)", 15), ("Chi (đồng)", 15), ("Tồn quỹ (đồng)", 16)],
    rows=fund_rows, can_access=rules.can_see_fund))


@signed_in
def decisions_xlsx(request):
    return export_list(request, DECISIONS)


@roles_required(*rules.FUND_READERS)
def fund_xlsx(request):
    return export_list(request, FUND)
