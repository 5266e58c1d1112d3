"""Base for Django admin pages: the admin is for superuser repair work, and its writes are audited too."""

from django.contrib import admin

from tdkt.audit.services import record_create, record_delete, record_update, snapshot


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
