"""The dashboards: the province's (province-wide roles), a unit's (its officers and the province; another
unit's is 404), the Excel export of either, and the page where the specialist sets the equity targets."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, Role
from tdkt.accounts.scope import get_scope
from tdkt.lib.downloads import send_export
from tdkt.orgs.models import Unit
from tdkt.reports.dashboards import page
from tdkt.reports.dashboards.export import write_dashboard_xlsx
from tdkt.reports.dashboards.forms import EquityTargetForm
from tdkt.reports.dashboards.services import set_target
from tdkt.reports.models import EquityTarget
from tdkt.reports.periods import FIRST_STATISTICAL_YEAR, statistical_year_of


def _year(request) -> int:
    """The statistical year asked (?year=), else the current one; nonsense falls back to the current."""
    current = statistical_year_of(datetime.date.today())
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        return current
    return year if FIRST_STATISTICAL_YEAR + 10 <= year <= current + 1 else current


def _unit_for(request, pk) -> Unit:
    unit = get_object_or_404(Unit, pk=pk)
    if not get_scope(request.user).can_read_unit(unit.pk):
        raise Http404
    return unit


def _render(request, dashboard, unit):
    current = statistical_year_of(datetime.date.today())
    return render(request, "reports/dashboards/dashboard.html", {
        "dashboard": dashboard, "unit": unit, "years": list(range(current, current - 10, -1)),
        "may_set_targets": unit is None and get_scope(request.user).has_role(Role.PROVINCE_SPECIALIST)})


@roles_required(*PROVINCE_WIDE_ROLES)
def dashboard(request):
    return _render(request, page.build(_year(request)), None)


@signed_in
def unit_dashboard(request, pk):
    unit = _unit_for(request, pk)
    return _render(request, page.build(_year(request), unit), unit)


@signed_in
def dashboard_xlsx(request):
    """?unit=<id> for a unit's dashboard (its officers and the province), else the province's."""
    unit = None
    if request.GET.get("unit"):
        try:
            unit = _unit_for(request, int(request.GET["unit"]))
        except ValueError as exc:
            raise Http404 from exc
    elif not get_scope(request.user).has_role(*PROVINCE_WIDE_ROLES):
        raise Http404
    built = page.build(_year(request), unit)
    name = unit.name if unit else _("The province")
    suffix = f"-{unit.code}" if unit else ""
    return send_export(lambda path: write_dashboard_xlsx(path, built, scope_name=name),
                       f"bang-dieu-khien-{built.year}{suffix}.xlsx")


@roles_required(Role.PROVINCE_SPECIALIST)
def equity_targets(request):
    form = EquityTargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        set_target(measure=data["measure"], from_year=data["from_year"], percent=data["percent"], note=data["note"],
                   by=request.user)
        messages.success(request, _("The target has been saved."))
        return redirect("reports:equity_targets")
    targets = EquityTarget.objects.select_related("updated_by").order_by("measure", "-from_year")
    return render(request, "reports/dashboards/targets.html", {"form": form, "targets": targets})
