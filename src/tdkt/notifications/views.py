"""My notifications: the list, mark one read (and go to its page), mark all read; my e-mail choices."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import signed_in
from tdkt.lib.paging import cheap_page
from tdkt.notifications import queries, services
from tdkt.notifications.models import NotificationKind

PER_PAGE = 50


@signed_in
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = cheap_page(queries.notifications_for_user(request.user, unread_only=unread_only),
                      request.GET.get("page"), PER_PAGE)
    return render(request, "notifications/list.html", {
        "page": page, "unread_only": unread_only, "unread": services.unread_count(request.user)})


@signed_in
@require_POST
def notification_read(request, pk):
    notification = queries.get_notification_for_user(request.user, pk)
    services.mark_read(notification)
    # Only a path of this site: a notification never sends the user elsewhere.
    if request.POST.get("go") and notification.url and url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(notification.url)
    return redirect("notifications:list")


@signed_in
@require_POST
def notification_read_all(request):
    count = services.mark_all_read(request.user)
    messages.success(request, _("%(count)s notifications marked as read.") % {"count": count})
    return redirect("notifications:list")


@signed_in
def preferences(request):
    """Which kinds of notification also come by e-mail (each on by default); in-app ones always arrive."""
    if request.method == "POST":
        enabled = set(request.POST.getlist("email")) & set(NotificationKind.values)
        services.set_email_choices(request.user, enabled)
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:preferences")
    choices = services.email_choices(request.user)
    rows = [(kind, label, choices[kind]) for kind, label in NotificationKind.choices]
    return render(request, "notifications/preferences.html", {"rows": rows, "has_email": bool(request.user.email)})
