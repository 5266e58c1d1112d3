"""Superuser repair work only: staff use the catalogue and history screens, which validate and audit.
Admin writes are audited too (AuditedAdmin). Names for matching are kept by the catalogue screen."""

from django.contrib import admin

from tdkt.audit.admin import AuditedAdmin
from tdkt.awards.models import AwardRecord, AwardType, DisciplineRecord, Initiative, OpenCase, Rating


@admin.register(AwardType)
class AwardTypeAdmin(AuditedAdmin):
    list_display = ["code", "name", "category", "level", "is_national", "active"]
    list_filter = ["category", "level", "is_national", "active"]
    search_fields = ["code", "name", "short_name"]
    readonly_fields = ["code", "is_national"]


def created_by_signing(record: AwardRecord | None) -> bool:
    """True for a record a signed decision line created (its `decision_link`): only a signed correction or
    revocation changes it, and the database refuses anything else (decisions migration 0006)."""
    return bool(record is not None and record.pk
                and AwardRecord.objects.filter(pk=record.pk, decision_link__isnull=False).exists())


@admin.register(AwardRecord)
class AwardRecordAdmin(AuditedAdmin):
    """Records entered by hand can be repaired here; records created by signing are read-only."""

    list_display = ["award_type", "year", "person", "unit", "household", "decision_number", "source"]
    list_filter = ["source", "basis"]
    raw_id_fields = ["person", "unit", "household", "award_type", "created_by"]
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not created_by_signing(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not created_by_signing(obj)


@admin.register(Rating)
class RatingAdmin(AuditedAdmin):
    list_display = ["year", "level", "person", "unit"]
    raw_id_fields = ["person", "unit", "created_by"]
    show_full_result_count = False


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdmin):
    list_display = ["title", "year", "scope", "used_for"]
    raw_id_fields = ["authors", "used_for", "created_by"]


@admin.register(DisciplineRecord)
class DisciplineRecordAdmin(AuditedAdmin):
    list_display = ["person", "level", "start", "end"]
    raw_id_fields = ["person", "created_by"]


@admin.register(OpenCase)
class OpenCaseAdmin(AuditedAdmin):
    list_display = ["kind", "person", "unit", "opened_on", "closed_on"]
    raw_id_fields = ["person", "unit", "created_by"]
