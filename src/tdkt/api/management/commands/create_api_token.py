import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tdkt.api.scopes import SCOPES
from tdkt.api.tokens import issue_token


def parse_expiry(text: str) -> datetime.datetime:
    """dd/mm/yyyy or yyyy-mm-dd: the token works until the end of that day (local time)."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))
    raise CommandError(f"Ngày hết hạn “{text}” không hợp lệ: ghi dạng dd/mm/yyyy (ví dụ 31/12/2027).")


class Command(BaseCommand):
    help = ("Issue an API token acting as a user; the token is printed once (the last word of the output) and "
            "stored only as a hash. Without --scope: the read scopes the user's roles allow.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. 'Hệ thống quản lý văn bản'")
        parser.add_argument("--scope", action="append", dest="scopes", metavar="SCOPE",
                            help="repeatable; one of: " + ", ".join(SCOPES))
        parser.add_argument("--expires", help="last day the token works, dd/mm/yyyy")
        parser.add_argument("--rate-limit", type=int, help="requests per minute (default: API_RATE_LIMIT_PER_MINUTE)")

    def handle(self, *args, username, name, scopes=None, expires=None, rate_limit=None, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có tài khoản đang hoạt động tên “{username}”.")
        expires_at = parse_expiry(expires) if expires else None
        try:
            token, raw = issue_token(user, name, by="create_api_token", scopes=scopes, expires_at=expires_at,
                                     rate_limit=rate_limit)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        until = timezone.localtime(token.expires_at).strftime("%d/%m/%Y %H:%M") if token.expires_at else "không"
        self.stdout.write(f"Mã truy cập cho {username} ({name}); quyền: {', '.join(token.scopes)}; "
                          f"hết hạn: {until} — chỉ hiện một lần, hãy lưu lại:\n{raw}")
