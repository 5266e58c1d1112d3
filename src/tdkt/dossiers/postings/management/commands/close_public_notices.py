"""`manage.py close_public_notices [--date dd/mm/yyyy]`: closes published notices whose comment period is
over. Idempotent: a scheduler may run it daily, or twice, with the same result."""

from tdkt.dossiers.postings.services import close_ended_notices
from tdkt.lib.commands import DailySweepCommand


class Command(DailySweepCommand):
    help = "Close public notices (công khai) whose comment period is over."

    def sweep(self, today):
        return f"Đã kết thúc {close_ended_notices(today)} thông báo công khai hết thời gian góp ý."
