"""Bonus payments and the reward fund (quỹ thi đua, khen thưởng; NĐ152 Đ46–49).

- Per decision: the bonus of each recipient and the totals per group, exported to Excel for the finance
  office (VND with thousands separators, dates dd/mm/yyyy).
- The fund ledger: receipts and spending with dates, amounts and document references, and the running
  balance. The payout of a signed decision is posted once as spending (`post_payout`); a mistake is
  undone by a counter-entry, never by editing (the ledger is append-only for the application)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.decisions.documents import GROUP_NOUNS, GROUP_ORDER
from tdkt.decisions.enums import ISSUED_STATES, FundEntryKind
from tdkt.decisions.models import RewardFund, RewardFundEntry
from tdkt.dossiers.state import actor_user
from tdkt.lib.progress import Progress, Ticker
from tdkt.lib.sheets import XLSX_TYPE as XLSX_TYPE
from tdkt.lib.sheets import SheetWriter

VND_FORMAT = "#,##0"  # Excel shows the locale's separator: "7.590.000" in a Vietnamese Excel


@dataclass(frozen=True)
class GroupTotal:
    group: str
    label: str
    count: int
    amount: int


def totals(lines) -> tuple[list[GroupTotal], int]:
    groups = []
    for group in GROUP_ORDER:
        members = [line for line in lines if line.group == group]
        if members:
            groups.append(GroupTotal(group, GROUP_NOUNS[group], len(members), sum(m.amount for m in members)))
    return groups, sum(item.amount for item in groups)


def write_payments_xlsx(target, decision, lines, *, progress: Progress | None = None) -> int:
    """One sheet: STT, name, position and unit, group, coefficient, amount; totals at the bottom. Written row by
    row to `target` (a path or a binary file); returns the number of lines."""
    lines = list(lines)
    ticker = Ticker(progress, len(lines))
    with SheetWriter(target, font="Times New Roman", font_size=12) as book:
        bold = book.style(bold=True, wrap=False, valign="")
        normal = book.style(wrap=False, valign="", border=1)
        amount = book.style(wrap=False, valign="", border=1, num_format=VND_FORMAT)
        total_amount = book.style(bold=True, wrap=False, valign="", num_format=VND_FORMAT)
        sheet = book.sheet("Chi thuong", widths=[6, 34, 46, 12, 8, 18, 40])
        number = decision.number_text or _("(not numbered yet)")
        sheet.row([f"DANH SÁCH CHI TIỀN THƯỞNG THEO QUYẾT ĐỊNH SỐ {number}"], styles=[bold])
        sheet.row(["Ngày quyết định:", None, decision.decision_date], styles=[None, None, book.date_style_for(None)])
        sheet.row([f"Hình thức: {decision.award_type.name}"])
        sheet.blank_row()
        sheet.header(["STT", "Họ tên / Tập thể", "Chức vụ, đơn vị", "Nhóm", "Hệ số", "Số tiền (đồng)", "Ghi chú"],
                     style=book.style(bold=True, align="center", valign="vcenter", border=1))
        body_styles = [normal] * 5 + [amount, normal]
        for index, line in enumerate(lines, start=1):
            sheet.row([index, line.display_name, line.position_and_unit, str(GROUP_NOUNS[line.group]),
                       float(line.coefficient) if line.coefficient is not None else None, line.amount,
                       line.amount_note], styles=body_styles)
            ticker.tick()
        groups, total = totals(lines)
        for item in groups:
            sheet.row([None, f"Cộng {item.label} ({item.count})", None, None, None, item.amount],
                      styles=[None, bold, None, None, None, total_amount])
        sheet.row([None, "TỔNG CỘNG", None, None, None, total], styles=[None, bold, None, None, None, total_amount])
    ticker.finish()
    return len(lines)


# --- fund ledger -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    entry: RewardFundEntry
    balance: int


def ledger(fund: RewardFund) -> tuple[list[LedgerRow], int]:
    """Entries in date order with the running balance, from one query."""
    rows, balance = [], 0
    for entry in fund.entries.select_related("decision__authority").order_by("entry_date", "id"):
        balance += entry.signed_amount
        rows.append(LedgerRow(entry, balance))
    return rows, balance


@transaction.atomic
def add_entry(fund: RewardFund, *, by, kind: str, entry_date: datetime.date, amount: int, description: str,
              document_reference: str = "", decision=None) -> RewardFundEntry:
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be a positive number of đồng.")})
    if kind not in FundEntryKind.values:
        raise ValidationError({"kind": _("Choose receipt or spending.")})
    entry = RewardFundEntry.objects.create(fund=fund, kind=kind, entry_date=entry_date, amount=amount,
                                           description=description, document_reference=document_reference,
                                           decision=decision, created_by=actor_user(by))
    record(by, AuditAction.CREATE, entry, changes={"kind": kind, "amount": amount, "date": str(entry_date),
                                                   "document": document_reference})
    return entry


def post_payout(fund: RewardFund, decision, lines, *, by, entry_date: datetime.date | None = None) -> RewardFundEntry:
    """Post the total bonus of a signed decision as spending, once."""
    if decision.state not in ISSUED_STATES:
        raise ValidationError(_("Only the payout of a signed decision can be posted."))
    _groups, total = totals(lines)
    if total <= 0:
        raise ValidationError(_("This decision carries no bonus to pay."))
    if RewardFundEntry.objects.filter(decision=decision).exists():
        raise ValidationError(_("The payout of decision %(number)s is already posted.") % {
            "number": decision.number_text})
    try:
        return add_entry(fund, by=by, kind=FundEntryKind.SPENDING, entry_date=entry_date or decision.decision_date,
                         amount=total, description=f"Chi tiền thưởng theo Quyết định số {decision.number_text}",
                         document_reference=f"{decision.number_text} ngày {decision.decision_date:%d/%m/%Y}",
                         decision=decision)
    except IntegrityError as exc:  # a concurrent click posted it first
        raise ValidationError(_("The payout of decision %(number)s is already posted.") % {
            "number": decision.number_text}) from exc
