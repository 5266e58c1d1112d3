"""Superuser repair work and the province's parameters; specialists use the posting screens."""

from django.contrib import admin

from tdkt.audit.admin import AuditedAdmin
from tdkt.dossiers.postings.models import PostingPolicy


@admin.register(PostingPolicy)
class PostingPolicyAdmin(AuditedAdmin):
    list_display = ["__str__", "posting_working_days", "comments_per_hour_per_ip", "comments_per_hour_per_notice"]
