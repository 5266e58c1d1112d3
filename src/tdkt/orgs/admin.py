from django.contrib import admin

from tdkt.audit.admin import AuditedAdmin
from tdkt.orgs.models import Council, CouncilMember, EmulationGroup, EmulationGroupMembership, EmulationGroupYear, Unit


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "parent", "dissolved_on"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["parent"]


class GroupMembershipInline(admin.TabularInline):
    model = EmulationGroupMembership
    autocomplete_fields = ["unit"]


@admin.register(EmulationGroup)
class EmulationGroupAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind"]
    search_fields = ["name", "code"]


@admin.register(EmulationGroupYear)
class EmulationGroupYearAdmin(AuditedAdmin):
    list_display = ["group", "year"]
    list_filter = ["year"]
    inlines = [GroupMembershipInline]


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    raw_id_fields = ["person", "user"]


@admin.register(Council)
class CouncilAdmin(AuditedAdmin):
    list_display = ["name", "unit", "level", "term_start", "term_end"]
    inlines = [CouncilMemberInline]
