from django.db.models import Prefetch
from django.shortcuts import render

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.audit.forms import AuditFilterForm
from tdkt.audit.models import AuditEvent
from tdkt.audit.readable import readable
from tdkt.lib.paging import cheap_page

PER_PAGE = 100


@roles_required(Role.SYSTEM_ADMIN)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("actor").prefetch_related(Prefetch(
        "actor__memberships", queryset=Membership.objects.select_related("unit", "council", "emulation_group")))
    if form.is_valid():
        events = form.filter(events)
    page = cheap_page(events, request.GET.get("page"), PER_PAGE)
    return render(request, "audit/audit_list.html", {"form": form, "page": page, "rows": readable(page)})
