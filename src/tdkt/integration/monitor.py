"""The monitor of the outbound sync: messages past the 3-working-day deadline and not delivered, failed, or
held for want of a personal ID; their counts for the specialist's home page; and the Excel list."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tdkt.integration.models import MessageState, OutboundMessage
from tdkt.lib.sheets import SheetWriter

SHOWS = ("late", "failed", "held")
LIST_LIMIT = 500  # the page lists this many; the Excel file has them all


def _filters(today: datetime.date) -> dict[str, Q]:
    return {
        "late": Q(state__in=[MessageState.PENDING, MessageState.DELIVERING, MessageState.HELD, MessageState.FAILED],
                  due_by__lt=today),
        "failed": Q(state=MessageState.FAILED),
        "held": Q(state=MessageState.HELD),
    }


def problems(show: str = "", today: datetime.date | None = None) -> QuerySet:
    """The messages that need a look (`show`: one of SHOWS, else all three kinds), oldest deadline first."""
    filters = _filters(today or timezone.localdate())
    condition = filters.get(show) or (filters["late"] | filters["failed"] | filters["held"])
    return (OutboundMessage.objects.filter(condition).select_related("receiver")
            .order_by("due_by", "id"))


def counts(today: datetime.date | None = None) -> dict[str, int]:
    """{"late", "failed", "held", "attention": late or failed} in one query."""
    filters = _filters(today or timezone.localdate())
    filters["attention"] = filters["late"] | filters["failed"]
    return OutboundMessage.objects.aggregate(**{name: Count("id", filter=q) for name, q in filters.items()})


HEADER = ["STT", "Người nhận khen thưởng", "Khen thưởng", "Số quyết định", "Loại tin", "Nơi nhận", "Trạng thái",
          "Hạn cập nhật", "Số lần gửi", "Lỗi gần nhất / lý do"]
WIDTHS = [6, 28, 28, 16, 12, 28, 18, 14, 10, 50]


def write_xlsx(target, messages, *, today: datetime.date) -> int:
    with SheetWriter(target) as book:
        sheet = book.sheet("Đồng bộ", widths=WIDTHS, landscape=True)
        sheet.title_row("DANH SÁCH TIN ĐỒNG BỘ KHEN THƯỞNG CẦN XỬ LÝ",
                        book.style(bold=True, size=14, align="center", wrap=False, valign=""))
        sheet.title_row(f"Ngày lập: {today:%d/%m/%Y}", book.style(italic=True, align="center", wrap=False, valign=""))
        sheet.blank_row()
        sheet.header(HEADER, style=book.style(bold=True, align="center", valign="vcenter", border=1))
        body = book.style(border=1)
        count = 0
        for count, message in enumerate(messages, 1):
            sheet.row([count, message.recipient, message.payload.get("award", {}).get("name", ""),
                       message.payload.get("decision", {}).get("number", ""), message.get_kind_display(),
                       message.receiver.name, message.get_state_display(), message.due_by, message.attempts,
                       message.held_reason or message.last_error], body)
    return count
