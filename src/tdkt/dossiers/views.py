"""Dossier screens of the units and the common dossier page: inbox, create/edit, the page itself, the
workflow actions, documents. Each view fetches with access checked (another unit's dossier: 404) and calls
one domain function of tdkt.dossiers.workflow / documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.dossiers import documents, movement_link, queries, workflow
from tdkt.dossiers.authority import authorities_within_reach
from tdkt.dossiers.checklist import checklist_status, live_lines
from tdkt.dossiers.enums import LIVE_NOMINATION_STATES, UNIT_EDITABLE_STATES, DossierState, NominationState
from tdkt.dossiers.forms import DocumentForm, DossierForm
from tdkt.dossiers.models import DossierEvent
from tdkt.dossiers.nominees.queries import LINES_CHUNK, dossier_lines, lines_context
from tdkt.dossiers.transitions import DOSSIER, LEADER, RECEIVER, UNIT, actor_kinds, acts_for_province
from tdkt.lib.downloads import send_stored
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.orgs.enums import AuthorityKind
from tdkt.orgs.models import Unit
from tdkt.workflow.views import transition_page

ACTORS = (Role.UNIT_CLERK, Role.UNIT_LEADER, Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)
PER_PAGE = 50


@signed_in
def inbox(request):
    """The unit's dossiers with their state, what to fix and the days left of the current step."""
    today = timezone.localdate()
    page = cheap_page(queries.dossiers_for_user(request.user).select_related("unit", "assignee").order_by("-id"),
                      request.GET.get("page"), PER_PAGE)
    ids = [dossier.pk for dossier in page]
    counts = queries.line_counts(ids)
    reasons = queries.last_return_reasons([d.pk for d in page if d.state == "returned"])
    for dossier in page:
        dossier.counts = counts.get(dossier.pk, {"lines": 0, "to_fix": 0})
        dossier.return_reason = reasons.get(dossier.pk, "")
        dossier.due_badge = queries.due_badge(dossier.step_due_on, today)
    scope = get_scope(request.user)
    return render(request, "dossiers/inbox.html", {
        "page": page, "can_create": bool(scope.writable_unit_ids or scope.write_all)
        and scope.has_role(*ACTORS), "is_unit_person": scope.has_role(Role.UNIT_LEADER, Role.UNIT_CLERK)})


def _writable_units(user):
    scope = get_scope(user)
    units = Unit.objects.order_by("name")
    return units if scope.write_all else units.filter(pk__in=scope.writable_unit_ids)


@roles_required(*ACTORS)
def create(request):
    units = _writable_units(request.user)
    only_unit = units.first() if units.count() == 1 else None
    home = get_scope(request.user).home_unit_ids
    home_unit = Unit.objects.filter(pk__in=home).select_related("parent").first() if len(home) == 1 else None
    reach = authorities_within_reach(home_unit) if home_unit else []  # most awards are the unit's own to decide
    # A province specialist writes for any unit: every running movement is offered, the unit's checked on saving.
    movements = movement_link.choices_for(None if get_scope(request.user).write_all else only_unit or home_unit)
    form = DossierForm(request.POST or None, units=units, movements=movements, initial={
        "year": timezone.localdate().year, "unit": only_unit or home_unit,
        # a dossier to the province is most often the chairman's to decide; the first choice (the State
        # President) left as the default put every award the province decides out of the clerk's reach
        "authority": AuthorityKind.PROVINCE_CHAIR, "receiving_authority": reach[0] if reach else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = workflow.create_dossier(
                unit=data["unit"], title=data["title"], kind=data["kind"], by=request.user,
                authority=data["authority"], receiving_authority=data["receiving_authority"],
                group_year=data["group_year"], movement=data["movement"], call=data["call"], year=data["year"],
                period_from=data["period_from"], period_to=data["period_to"],
                cover_letter_number=data["cover_letter_number"], cover_letter_date=data["cover_letter_date"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The dossier has been created. Add its nominees and documents."))
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/form.html", {"form": form, "title": _("New dossier")})


@roles_required(*ACTORS)
def edit(request, pk):
    dossier = queries.get_dossier_for_user(request.user, pk, write=True)
    if dossier.state not in UNIT_EDITABLE_STATES:
        messages.error(request, _("The dossier can only be changed while it is a draft or returned for completion."))
        return redirect("dossiers:detail", pk=dossier.pk)
    names = workflow.EDITABLE_FIELDS
    form = DossierForm(request.POST or None, units=Unit.objects.none(), with_unit=False,
                       movements=movement_link.choices_for(dossier.unit, current=dossier.movement),
                       initial={name: getattr(dossier, name) for name in names})
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}
        try:
            workflow.update_dossier(dossier, data, by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/form.html", {"form": form, "dossier": dossier, "title": _("Edit the dossier")})


def _state_label(enum, value) -> str:
    try:
        return str(enum(value).label) if value else ""
    except ValueError:
        return value


@signed_in
def detail(request, pk):
    dossier = queries.get_dossier_for_user(request.user, pk)
    today = timezone.localdate()
    all_lines = dossier_lines(dossier)  # once, for the panel, the checklist and the upload form
    lines = [line for line in all_lines if line.state in LIVE_NOMINATION_STATES]
    rows = checklist_status(dossier, lines=lines)
    all_documents = list(dossier.documents.select_related("nomination__person", "nomination__unit",
                                                           "nomination__household", "uploaded_by"))
    may_edit_documents = documents.may_edit_documents(request.user, dossier)
    events = DossierEvent.objects.filter(dossier=dossier).select_related(
        "by", "nomination__person", "nomination__unit", "nomination__household").order_by("at", "id")
    events = list(events)
    for event in events:
        labels = NominationState if event.nomination_id else DossierState
        event.from_label = _state_label(labels, event.from_state)
        event.to_label = _state_label(labels, event.to_state)
    kinds = actor_kinds(request.user, dossier)
    return render(request, "dossiers/detail.html", {
        "dossier": dossier, "actions": DOSSIER.allowed(request.user, dossier), "checklist": rows,
        # the clerk prepares: say who sends instead of showing no send button at all
        "awaiting_leader": UNIT in kinds and LEADER not in kinds and dossier.state in UNIT_EDITABLE_STATES,
        "blocking": [row for row in rows if row.blocking], "documents": all_documents,
        "may_edit_documents": may_edit_documents,
        "document_form": DocumentForm(lines=lines) if may_edit_documents else None,
        "events": events, "due_badge": queries.due_badge(dossier.step_due_on, today),
        "is_province": RECEIVER in kinds or acts_for_province(request.user), "is_unit": UNIT in kinds,
        "can_edit_header": UNIT in kinds and dossier.state in UNIT_EDITABLE_STATES,
        **lines_context(dossier, request.user, all_lines, chunk=LINES_CHUNK),
    })


@roles_required(*ACTORS)
def act(request, pk, action):
    """Confirm and perform one declared transition of the dossier (the buttons of the dossier page link
    here); refusals are shown on the same form. Transitions with a page of their own are not here."""
    try:
        transition = DOSSIER[action]
    except KeyError:
        raise Http404 from None
    if transition.form_url:
        raise Http404
    dossier = queries.get_dossier_for_user(request.user, pk)
    return transition_page(request, DOSSIER, dossier, transition, template="dossiers/act.html",
                           done_message=_("Done: the dossier is now “%(state)s”."), context={"dossier": dossier})


@roles_required(*ACTORS)
def upload(request, pk):
    dossier = queries.get_dossier_for_user(request.user, pk)
    if not documents.may_edit_documents(request.user, dossier):
        raise PermissionDenied
    lines = live_lines(dossier)
    form = DocumentForm(request.POST or None, request.FILES or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        by_pk = {line.pk: line for line in lines}
        try:
            document = documents.add_document(dossier, by=request.user, document_type=form.cleaned_data["document_type"],
                                              uploaded=form.cleaned_data["uploaded"],
                                              nomination=by_pk.get(form.cleaned_data["nomination"]))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("File “%(name)s” added.") % {"name": document.original_name})
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/upload.html", {"dossier": dossier, "form": form})


@signed_in
def document(request, pk):
    """Send a stored file to someone who may read its dossier, as an attachment with its sniffed type."""
    item = documents.get_document_for_user(request.user, pk)
    return send_stored(item.file, item.original_name, content_type=item.content_type)


@roles_required(*ACTORS)
def document_remove(request, pk):
    item = documents.get_document_for_user(request.user, pk)
    if not documents.may_edit_documents(request.user, item.dossier):
        raise PermissionDenied
    if request.method == "POST":
        try:
            documents.remove_document(item, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("File “%(name)s” removed.") % {"name": item.original_name})
        return redirect("dossiers:detail", pk=item.dossier_id)
    return render(request, "dossiers/document_remove.html", {"document": item, "dossier": item.dossier})

