"""Movement pages: list with filters, the movement page (milestones, documents, participants, registrations
summary, linked dossiers), and the specialists' forms. Short views, each calling one domain function."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.lib.downloads import send_stored
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.movements import queries, rules, services
from tdkt.movements.forms import DocumentForm, MilestoneForm, MovementFilterForm, MovementForm, PhaseForm
from tdkt.movements.models import MovementDocument


@signed_in
def movement_list(request):
    form = MovementFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = cheap_page(queries.movements(level=filters.get("level"), kind=filters.get("kind"),
                                        year=filters.get("year")), request.GET.get("page"), 50)
    return render(request, "movements/movement_list.html", {
        "form": form, "page": page, "can_manage": rules.can_manage_movements(request.user)})


@signed_in
def movement_detail(request, pk):
    movement = queries.get_movement(pk)
    return render(request, "movements/movement_detail.html", {
        "movement": movement, "can_manage": rules.can_manage_movements(request.user),
        **queries.movement_page(request.user, movement)})


def _movement_form(request, movement=None):
    form = MovementForm(request.POST or None, instance=movement)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("units", "groups")}
        try:
            if movement is None:
                movement = services.create_movement(by=request.user, units=form.cleaned_data["units"],
                                                    groups=form.cleaned_data["groups"], **data)
            else:
                movement = services.update_movement(movement, by=request.user, units=form.cleaned_data["units"],
                                                    groups=form.cleaned_data["groups"], **data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The movement has been saved."))
            return redirect("movements:detail", pk=movement.pk)
    return render(request, "movements/movement_form.html", {"form": form, "movement": movement})


@roles_required(*rules.MANAGERS)
def movement_create(request):
    return _movement_form(request)


@roles_required(*rules.MANAGERS)
def movement_edit(request, pk):
    return _movement_form(request, queries.get_movement(pk))


def _child_form(request, movement, form, action, title):
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("movements:detail", pk=movement.pk)
    return render(request, "movements/movement_child_form.html", {"form": form, "movement": movement, "title": title,
                                                                  "multipart": "file" in form.fields})


@roles_required(*rules.MANAGERS)
def phase_add(request, pk):
    movement = queries.get_movement(pk)
    form = PhaseForm(request.POST or None, movement=movement)
    return _child_form(request, movement, form, lambda data: services.add_phase(movement, by=request.user, **data),
                       _("Add a phase"))


@roles_required(*rules.MANAGERS)
def milestone_add(request, pk):
    movement = queries.get_movement(pk)
    form = MilestoneForm(request.POST or None)
    return _child_form(request, movement, form,
                       lambda data: services.add_milestone(movement, by=request.user, **data), _("Add a milestone"))


@roles_required(*rules.MANAGERS)
def document_add(request, pk):
    movement = queries.get_movement(pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    return _child_form(request, movement, form, lambda data: services.add_document(
        movement, by=request.user, kind=data["kind"], title=data["title"], uploaded=data["file"]),
        _("Add a document"))


@signed_in
def document_file(request, pk):
    """A movement document: every signed-in user may read them; MEDIA_ROOT is never served directly."""
    document = MovementDocument.objects.filter(pk=pk).first()
    if document is None:
        raise Http404
    return send_stored(document.file, document.file_name)
