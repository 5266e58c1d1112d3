from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tdkt.accounts.access import anonymous_goes_to, public, signed_in
from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, Role
from tdkt.accounts.scope import get_scope
from tdkt.core import home
from tdkt.core import workspace as unit_workspace
from tdkt.core.dashboard import dashboard_figures, dossier_figures
from tdkt.inspections.queries import HOME_LIMIT, overdue_for_home
from tdkt.integration import monitor as sync_monitor
from tdkt.lib.storage import probe_storage


@public
def healthz(request):
    """The database answers, and the file storage can be written to (an unwritable media folder is an outage)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = {"status": "ok", "vendor": connection.vendor}
        status = 200
    except Exception as exc:  # noqa: BLE001 - any database failure makes us unhealthy
        db = {"status": "error", "error": exc.__class__.__name__}
        status = 503
    storage = probe_storage()
    if storage["status"] != "ok":
        status = 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": db, "storage": storage},
                        status=status)


@public
def floor(request):
    """The load test's floor (bench/load.py): what the same server answers when a request does no I/O at all —
    no database, no template, no file. Public, so a request without cookies touches no session (the session is
    read lazily and nothing here reads it) and no user; the pages' throughput is reported as a share of this."""
    return HttpResponse(b"ok", content_type="text/plain; charset=utf-8")


@signed_in
@anonymous_goes_to("portal:index")
def dashboard(request):
    """"Việc của tôi": what waits for the user (tdkt.core.home), then the figures of the former dashboard.
    A visitor who is not signed in is a citizen far more often than an officer: the site's address leads him to the
    public portal, whose header has the officers' "Đăng nhập" link (a browser that still sends the cookie of an
    expired session goes to sign-in, as before: tdkt.accounts.middleware)."""
    held = get_scope(request.user).roles
    roles = sorted(str(Role(role).label) for role in held)
    today = timezone.localdate()
    my_work = home.my_work(request.user, today)
    # The standing body watches the sync to the national cadre database (late, failed, held messages).
    sync = sync_monitor.counts() if held & PROVINCE_WIDE_ROLES else None
    # Inspection recommendations the unit has not followed up by their due date (one query).
    overdue = overdue_for_home(request.user, today)
    return render(request, "core/dashboard.html", {"my_work": my_work, "today": today,
                                                   "main_actions": home.main_actions(request.user, my_work),
                                                   "work_chart": home.work_chart(my_work),
                                                   "overdue_count": home.overdue_count(my_work),
                                                   "figures": dashboard_figures(request.user),
                                                   "work": dossier_figures(request.user), "roles": roles,
                                                   "sync": sync, "overdue_recommendations": overdue[:HOME_LIMIT],
                                                   "overdue_more": len(overdue) > HOME_LIMIT})


@signed_in
def my_workspace(request):
    """The menu's "Khen thưởng của đơn vị": the officer's own unit's workspace, or why there is none."""
    unit = unit_workspace.own_workspace_unit(request.user)
    if unit is not None:
        return redirect("core:workspace", pk=unit.pk)
    return render(request, "core/workspace_none.html")


@signed_in
def workspace(request, pk):
    unit = unit_workspace.unit_for_workspace(request.user, pk)
    return render(request, "core/workspace.html", {"ws": unit_workspace.workspace(request.user, unit)})
