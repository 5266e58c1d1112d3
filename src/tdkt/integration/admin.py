"""Superuser configuration of the receivers (docs/integration.md); admin writes are audited (AuditedAdmin).
The messages are read-only here: the worker and the monitor handle them."""

from django.contrib import admin

from tdkt.audit.admin import AuditedAdmin
from tdkt.integration.models import OutboundMessage, Receiver


@admin.register(Receiver)
class ReceiverAdmin(AuditedAdmin):
    """Receivers are configured by the administrator (docs/integration.md); the secret key stays in the
    environment variable named here, never in the database."""

    list_display = ("name", "kind", "url", "enabled")
    fields = ("name", "kind", "url", "token_url", "access_key", "secret_env", "enabled")


@admin.register(OutboundMessage)
class OutboundMessageAdmin(AuditedAdmin):
    list_display = ("idempotency_key", "receiver", "kind", "state", "attempts", "due_by", "delivered_at")
    list_filter = ("state", "kind", "receiver")
    readonly_fields = [field.name for field in OutboundMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
