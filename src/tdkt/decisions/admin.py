"""Superuser repair work only, for the configuration of the decisions app (issuing authorities, legal-basis
templates, base salaries). Decisions themselves go through the decision screens (state functions, audit);
a signed decision refuses any write anyway. Admin writes are audited (AuditedAdmin)."""

from django.contrib import admin

from tdkt.audit.admin import AuditedAdmin
from tdkt.decisions.models import BaseSalary, LegalBasisTemplate, RewardFund
from tdkt.orgs.models import IssuingAuthority


@admin.register(IssuingAuthority)
class IssuingAuthorityAdmin(AuditedAdmin):
    list_display = ["name", "symbol", "place", "active"]


@admin.register(LegalBasisTemplate)
class LegalBasisTemplateAdmin(AuditedAdmin):
    list_display = ["__str__", "authority", "note"]
    list_filter = ["authority", "basis"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(AuditedAdmin):
    list_display = ["effective_from", "amount", "legal_basis"]


@admin.register(RewardFund)
class RewardFundAdmin(AuditedAdmin):
    list_display = ["name", "authority"]
