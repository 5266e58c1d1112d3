"""`manage.py flag_overdue_consultations [--date dd/mm/yyyy]`: flags requests past their due date without an
answer. Idempotent: a scheduler may run it daily, or twice, with the same result."""

from tdkt.dossiers.consultations.services import flag_overdue_consultations
from tdkt.lib.commands import DailySweepCommand


class Command(DailySweepCommand):
    help = "Flag consultation requests (hiệp y) past their due date without an answer."

    def sweep(self, today):
        return f"Đã đánh dấu {flag_overdue_consultations(today)} yêu cầu hiệp y quá hạn chưa trả lời."
