"""Screens of the award registry: the catalogue, and the forms that add history to a person or a
collective. Each view fetches with access checked (404 outside the user's units) and calls one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.awards import queries, services
from tdkt.awards.enums import RecipientKind
from tdkt.awards.forms import (
    AwardRecordForm,
    AwardTypeForm,
    CloseCaseForm,
    DisciplineForm,
    InitiativeForm,
    OpenCaseForm,
    RatingForm,
)
from tdkt.lib.forms import apply_validation_error
from tdkt.people.queries import get_person_for_user

MANAGERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)
EDITORS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)


# --- catalogue ------------------------------------------------------------------------------------------


@signed_in
def type_list(request):
    return render(request, "awards/type_list.html", {
        "award_types": list(queries.award_types()),
        "can_manage": get_scope(request.user).has_role(*MANAGERS),
    })


@signed_in
def type_detail(request, pk):
    award_type = queries.get_award_type(pk)
    return render(request, "awards/type_detail.html", {
        "award_type": award_type,
        "aliases": award_type.aliases.order_by("kind", "text"),
        "can_manage": get_scope(request.user).has_role(*MANAGERS),
    })


def _save_award_type(request, form, save, title):
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.AWARD_TYPE_FIELDS if field in form.cleaned_data}
        try:
            award_type = save(data, form.cleaned_data["aliases"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("“%(name)s” has been saved.") % {"name": award_type})
            return redirect("awards:type_detail", pk=award_type.pk)
    return render(request, "awards/type_form.html", {"form": form, "title": title})


@roles_required(*MANAGERS)
def type_create(request):
    form = AwardTypeForm(request.POST or None, initial={"bases": ["merit"], "for_individual": True})
    return _save_award_type(
        request, form, lambda data, aliases: services.create_award_type(by=request.user, aliases=aliases, **data),
        _("New award type"),
    )


@roles_required(*MANAGERS)
def type_edit(request, pk):
    award_type = queries.get_award_type(pk)
    form = AwardTypeForm(request.POST or None, instance=queries.get_award_type(pk))
    return _save_award_type(
        request, form,
        lambda data, aliases: services.update_award_type(award_type, by=request.user, aliases=aliases, **data),
        _("Edit award type"),
    )


# --- history of a person or a collective ---------------------------------------------------------------


def _history_form(request, *, form, save, recipient, back, title, done):
    """Show the form; on a valid POST call the service, put its refusals on the form, or go back."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(request, "awards/history_form.html", {
        "form": form, "recipient": recipient, "back": back, "title": title,
    })


def _person(request, pk):
    person = get_person_for_user(request.user, pk, write=True)
    return person, reverse("people:detail", kwargs={"pk": person.pk})


def _unit(request, pk):
    unit = queries.get_unit_for_history(request.user, pk, write=True)
    return unit, reverse("orgs:detail", kwargs={"pk": unit.pk})


@roles_required(*EDITORS)
def person_award_add(request, pk):
    person, back = _person(request, pk)
    form = AwardRecordForm(request.POST or None, kind=RecipientKind.INDIVIDUAL,
                           initiatives=queries.initiatives_of(person))
    return _history_form(
        request, form=form, recipient=person, back=back, title=_("Record an award"),
        save=lambda data: services.create_award_record(by=request.user, person=person, **data),
        done=_("The award has been recorded."),
    )


@roles_required(*EDITORS)
def person_rating_add(request, pk):
    person, back = _person(request, pk)
    return _history_form(
        request, form=RatingForm(request.POST or None), recipient=person, back=back, title=_("Record a yearly rating"),
        save=lambda data: services.create_rating(by=request.user, person=person, **data),
        done=_("The rating has been recorded."),
    )


@roles_required(*EDITORS)
def person_initiative_add(request, pk):
    person, back = _person(request, pk)
    return _history_form(
        request, form=InitiativeForm(request.POST or None), recipient=person, back=back,
        title=_("Record an initiative"),
        save=lambda data: services.create_initiative(by=request.user, authors=[person], **data),
        done=_("The initiative has been recorded."),
    )


@roles_required(*EDITORS)
def person_discipline_add(request, pk):
    person, back = _person(request, pk)
    return _history_form(
        request, form=DisciplineForm(request.POST or None), recipient=person, back=back,
        title=_("Record a disciplinary measure"),
        save=lambda data: services.create_discipline(by=request.user, person=person, **data),
        done=_("The disciplinary measure has been recorded."),
    )


@roles_required(*EDITORS)
def person_case_add(request, pk):
    person, back = _person(request, pk)
    return _history_form(
        request, form=OpenCaseForm(request.POST or None), recipient=person, back=back, title=_("Record an open case"),
        save=lambda data: services.create_open_case(by=request.user, person=person, **data),
        done=_("The case has been recorded."),
    )


@roles_required(*EDITORS)
def unit_award_add(request, pk):
    unit, back = _unit(request, pk)
    return _history_form(
        request, form=AwardRecordForm(request.POST or None, kind=RecipientKind.COLLECTIVE), recipient=unit,
        back=back, title=_("Record a collective award"),
        save=lambda data: services.create_award_record(by=request.user, unit=unit, **data),
        done=_("The award has been recorded."),
    )


@roles_required(*EDITORS)
def unit_rating_add(request, pk):
    unit, back = _unit(request, pk)
    return _history_form(
        request, form=RatingForm(request.POST or None), recipient=unit, back=back, title=_("Record a yearly rating"),
        save=lambda data: services.create_rating(by=request.user, unit=unit, **data),
        done=_("The rating has been recorded."),
    )


@roles_required(*EDITORS)
def unit_case_add(request, pk):
    unit, back = _unit(request, pk)
    return _history_form(
        request, form=OpenCaseForm(request.POST or None), recipient=unit, back=back, title=_("Record an open case"),
        save=lambda data: services.create_open_case(by=request.user, unit=unit, **data),
        done=_("The case has been recorded."),
    )


@roles_required(*EDITORS)
def case_close(request, pk):
    case = queries.get_open_case_for_user(request.user, pk, write=True)
    if case.person_id:
        back = reverse("people:detail", kwargs={"pk": case.person_id})
    else:
        back = reverse("orgs:detail", kwargs={"pk": case.unit_id})
    return _history_form(
        request, form=CloseCaseForm(request.POST or None), recipient=case.person or case.unit, back=back,
        title=_("Close a case: %(case)s") % {"case": case.get_kind_display()},
        save=lambda data: services.close_open_case(case, by=request.user, **data),
        done=_("The case has been closed."),
    )
