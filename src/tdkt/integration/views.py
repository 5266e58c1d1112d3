from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required
from tdkt.integration import monitor, queueing
from tdkt.integration.models import OutboundMessage
from tdkt.integration.queueing import fix_url
from tdkt.integration.transitions import MONITORS
from tdkt.lib.downloads import send_export


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


@roles_required(*MONITORS)
@require_POST
def outbox_requeue(request, pk):
    """"Gửi lại" of a failed message (POST, CSRF); back to the list it was clicked on."""
    message = get_object_or_404(OutboundMessage.objects.select_related("receiver"), pk=pk)
    try:
        queueing.requeue(message, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The award of %(recipient)s will be sent again to %(receiver)s.") % {
            "recipient": message.recipient, "receiver": message.receiver.name})
    show = request.POST.get("show", "")
    return redirect(reverse("integration:outbox") + (f"?show={show}" if show in monitor.SHOWS else ""))
