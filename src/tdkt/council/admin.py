"""Only the council's voting rules (configuration) are in the admin. Meetings, ballots, tallies and
participations are not registered: the admin writes rows around the workflow and must never show who
voted next to any count (ballot secrecy)."""

from django.contrib import admin

from tdkt.audit.admin import AuditedAdmin
from tdkt.council.models import CouncilRules


@admin.register(CouncilRules)
class CouncilRulesAdmin(AuditedAdmin):
    list_display = ["council", "quorum_numerator", "quorum_denominator", "award_session_presence_percent",
                    "count_written_opinions", "default_threshold_percent"]
