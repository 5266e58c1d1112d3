from django.contrib import admin

from tdkt.audit.admin import AuditedAdmin
from tdkt.people.models import Household, Person


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["full_name", "unit", "category", "birth_year"]
    search_fields = ["name_folded"]
    raw_id_fields = ["unit"]
    show_full_result_count = False  # millions of rows: no COUNT(*) on every page


@admin.register(Household)
class HouseholdAdmin(AuditedAdmin):
    list_display = ["head_name", "unit", "village"]
    search_fields = ["name_folded"]
    raw_id_fields = ["unit"]
