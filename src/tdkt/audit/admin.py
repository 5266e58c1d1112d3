"""The audit log in the Django admin (read-only), and the base of every other admin page: the admin is for
superuser repair work, and its writes are audited too."""

from django.contrib import admin

from tdkt.audit.models import AuditEvent
from tdkt.audit.services import record_create, record_delete, record_update, snapshot


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: nobody adds, changes or deletes audit rows through the admin."""

    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        if change:
            record_update(request.user, obj, before)
        else:
            record_create(request.user, obj)

    def delete_model(self, request, obj):
        record_delete(request.user, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record_delete(request.user, obj)
        super().delete_queryset(request, queryset)
