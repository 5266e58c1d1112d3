"""`manage.py send_reminders [--date YYYY-MM-DD] [--days N]`: the daily reminders of plans (run by the
scheduler once a day). Marks overdue tasks, then mails each unit what is new for it: tasks due within N
days, overdue tasks, unit plans due or missing. Idempotent: a second run sends nothing (tdkt.plans.reminders).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from tdkt.plans.reminders import send_reminders


class Command(BaseCommand):
    help = "Mark overdue plan tasks and send the daily reminders (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD); default: today.")
        parser.add_argument("--days", type=int, default=3, help="Remind of tasks and unit plans due within N days.")

    def handle(self, *args, date=None, days=3, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"Ngày «{date}» không đúng dạng YYYY-MM-DD.") from exc
        if days < 0 or days > 60:
            raise CommandError("Tham số --days phải từ 0 đến 60.")
        result = send_reminders(today=today, days_ahead=days)
        self.stdout.write(
            f"Nhiệm vụ chuyển sang quá hạn: {result.swept}. Thư nhắc đã gửi: {result.mails} "
            f"({result.reminders} nội dung nhắc). Đã nhắc từ trước: {result.already_sent}."
        )
        if result.units_without_recipients:
            self.stdout.write("Đơn vị chưa có người nhận thư (không có tài khoản có e-mail): "
                              + "; ".join(result.units_without_recipients) + ".")
