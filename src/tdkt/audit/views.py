from django.shortcuts import render

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import Role
from tdkt.audit.forms import AuditFilterForm
from tdkt.audit.models import AuditEvent
from tdkt.lib.paging import cheap_page


@roles_required(Role.SYSTEM_ADMIN)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.all()
    if form.is_valid():
        events = form.filter(events)
    page = cheap_page(events, request.GET.get("page"), 100)
    return render(request, "audit/audit_list.html", {"form": form, "page": page})
