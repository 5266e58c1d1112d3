from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.awards.proposals import proposable_awards, proposal_context
from tdkt.awards.queries import unit_timeline
from tdkt.eligibility.codes import Recipient
from tdkt.lib.forms import apply_validation_error
from tdkt.orgs import queries, services
from tdkt.orgs.forms import CouncilMemberForm, GroupMemberForm, GroupYearForm, MergeForm, SplitForm, UnitForm
from tdkt.orgs.models import EmulationGroupYear, Unit
from tdkt.people.models import Household, Person

MANAGERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)


@signed_in
def tree(request):
    include_dissolved = request.GET.get("dissolved") == "1"
    level = queries.unit_tree_level(request.user, parent_id=_int(request.GET.get("open")),
                                    query=request.GET.get("q", "")[:100], include_dissolved=include_dissolved,
                                    page=_int(request.GET.get("page")) or 1)
    # One reverse for the page, not one a row (the rows' links differ only by the id).
    unit_base = reverse("orgs:detail", args=[0]).removesuffix("0/")
    return render(request, "orgs/tree.html", {"level": level, "rows": level.page.items, "page": level.page, "unit_base": unit_base,
                                              "query": request.GET.get("q", "")[:100],
                                              "include_dissolved": include_dissolved})


def _int(value) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@signed_in
def unit_detail(request, pk):
    unit = queries.get_unit_for_user(request.user, pk)
    lineage = services.lineage_ids(unit)
    people = Person.objects.filter(unit_id__in=lineage).select_related("unit").order_by("name_folded")
    context = {
        "unit": unit,
        "children": unit.children.filter(dissolved_on__isnull=True).order_by("name"),
        "former_names": unit.former_names.all(),
        "predecessors": unit.successions_in.select_related("predecessor"),
        "successors": unit.successions_out.select_related("successor"),
        "people": people[:20],
        "people_count": people.count(),
        "households": Household.objects.filter(unit_id__in=lineage)[:20],
        "household_count": Household.objects.filter(unit_id__in=lineage).count(),
        "group_memberships": unit.group_memberships.select_related("group_year__group").order_by("-group_year__year"),
        "councils": unit.councils.all(),
        "can_manage": get_scope(request.user).write_all,
        "timeline": unit_timeline(unit),
        **proposal_context(proposable_awards(Recipient.COLLECTIVE, unit.pk, year=timezone.localdate().year)),
        "proposal_year": timezone.localdate().year,
        "can_record_history": get_scope(request.user).can_write_unit(unit.pk),
    }
    return render(request, "orgs/unit_detail.html", context)


@roles_required(*MANAGERS)
def unit_create(request):
    form = UnitForm(request.POST or None, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.create_unit(by=request.user, **{f: form.cleaned_data[f] for f in services.UNIT_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Unit “%(name)s” has been created.") % {"name": unit})
            return redirect("orgs:detail", pk=unit.pk)
    return render(request, "orgs/unit_form.html", {"form": form, "title": _("New unit")})


@roles_required(*MANAGERS)
def unit_edit(request, pk):
    unit = queries.get_unit_for_user(request.user, pk, write=True)
    form = UnitForm(request.POST or None, instance=Unit.objects.get(pk=unit.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_unit(unit, by=request.user, **{f: form.cleaned_data[f] for f in services.UNIT_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("orgs:detail", pk=unit.pk)
    return render(request, "orgs/unit_form.html", {"form": form, "unit": unit, "title": _("Edit unit")})


@roles_required(*MANAGERS)
def unit_merge(request, pk):
    unit = queries.get_unit_for_user(request.user, pk, write=True)
    form = MergeForm(request.POST or None, initial={"effective_on": timezone.localdate()})
    form.fields["into"].queryset = Unit.objects.exclude(pk=unit.pk).order_by("name")
    if request.method == "POST" and form.is_valid():
        try:
            into = services.merge_units([unit], form.cleaned_data["into"], by=request.user,
                                        effective_on=form.cleaned_data["effective_on"], note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_validation_error(form, exc, field_map={"sources": None})
        else:
            messages.success(request, _("“%(source)s” has been merged into “%(target)s”.") % {"source": unit, "target": into})
            return redirect("orgs:detail", pk=into.pk)
    return render(request, "orgs/unit_action.html", {"form": form, "unit": unit, "title": _("Merge unit")})


@roles_required(*MANAGERS)
def unit_split(request, pk):
    unit = queries.get_unit_for_user(request.user, pk, write=True)
    form = SplitForm(request.POST or None, initial={"effective_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.split_unit(unit, form.cleaned_data["names"], by=request.user,
                                effective_on=form.cleaned_data["effective_on"], note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_validation_error(form, exc, field_map={"code": "names"})
        else:
            messages.success(request, _("“%(name)s” has been split.") % {"name": unit})
            return redirect("orgs:detail", pk=unit.pk)
    return render(request, "orgs/unit_action.html", {"form": form, "unit": unit, "title": _("Split unit")})


@signed_in
def group_list(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    group_years = queries.group_years_for_user(request.user, year)
    years = EmulationGroupYear.objects.values_list("year", flat=True).distinct().order_by("-year")
    return render(request, "orgs/group_list.html", {
        "group_years": group_years, "year": year, "years": years,
        "form": GroupYearForm(initial={"year": year}), "can_manage": get_scope(request.user).write_all,
    })


@roles_required(*MANAGERS)
def group_year_create(request):
    form = GroupYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group_year = services.create_group_year(form.cleaned_data["group"], form.cleaned_data["year"], by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("orgs:group_detail", pk=group_year.pk)
    return render(request, "orgs/unit_action.html", {"form": form, "title": _("New group year")})


@signed_in
def group_detail(request, pk):
    group_year = queries.get_group_year_for_user(request.user, pk)
    can_manage = get_scope(request.user).write_all
    form = GroupMemberForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_group_member(group_year, form.cleaned_data["unit"], form.cleaned_data["role"], by=request.user)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The group has been updated."))
                return redirect("orgs:group_detail", pk=group_year.pk)
    members = sorted(group_year.memberships.all(), key=lambda m: ({"head": 0, "deputy": 1}.get(m.role, 2), m.unit.name))
    return render(request, "orgs/group_detail.html", {
        "group_year": group_year, "members": members, "form": form, "can_manage": can_manage,
    })


@signed_in
def council_list(request):
    councils = queries.councils_for_user(request.user).annotate(member_count=Count("members"))
    return render(request, "orgs/council_list.html", {"councils": councils})


@signed_in
def council_detail(request, pk):
    council = queries.get_council_for_user(request.user, pk)
    can_manage = get_scope(request.user).write_all
    form = CouncilMemberForm(request.POST or None, council=council) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_council_member(council, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The member has been added."))
                return redirect("orgs:council_detail", pk=council.pk)
    members = council.members.select_related("person", "person__unit").order_by("role", "person__name_folded")
    return render(request, "orgs/council_detail.html", {"council": council, "members": members, "form": form})


