"""Staff screens of exemplars. Each view fetches with access checked (another unit's exemplar is a 404) and
calls one domain function; the transitions go through the generated confirm page (workflow:act)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.exemplars import exports, queries, rules, services
from tdkt.exemplars.enums import EDITABLE_STATES
from tdkt.exemplars.forms import ArchiveYearForm, EditForm, ExemplarForm, SearchForm
from tdkt.exemplars.transitions import EXEMPLAR_MACHINE
from tdkt.lib.downloads import send_export, send_stored
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import own_unit_id
from tdkt.people.queries import people_for_user

PER_PAGE = 50
MANAGERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)


def _readable_units(user):
    scope = get_scope(user)
    units = Unit.objects.order_by("name")
    return units if scope.read_all else units.filter(pk__in=scope.readable_unit_ids)


def _writable_units(user):
    return Unit.objects.filter(pk__in=get_scope(user).writable_unit_ids).order_by("name")


def _filters(request) -> tuple[SearchForm, queries.Filters]:
    form = SearchForm(request.GET or None, units=_readable_units(request.user))
    if not form.is_valid():
        return form, queries.Filters()
    data = form.cleaned_data
    return form, queries.Filters(text=data["q"] or "", unit_id=data["unit"], year=data["year"],
                                 quarter=data["quarter"], kind=data["kind"] or "", state=data["state"] or "")


@signed_in
def exemplar_list(request):
    form, filters = _filters(request)
    page = cheap_page(queries.search(request.user, filters), request.GET.get("page"), PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    scope = get_scope(request.user)
    return render(request, "exemplars/list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_create": scope.has_role(*rules.WRITERS),
        "archive_form": ArchiveYearForm() if scope.write_all else None,
    })


@signed_in
def exemplar_export(request):
    _form, filters = _filters(request)
    exemplars = queries.search(request.user, filters)
    return send_export(lambda path: exports.write_exemplars_xlsx(path, exemplars), "dien-hinh-tien-tien.xlsx")


@roles_required(*rules.WRITERS)
def exemplar_new(request):
    form = ExemplarForm(request.POST or None, request.FILES or None, units=_writable_units(request.user),
                        people=people_for_user(request.user), initial={"unit": own_unit_id(request.user)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exemplar = services.create_exemplar(
                by=request.user, unit=data["unit"], kind=data["kind"], person=data["person"],
                collective=data["collective"], photo=data["photo"] or None,
                **{name: data[name] for name in services.TEXT_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The exemplar has been saved as a draft."))
            return redirect(exemplar)
    return render(request, "exemplars/form.html", {"form": form, "exemplar": None})


@roles_required(*rules.WRITERS)
def exemplar_edit(request, pk):
    exemplar = queries.get_exemplar_for_user(request.user, pk, write=True)
    if not rules.is_clerk(request.user, exemplar):
        raise Http404
    if exemplar.state not in EDITABLE_STATES:
        messages.error(request, _("An exemplar that is “%(state)s” can no longer be changed.") % {
            "state": exemplar.get_state_display()})
        return redirect(exemplar)
    initial = {name: getattr(exemplar, name) for name in services.TEXT_FIELDS} | {"awards": exemplar.awards.all()}
    form = EditForm(request.POST or None, request.FILES or None, initial=initial,
                    awards=services.subject_awards(exemplar).select_related("award_type"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_exemplar(exemplar, by=request.user, photo=data["photo"] or None, awards=data["awards"],
                                   **{name: data[name] for name in services.TEXT_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(exemplar)
    return render(request, "exemplars/form.html", {"form": form, "exemplar": exemplar})


@signed_in
def exemplar_detail(request, pk):
    exemplar = queries.get_exemplar_for_user(request.user, pk)
    history = exemplar.state_changes.select_related("by")
    return render(request, "exemplars/detail.html", {
        "exemplar": exemplar, "awards": queries.linked_awards(exemplar),
        "history": [(change, EXEMPLAR_MACHINE.state_label(change.to_state)) for change in history],
        "can_edit": exemplar.state in EDITABLE_STATES and rules.is_clerk(request.user, exemplar),
    })


def photo_response(exemplar) -> HttpResponse:
    """The stored (already re-encoded) photo, shown inline; none stored is a 404."""
    return send_stored(exemplar.photo, content_type=exemplar.photo_type or "image/jpeg", inline=True)


@signed_in
def exemplar_photo(request, pk):
    return photo_response(queries.get_exemplar_for_user(request.user, pk))


@require_POST
@roles_required(*MANAGERS)
def archive_year(request):
    form = ArchiveYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Year to archive: give a year."))
        return redirect("exemplars:list")
    try:
        count = services.archive_year(form.cleaned_data["year"], by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("%(count)s exemplars of %(year)s moved to the archive.") % {
            "count": count, "year": form.cleaned_data["year"]})
    return redirect("exemplars:list")
