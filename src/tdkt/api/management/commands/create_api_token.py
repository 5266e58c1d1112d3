from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tdkt.api.models import ApiToken
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record


class Command(BaseCommand):
    help = "Issue an API token acting as a user; the token is printed once and stored only as a hash."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="what the token is for, e.g. 'Hệ thống quản lý văn bản'")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có tài khoản đang hoạt động tên “{username}”.")
        token, raw = ApiToken.issue(user, name)
        record("create_api_token", AuditAction.CREATE, token, changes={"user": username, "name": name})
        self.stdout.write(f"Mã truy cập cho {username} ({name}) — chỉ hiện một lần, hãy lưu lại:\n{raw}")
