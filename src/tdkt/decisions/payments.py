"""Bonus payments and the reward fund (quỹ thi đua, khen thưởng; NĐ152 Đ46–49).

- Per decision: the bonus of each recipient and the totals per group, the contest prizes (thưởng thành tích
  cao tại các cuộc thi) in a group of their own, exported to Excel for the finance office as the payment
  sheet (danh sách chi tiền thưởng): VND with thousands separators, dates dd/mm/yyyy, the voucher number and
  the payer, and an empty "Ký nhận" column each recipient signs on paper. Values only, never formulas.
- The fund ledger: receipts and spending with dates, amounts, document references, voucher numbers and payers,
  and the running balance. The payout of a signed decision is posted once as spending (`post_payout`), one
  entry for the award bonuses and one for the contest prizes; a mistake is undone by a counter-entry, never by
  editing (the ledger is append-only for the application)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.decisions.documents import GROUP_NOUNS, GROUP_ORDER
from tdkt.decisions.enums import ISSUED_STATES, FundEntryKind, LineKind
from tdkt.decisions.models import RewardFund, RewardFundEntry
from tdkt.dossiers.state import actor_user
from tdkt.lib.progress import Progress, Ticker
from tdkt.lib.sheets import XLSX_TYPE as XLSX_TYPE
from tdkt.lib.sheets import SheetWriter

VND_FORMAT = "#,##0"  # Excel shows the locale's separator: "7.590.000" in a Vietnamese Excel
CONTEST_GROUP = "contest_prize"  # the group of the totals that holds the contest prizes
CONTEST_NOUN = "thưởng thành tích cao tại cuộc thi"


@dataclass(frozen=True)
class GroupTotal:
    group: str
    label: str
    count: int
    amount: int


def is_contest_prize(line) -> bool:
    return getattr(line, "kind", LineKind.AWARD) == LineKind.CONTEST_PRIZE


def group_label(line) -> str:
    """The "Nhóm" cell of a line: tập thể / cá nhân / hộ gia đình, or the contest prize."""
    return CONTEST_NOUN if is_contest_prize(line) else str(GROUP_NOUNS[line.group])


def totals(lines) -> tuple[list[GroupTotal], int]:
    """Totals per group of the award lines, then the contest prizes as one group; and the grand total."""
    groups = []
    awards = [line for line in lines if not is_contest_prize(line)]
    for group in GROUP_ORDER:
        members = [line for line in awards if line.group == group]
        if members:
            groups.append(GroupTotal(group, GROUP_NOUNS[group], len(members), sum(m.amount for m in members)))
    prizes = [line for line in lines if is_contest_prize(line)]
    if prizes:
        groups.append(GroupTotal(CONTEST_GROUP, CONTEST_NOUN, len(prizes), sum(p.amount for p in prizes)))
    return groups, sum(item.amount for item in groups)


def payout_of(decision) -> list[RewardFundEntry]:
    """The fund entries that paid the decision (award bonuses, contest prizes), in posting order."""
    return list(RewardFundEntry.objects.filter(decision=decision).order_by("id"))


def write_payments_xlsx(target, decision, lines, *, progress: Progress | None = None, payout=None) -> int:
    """The payment sheet: title, decision, voucher number and payer (from the posted payout, blank to fill in
    by hand before it is posted); STT, name, position and unit, group, coefficient, amount, Ký nhận, note;
    totals per group; the signatures of the preparer and the payer. Written row by row to `target` (a path or
    a binary file); returns the number of lines."""
    lines = list(lines)
    payout = payout_of(decision) if payout is None else payout
    voucher = ", ".join(dict.fromkeys(entry.voucher_number for entry in payout if entry.voucher_number))
    payer = next((entry.payer for entry in payout if entry.payer), "")
    ticker = Ticker(progress, len(lines))
    with SheetWriter(target, font="Times New Roman", font_size=12) as book:
        bold = book.style(bold=True, wrap=False, valign="")
        centred_bold = book.style(bold=True, wrap=False, valign="", align="center")
        normal = book.style(wrap=False, valign="", border=1)
        amount = book.style(wrap=False, valign="", border=1, num_format=VND_FORMAT)
        total_amount = book.style(bold=True, wrap=False, valign="", num_format=VND_FORMAT)
        sheet = book.sheet("Chi thuong", widths=[6, 34, 46, 16, 8, 18, 18, 40])
        number = decision.number_text or _("(not numbered yet)")
        sheet.row([f"DANH SÁCH CHI TIỀN THƯỞNG THEO QUYẾT ĐỊNH SỐ {number}"], styles=[bold])
        sheet.row(["Ngày quyết định:", None, decision.decision_date], styles=[None, None, book.date_style_for(None)])
        sheet.row([f"Hình thức: {decision.award_type.name}"])
        sheet.row([f"Số chứng từ: {voucher}"])
        sheet.row([f"Người chi: {payer}"])
        sheet.blank_row()
        sheet.header(["STT", "Họ tên / Tập thể", "Chức vụ, đơn vị", "Nhóm", "Hệ số", "Số tiền (đồng)", "Ký nhận",
                      "Ghi chú"], style=book.style(bold=True, align="center", valign="vcenter", border=1))
        body_styles = [normal] * 5 + [amount, normal, normal]
        for index, line in enumerate(lines, start=1):
            note = line.amount_note
            if is_contest_prize(line):
                note = "; ".join(part for part in (line.contest, note) if part)
            sheet.row([index, line.display_name, line.position_and_unit, group_label(line),
                       float(line.coefficient) if line.coefficient is not None else None, line.amount, "",
                       note], styles=body_styles)
            ticker.tick()
        groups, total = totals(lines)
        for item in groups:
            sheet.row([None, f"Cộng {item.label} ({item.count})", None, None, None, item.amount],
                      styles=[None, bold, None, None, None, total_amount])
        sheet.row([None, "TỔNG CỘNG", None, None, None, total], styles=[None, bold, None, None, None, total_amount])
        sheet.blank_row()
        sheet.row([None, "NGƯỜI LẬP BIỂU", "NGƯỜI CHI TIỀN"], styles=[None, centred_bold, centred_bold])
        sheet.row([None, "(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)"])
        sheet.blank_row()
        sheet.blank_row()
        sheet.row([None, None, payer], styles=[None, None, centred_bold])
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
              document_reference: str = "", voucher_number: str = "", payer: str = "", decision=None,
              line_kind: str = "") -> RewardFundEntry:
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be a positive number of đồng.")})
    if kind not in FundEntryKind.values:
        raise ValidationError({"kind": _("Choose receipt or spending.")})
    entry = RewardFundEntry.objects.create(fund=fund, kind=kind, entry_date=entry_date, amount=amount,
                                           description=description, document_reference=document_reference,
                                           voucher_number=voucher_number.strip(), payer=payer.strip(),
                                           decision=decision, line_kind=line_kind, created_by=actor_user(by))
    record(by, AuditAction.CREATE, entry, changes={"kind": kind, "amount": amount, "date": str(entry_date),
                                                   "document": document_reference, "voucher": entry.voucher_number,
                                                   "payer": entry.payer})
    return entry


PAYOUT_WORDING = {
    LineKind.AWARD: "Chi tiền thưởng theo Quyết định số {number}",
    LineKind.CONTEST_PRIZE: "Chi thưởng thành tích cao tại cuộc thi theo Quyết định số {number}",
}


@transaction.atomic
def post_payout(fund: RewardFund, decision, lines, *, by, entry_date: datetime.date | None = None,
                voucher_number: str = "", payer: str = "") -> list[RewardFundEntry]:
    """Post what a signed decision pays as spending, once: one entry for the award bonuses, one for the contest
    prizes, each with the voucher number and the payer."""
    if decision.state not in ISSUED_STATES:
        raise ValidationError(_("Only the payout of a signed decision can be posted."))
    lines = list(lines)
    _groups, total = totals(lines)
    if total <= 0:
        raise ValidationError(_("This decision carries no bonus to pay."))
    already = _("The payout of decision %(number)s is already posted.") % {"number": decision.number_text}
    if RewardFundEntry.objects.filter(decision=decision).exists():
        raise ValidationError(already)
    entries = []
    for line_kind, wording in PAYOUT_WORDING.items():
        amount = sum(line.amount for line in lines if (line_kind == LineKind.CONTEST_PRIZE) == is_contest_prize(line))
        if amount <= 0:
            continue
        try:
            with transaction.atomic():
                entries.append(add_entry(
                    fund, by=by, kind=FundEntryKind.SPENDING, entry_date=entry_date or decision.decision_date,
                    amount=amount, description=wording.format(number=decision.number_text),
                    document_reference=f"{decision.number_text} ngày {decision.decision_date:%d/%m/%Y}",
                    voucher_number=voucher_number, payer=payer, decision=decision, line_kind=line_kind))
        except IntegrityError as exc:  # a concurrent click posted it first
            raise ValidationError(already) from exc
    return entries
