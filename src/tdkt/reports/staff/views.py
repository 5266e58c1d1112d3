"""/reports/staff/: the register of the organisations and civil servants doing TĐKT work (forms 0604/0605)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES
from tdkt.lib.downloads import send_export
from tdkt.lib.forms import apply_validation_error
from tdkt.orgs.pickers import UnitFilterForm
from tdkt.people.classify import chosen_unit  # the same ?unit= rule as the classification page
from tdkt.reports.staff import services
from tdkt.reports.staff.exports import write_staff_xlsx
from tdkt.reports.staff.forms import OfficeForm, StaffForm

KEEPERS = (*PROVINCE_WIDE_ROLES, *UNIT_ROLES)  # the standing body for the province, unit officers for their units


@roles_required(*KEEPERS)
def _filter(request, unit=None):
    """The unit picker of the `?unit=` filter, and the unit it names: a pk by the classification page's rule (404
    for another unit's), a name typed without JavaScript resolved among the officer's units."""
    unit = chosen_unit(request.user, request.GET.get("unit")) or unit
    form = UnitFilterForm(request.GET or None, units=services.units_for(request.user), unit=unit)
    return form, form.typed_unit() or unit


@roles_required(*KEEPERS)
def staff_list(request):
    unit_filter, unit = _filter(request)
    on = services.reference_date()
    return render(request, "reports/staff/list.html", {
        "unit": unit, "unit_filter": unit_filter, "on": on,
        "offices": list(services.offices(request.user, unit)), "rows": services.staff_rows(request.user, unit, on=on),
        "new_unit": unit or services.default_unit(request.user)})


@roles_required(*KEEPERS)
def staff_export(request):
    _unit_filter, unit = _filter(request)
    on = services.reference_date()
    offices, rows = list(services.offices(request.user, unit)), services.staff_rows(request.user, unit, on=on)
    return send_export(lambda path: write_staff_xlsx(path, offices, rows, on=on), f"can-bo-tdkt-{on:%Y}.xlsx")


def _save(request, form, save, title, unit=None, unit_filter=None):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("reports:staff")
    return render(request, "reports/staff/form.html", {"form": form, "title": title, "unit": unit,
                                                       "unit_filter": unit_filter})


@roles_required(*KEEPERS)
def staff_create(request):
    unit_filter, unit = _filter(request, services.default_unit(request.user))
    if unit is None:
        return render(request, "reports/staff/form.html", {"form": None, "title": _("New TĐKT civil servant"),
                                                           "unit_filter": unit_filter})
    form = StaffForm(request.POST or None, unit=unit)
    return _save(request, form, lambda data: services.create_post(by=request.user, **data),
                 _("New TĐKT civil servant"), unit, unit_filter)


@roles_required(*KEEPERS)
def staff_edit(request, pk):
    post = services.get_post_for_user(request.user, pk)
    form = StaffForm(request.POST or None, instance=post, unit=post.unit)
    return _save(request, form, lambda data: services.update_post(post, by=request.user, **data),
                 _("Edit TĐKT civil servant"))


@roles_required(*KEEPERS)
def office_create(request):
    form = OfficeForm(request.POST or None, units=services.units_for(request.user),
                      initial={"unit": services.default_unit(request.user)})
    return _save(request, form, lambda data: services.create_office(by=request.user, **data),
                 _("New TĐKT organisation"))


@roles_required(*KEEPERS)
def office_edit(request, pk):
    office = services.get_office_for_user(request.user, pk)
    form = OfficeForm(request.POST or None, instance=office, units=services.units_for(request.user))
    return _save(request, form, lambda data: services.update_office(office, by=request.user, **data),
                 _("Edit TĐKT organisation"))
