from axes.models import AccessAttempt, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tdkt.accounts.models import Membership, User
from tdkt.audit.admin import AuditedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class TdktUserAdmin(AuditedAdmin, UserAdmin):
    list_display = ["username", "full_name", "email", "is_active", "totp_confirmed_at"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("TĐKT", {"fields": ["full_name", "totp_confirmed_at"]}),
    ]
    readonly_fields = ["totp_confirmed_at", "last_login", "date_joined"]
    inlines = [MembershipInline]


@admin.register(AccessAttempt)
class FailedSignInAdmin(AuditedAdmin):
    """Failed sign-ins per (user name, address), from django-axes. Read-only; deleting a row lifts that pair's
    lock (audited). Its own admin instead of axes' (AXES_ENABLE_ADMIN = False): only the columns an
    administrator needs, with Vietnamese labels, and no request bodies on screen."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "path_info", "failures_since_start", "attempt_time"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class SignInLogAdmin(admin.ModelAdmin):
    """Successful sign-ins and sign-outs (django-axes' access log). Read-only, kept like the audit log."""

    list_display = ["attempt_time", "logout_time", "username", "ip_address"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    fields = ["username", "ip_address", "user_agent", "attempt_time", "logout_time"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


