from django.shortcuts import render
from django.utils import timezone

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import Role
from tdkt.integration import monitor
from tdkt.integration.queueing import fix_url
from tdkt.lib.downloads import send_export

MONITORS = (Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)  # the standing body watches the sync


def _show(request) -> str:
    show = request.GET.get("show", "")
    return show if show in monitor.SHOWS else ""


@roles_required(*MONITORS)
def outbox(request):
    show = _show(request)
    rows = [(message, fix_url(message)) for message in monitor.problems(show)[:monitor.LIST_LIMIT]]
    return render(request, "integration/outbox.html", {"rows": rows, "show": show, "counts": monitor.counts(),
                                                       "limit": monitor.LIST_LIMIT})


@roles_required(*MONITORS)
def outbox_xlsx(request):
    today = timezone.localdate()
    messages = monitor.problems(_show(request), today)
    return send_export(lambda path: monitor.write_xlsx(path, messages.iterator(), today=today),
                       f"dong-bo-khen-thuong-{today:%Y%m%d}.xlsx")
