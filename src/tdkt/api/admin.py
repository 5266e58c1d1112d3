from django.contrib import admin

from tdkt.api.models import ApiToken
from tdkt.api.tokens import revoke_token
from tdkt.audit.admin import AuditedAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Tokens are issued with `manage.py create_api_token` (shown once); here they are listed and revoked."""

    list_display = ["name", "user", "prefix", "scopes", "expires_at", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "scopes", "created_at", "last_used_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Thu hồi mã truy cập đã chọn")
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            revoke_token(token, by=request.user)
