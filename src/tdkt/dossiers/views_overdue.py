"""Overdue and due-soon dossiers per specialist (the standing body's own summary page)."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tdkt.accounts.access import roles_required
from tdkt.dossiers.overdue import due_soon_limit, overdue_by_specialist, watched_dossiers
from tdkt.workcalendar import rules

MAX_LISTED = 200


def _url(name, **kwargs):
    """A link into the dossier screens when they exist (they are built alongside this app)."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@roles_required(*rules.EDITORS)
def overdue(request):
    today = timezone.localdate()
    rows = overdue_by_specialist(today)
    queue_url = _url("dossiers:queue")
    for row in rows:
        # The work queue's own filters (dossiers.views_province.queue).
        row_filter = f"assignee_id={row.specialist_id}" if row.specialist_id else "assignee=nobody"
        row.queue_url = f"{queue_url}?{row_filter}" if queue_url else ""
    dossiers = list(watched_dossiers(today).select_related("unit", "assignee").order_by("step_due_on", "id")
                    [:MAX_LISTED])
    for dossier in dossiers:
        dossier.url = _url("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/overdue.html", {
        "rows": rows, "dossiers": dossiers, "today": today, "soon": due_soon_limit(today),
        "max_listed": MAX_LISTED})
