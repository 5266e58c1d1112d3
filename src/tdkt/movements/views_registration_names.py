"""Registrations by name (the pasted list matched to the unit's people and collectives), and the units that
have not registered for a call, with the standing body's reminder."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required
from tdkt.movements import rules
from tdkt.movements.forms_registrations import RegistrationNamesForm
from tdkt.movements.models import RegistrationCall
from tdkt.movements.registrations import register_names
from tdkt.movements.reminders import RunResult, missing_units, remind_call
from tdkt.movements.views_registrations import _year, writable_units
from tdkt.orgs.pickers import own_unit_id


@roles_required(*rules.REGISTRANTS)
def registration_names(request):
    units = writable_units(request.user)
    initial = {"year": _year(request), "unit": own_unit_id(request.user)}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = int(request.GET["unit"])
    form = RegistrationNamesForm(request.POST or None, initial=initial, units=units)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        registration, report = register_names(by=request.user, unit=data["unit"], year=data["year"],
                                              movement=data["movement"], text=data["names"],
                                              default_title=data["default_title"])
        if registration is not None:
            messages.success(request, _("%(count)d names registered (draft).") % {"count": len(report.matched)})
            return redirect("movements:registration", pk=registration.pk)
    return render(request, "movements/registration_names.html", {"form": form, "report": report})


@roles_required(*rules.MANAGERS)
def registration_missing(request, pk):
    call = get_object_or_404(RegistrationCall.objects.select_related("movement"), pk=pk)
    return render(request, "movements/registration_missing.html", {
        "call": call, "units": missing_units(call), "today": timezone.localdate()})


@roles_required(*rules.MANAGERS)
@require_POST
def registration_remind(request, pk):
    call = get_object_or_404(RegistrationCall.objects.select_related("movement"), pk=pk)
    result = RunResult()
    remind_call(call, timezone.localdate(), result)
    messages.success(request, _("%(sent)d units reminded; %(earlier)d already reminded; %(nobody)d without a user "
                                "to remind.") % {"sent": result.registration_reminders, "earlier": result.already_sent,
                                                 "nobody": result.units_without_users})
    return redirect("movements:registration_missing", pk=call.pk)
