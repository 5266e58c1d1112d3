from django.core.paginator import Paginator
from django.shortcuts import render

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import Role
from tdkt.audit.forms import AuditFilterForm
from tdkt.audit.models import AuditEvent


@roles_required(Role.SYSTEM_ADMIN)
def audit_list(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.all()
    if form.is_valid():
        events = form.filter(events)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/audit_list.html", {"form": form, "page": page})
