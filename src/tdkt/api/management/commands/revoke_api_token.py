from django.core.management.base import BaseCommand, CommandError

from tdkt.api.models import ApiToken
from tdkt.api.tokens import revoke_token


class Command(BaseCommand):
    help = "Revoke an API token by its prefix (the 8 characters after 'tdkt_', as the admin list shows)."

    def add_arguments(self, parser):
        parser.add_argument("prefix")

    def handle(self, *args, prefix, **options):
        tokens = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if len(tokens) != 1:
            raise CommandError(f"Không tìm thấy đúng một mã truy cập còn hiệu lực có tiền tố “{prefix}”.")
        revoke_token(tokens[0], by="revoke_api_token")
        self.stdout.write(f"Đã thu hồi mã truy cập {tokens[0]}.")
