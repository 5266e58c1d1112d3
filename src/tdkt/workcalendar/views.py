"""The province calendar (national holidays shown alongside the province's own days) and the step
limits. Everyone signed in reads them; the standing body's specialists change them."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.lib.forms import apply_validation_error
from tdkt.workcalendar import rules, services
from tdkt.workcalendar.calendar import SpecialDay, national_days
from tdkt.workcalendar.enums import ProvinceDayKind
from tdkt.workcalendar.forms import ProvinceDayForm, StepLimitForm
from tdkt.workcalendar.models import ProvinceDay, StepLimit


def _year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


def year_rows(year: int) -> list[SpecialDay]:
    """National days and the province's days of `year`, by date (two sources, one query)."""
    province = [SpecialDay(day.date, day.name, day.kind == ProvinceDayKind.WORKING_DAY, False, day)
                for day in ProvinceDay.objects.filter(date__year=year).select_related("created_by")]
    return sorted(national_days(year) + province, key=lambda row: (row.date, row.national))


@signed_in
def calendar_year(request):
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today.year)
    can_edit = rules.can_edit(request.user)
    return render(request, "workcalendar/year.html", {
        "year": year, "rows": year_rows(year), "can_edit": can_edit,
        "form": ProvinceDayForm(initial={"date": datetime.date(year, 1, 1) if year != today.year else today})
        if can_edit else None})


@roles_required(*rules.EDITORS)
def day_add(request):
    form = ProvinceDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            day = services.add_province_day(by=request.user, date=data["date"], kind=data["kind"], name=data["name"],
                                            decided_by=data["decided_by"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("%(date)s added to the province calendar.") % {
                "date": day.date.strftime("%d/%m/%Y")})
            return redirect(f"{_calendar_url()}?year={day.date.year}")
    return render(request, "workcalendar/day_form.html", {"form": form})


def _calendar_url():
    return reverse("workcalendar:year")


@roles_required(*rules.EDITORS)
@require_POST
def day_remove(request, pk):
    day = get_object_or_404(ProvinceDay, pk=pk)
    services.remove_province_day(day, by=request.user)
    messages.success(request, _("%(date)s removed from the province calendar.") % {
        "date": day.date.strftime("%d/%m/%Y")})
    return redirect(f"{_calendar_url()}?year={day.date.year}")


@signed_in
def limit_list(request):
    return render(request, "workcalendar/limits.html", {
        "limits": StepLimit.objects.all(), "can_edit": rules.can_edit(request.user)})


@roles_required(*rules.EDITORS)
def limit_edit(request, pk):
    limit = get_object_or_404(StepLimit, pk=pk)
    form = StepLimitForm(request.POST or None, instance=limit)
    if request.method == "POST" and form.is_valid():
        services.update_step_limit(limit, by=request.user, working_days=form.cleaned_data["working_days"],
                                   legal_basis=form.cleaned_data["legal_basis"])
        messages.success(request, _("The limit of “%(step)s” has been saved.") % {"step": limit.get_step_display()})
        return redirect("workcalendar:limits")
    return render(request, "workcalendar/limit_form.html", {"form": form, "limit": limit})
