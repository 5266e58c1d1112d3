"""Superuser repair work and the province's parameters; specialists use the consultation screens."""

from django.contrib import admin

from tdkt.audit.admin import AuditedAdmin
from tdkt.dossiers.consultations.models import ConsultationPolicy, ConsultedAgency


@admin.register(ConsultedAgency)
class ConsultedAgencyAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "kind", "unit", "active", "sort_order"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["unit"]


@admin.register(ConsultationPolicy)
class ConsultationPolicyAdmin(AuditedAdmin):
    list_display = ["__str__", "answer_working_days", "proceed_without_answer"]
