"""Registrations (đăng ký thi đua): list, form, submit, Excel template and import, the year's call with its
due date, and the registered / proposed / awarded comparison (page and Excel)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.scope import get_scope
from tdkt.jobs import idempotency
from tdkt.lib.downloads import send_export
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.movements import registration_io, rules
from tdkt.movements.forms import (
    RegistrationCallForm,
    RegistrationForm,
    RegistrationImportForm,
    active_units,
    individual_titles,
)
from tdkt.movements.forms_registrations import SubmitForm
from tdkt.movements.models import RegistrationCall
from tdkt.movements.queries import get_registration_for_user
from tdkt.movements.registration_compare import comparison, named_comparison, warnings_only
from tdkt.movements.registration_rules import is_leader_of
from tdkt.movements.registrations import (
    delay_of,
    registrations_for_user,
    save_registration,
    set_registration_call,
    sign_registration,
    submit_registration,
)
from tdkt.orgs.pickers import UnitFilterForm, own_unit_id


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def writable_units(user):
    scope = get_scope(user)
    units = active_units()
    return units if scope.write_all else units.filter(pk__in=scope.writable_unit_ids)


@signed_in
def registration_list(request):
    year = _year(request)
    registrations = registrations_for_user(request.user, year=year).order_by("unit__name", "movement__name")
    calls = RegistrationCall.objects.filter(year=year).select_related("movement")
    return render(request, "movements/registration_list.html", {
        "year": year, "registrations": list(registrations[:1000]), "calls": calls,
        "can_register": get_scope(request.user).has_role(*rules.REGISTRANTS),
        "can_manage": rules.can_manage_movements(request.user)})


def _registration_form(request, registration=None):
    titles = individual_titles()
    initial = {"year": _year(request), "unit": own_unit_id(request.user)}
    if registration is not None:
        initial = {"unit": registration.unit_id, "year": registration.year, "movement": registration.movement_id,
                   "collective_award": registration.collective_award_id, "targets": registration.targets}
        initial |= {f"count_{item.award_type_id}": item.count for item in registration.items.all()}
    form = RegistrationForm(request.POST or None, initial=initial, units=writable_units(request.user), titles=titles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = save_registration(by=request.user, unit=data["unit"], year=data["year"],
                                             movement=data["movement"], collective_award=data["collective_award"],
                                             items=form.items(), targets=data["targets"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The registration has been saved as a draft."))
            return redirect("movements:registration", pk=registration.pk)
    return render(request, "movements/registration_form.html", {"form": form, "registration": registration})


@roles_required(*rules.REGISTRANTS)
def registration_create(request):
    return _registration_form(request)


@roles_required(*rules.REGISTRANTS)
def registration_edit(request, pk):
    return _registration_form(request, get_registration_for_user(request.user, pk, write=True))


def _detail(request, registration, submit_form=None):
    scope = get_scope(request.user)
    return render(request, "movements/registration_detail.html", {
        "registration": registration,
        "items": registration.items.select_related("award_type"),
        "entries": registration.entries.select_related("award_type", "person", "unit"),
        "late_days": registration.late_days or (
            delay_of(registration, timezone.localdate()) if registration.state == "draft" else 0),
        "submit_form": submit_form or SubmitForm(),
        "can_sign": registration.state == "submitted" and is_leader_of(request.user, registration.unit_id),
        "can_write": scope.can_write_unit(registration.unit_id) and scope.has_role(*rules.REGISTRANTS)})


@signed_in
def registration_detail(request, pk):
    return _detail(request, get_registration_for_user(request.user, pk))


@roles_required(*rules.REGISTRANTS)
@require_POST
def registration_submit(request, pk):
    registration = get_registration_for_user(request.user, pk, write=True)
    form = SubmitForm(request.POST)
    form.is_valid()
    try:
        submit_registration(registration, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return _detail(request, registration, form)
    messages.success(request, _("The registration has been submitted."))
    return redirect("movements:registration", pk=registration.pk)


@roles_required(rules.LEADER)
@require_POST
def registration_sign(request, pk):
    registration = get_registration_for_user(request.user, pk, write=True)
    try:
        sign_registration(registration, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The registration has been signed."))
    return redirect("movements:registration", pk=registration.pk)


@roles_required(*rules.REGISTRANTS)
def registration_template(request):
    units = writable_units(request.user)
    titles = list(individual_titles().filter(code__in=registration_io.TEMPLATE_TITLES))
    return send_export(lambda path: registration_io.write_template_xlsx(path, units, titles),
                       "mau-dang-ky-thi-dua.xlsx")


@roles_required(*rules.REGISTRANTS)
def registration_import(request):
    form = RegistrationImportForm(request.POST or None, request.FILES or None, initial={"year": _year(request)})
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = read_upload(form.cleaned_data["file"], allowed={"xlsx"}, max_bytes=5 * 1024 * 1024,
                                 field_label=str(_("Excel file")))
        except UploadError as exc:
            form.add_error("file", str(exc))
        else:
            year = form.cleaned_data["year"]

            def run():
                report = registration_io.import_registrations(upload, by=request.user, year=year,
                                                              movement=form.cleaned_data["movement"])
                done = _("%(count)d registrations saved as drafts.") % {"count": report.saved}
                return report, None if report.errors else f"{reverse('movements:registrations')}?year={year}", done

            once = idempotency.commit_once(form.cleaned_data["idempotency_key"], by=request.user,
                                           kind="movements.registration_import", run=run)
            if once.earlier:
                return idempotency.show_earlier(request, once.earlier)
            report = once.value
            if not report.errors:
                messages.success(request, _("%(count)d registrations saved as drafts.") % {"count": report.saved})
                return redirect(f"{reverse('movements:registrations')}?year={form.cleaned_data['year']}")
    return render(request, "movements/registration_import.html", {"form": form, "report": report})


@roles_required(*rules.MANAGERS)
def registration_calls(request):
    form = RegistrationCallForm(request.POST or None, initial={"year": _year(request)})
    if request.method == "POST" and form.is_valid():
        try:
            set_registration_call(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The due date has been saved."))
            return redirect("movements:registration_calls")
    calls = RegistrationCall.objects.select_related("movement").order_by("-year", "due_on")[:100]
    return render(request, "movements/registration_calls.html", {"form": form, "calls": calls})


def _unit_filter(request) -> tuple[UnitFilterForm, list[int] | None]:
    """The unit picker of the filter and the chosen unit's id: the pk posted, or the unit a name typed without
    JavaScript names among the units the user may read (the figures are scoped to the user anyway)."""
    scope = get_scope(request.user)
    units = active_units() if scope.read_all else active_units().filter(pk__in=scope.readable_unit_ids)
    form = UnitFilterForm(request.GET or None, units=units)
    typed = form.typed_unit()
    if typed is not None:
        return form, [typed.pk]
    try:
        return form, [int(request.GET["unit"])] if request.GET.get("unit") else None
    except ValueError:
        return form, None


@signed_in
def registration_comparison(request):
    year, (unit_filter, unit_ids) = _year(request), _unit_filter(request)
    rows = comparison(request.user, year, unit_ids=unit_ids)
    # A chosen unit: all its names; the whole province: the names with a warning (thousands of names otherwise).
    named = named_comparison(request.user, year, unit_ids=unit_ids, warned_titles_only=not unit_ids)
    if not unit_ids:
        named = warnings_only(named)
    return render(request, "movements/registration_comparison.html", {
        "year": year, "rows": rows, "named": named, "warned": sum(1 for line in named if line.warnings),
        "unit_filter": unit_filter, "unit_id": unit_ids[0] if unit_ids else None})


@signed_in
def registration_comparison_xlsx(request):
    year = _year(request)
    _form, unit_ids = _unit_filter(request)
    rows = comparison(request.user, year, unit_ids=unit_ids)
    named = named_comparison(request.user, year, unit_ids=unit_ids)
    return send_export(lambda path: registration_io.write_comparison_xlsx(path, year, rows, named),
                       f"dang-ky-de-nghi-khen-thuong-{year}.xlsx")
