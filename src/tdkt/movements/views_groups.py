"""Covenants of clusters and blocks, yearly rotation of head and deputy, restructuring after merges, and
a unit's history of groups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.lib.downloads import send_stored
from tdkt.lib.forms import apply_validation_error
from tdkt.movements import covenants, groups, rules
from tdkt.movements.forms import CovenantForm, RotationForm, YearRotationForm
from tdkt.movements.models import Covenant
from tdkt.orgs.queries import get_unit_for_user, group_years_for_user


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@signed_in
def covenant_list(request):
    year = _year(request)
    group_years = group_years_for_user(request.user, year)
    signed = {c.group_year_id: c for c in Covenant.objects.filter(group_year__in=[g.pk for g in group_years])
              .select_related("host_unit")}
    rows = [(group_year, signed.get(group_year.pk)) for group_year in group_years]
    return render(request, "movements/covenant_list.html", {"year": year, "rows": rows,
                                                            "can_manage": rules.can_manage_movements(request.user)})


@signed_in
def covenant_detail(request, pk):
    group_year = covenants.get_group_year(request.user, pk)
    return render(request, "movements/covenant_detail.html", {
        "group_year": group_year, "covenant": covenants.covenant_of(group_year),
        "members": sorted(group_year.memberships.all(), key=lambda m: m.pk),
        "can_write": rules.can_write_covenant(request.user, group_year),
        "can_manage": rules.can_manage_movements(request.user)})


@signed_in
def covenant_edit(request, pk):
    group_year = covenants.get_group_year(request.user, pk, write=True)
    covenant = covenants.covenant_of(group_year)
    initial = {}
    if covenant is not None:
        initial = {"signed_on": covenant.signed_on, "host_unit": covenant.host_unit_id, "content": covenant.content}
        initial |= {f"target_{t.unit_id}": t.targets for t in covenant.targets.all()}
    form = CovenantForm(request.POST or None, request.FILES or None, initial=initial, group_year=group_year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            covenants.save_covenant(group_year, by=request.user, signed_on=data["signed_on"],
                                    host_unit=data["host_unit"], content=data["content"], targets=form.targets(),
                                    uploaded=data["document"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The covenant has been saved."))
            return redirect("movements:covenant", pk=group_year.pk)
    return render(request, "movements/covenant_form.html", {"form": form, "group_year": group_year})


@signed_in
def covenant_document(request, pk):
    group_year = covenants.get_group_year(request.user, pk)
    covenant = Covenant.objects.filter(group_year=group_year).first()
    if covenant is None or not covenant.document:
        raise Http404
    return send_stored(covenant.document, covenant.document_name)


@roles_required(*rules.MANAGERS)
def group_rotate(request, pk):
    group_year = covenants.get_group_year(request.user, pk)
    try:
        default = groups.default_rotation(group_year)
        problem = ""
    except ValidationError as exc:
        default, problem = None, " ".join(exc.messages)
    form = RotationForm(request.POST or None, initial={"next_year": group_year.year + 1}, group_year=group_year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rotation = groups.rotate_group_year(group_year, by=request.user, next_year=data["next_year"],
                                                head=data["head"], deputy=data["deputy"], reason=data["reason"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("%(group)s: head %(head)s, deputy %(deputy)s.") % {
                "group": rotation.group_year, "head": rotation.head, "deputy": rotation.deputy})
            return redirect("movements:covenant", pk=rotation.group_year.pk)
    return render(request, "movements/group_rotate.html", {"group_year": group_year, "form": form,
                                                           "default": default, "problem": problem})


@roles_required(*rules.MANAGERS)
def groups_rotate_year(request):
    """Every cluster and block of a year rotated from one form (who heads each group next year)."""
    year = _year(request)
    rows = groups.year_rotation_rows(year)
    form = YearRotationForm(request.POST or None, rows=rows, initial={"next_year": year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            rotations = groups.rotate_year([groups.RotationChoice(*choice) for choice in form.choices()],
                                           by=request.user, next_year=form.cleaned_data["next_year"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(count)s groups opened for %(year)s.") % {
                "count": len(rotations), "year": form.cleaned_data["next_year"]})
            return redirect(f"{reverse('movements:groups_rotate_year')}?year={form.cleaned_data['next_year']}")
    return render(request, "movements/groups_rotate_year.html", {"form": form, "rows": rows, "year": year})


@roles_required(*rules.MANAGERS)
def group_restructure(request, pk):
    group_year = covenants.get_group_year(request.user, pk)
    report = None
    if request.method == "POST":
        report = groups.restructure_after_merge(group_year, by=request.user)
        group_year = covenants.get_group_year(request.user, pk)
    dissolved = [m for m in group_year.memberships.all() if m.unit.dissolved_on is not None]
    return render(request, "movements/group_restructure.html", {"group_year": group_year, "report": report,
                                                                "dissolved": dissolved})


@signed_in
def unit_history(request, pk):
    unit = get_unit_for_user(request.user, pk)
    return render(request, "movements/unit_history.html", {"unit": unit, "rows": groups.unit_group_history(unit)})
