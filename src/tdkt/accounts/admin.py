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
    list_display = ["username", "full_name", "email", "is_active", "locked_until", "totp_confirmed_at"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("TĐKT", {"fields": ["full_name", "failed_logins", "locked_until", "totp_confirmed_at"]}),
    ]
    readonly_fields = ["totp_confirmed_at", "last_login", "date_joined"]
    inlines = [MembershipInline]
