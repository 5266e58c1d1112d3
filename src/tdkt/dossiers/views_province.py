"""Screens of the receiving side: work queue (with bulk receive / assign and the overdue summary),
assignment, appraisal of the lines, return for completion, and the documents checklist.

The receiving side is the province's specialists for a dossier to the province, and the receiving unit's
clerks and leaders (its TĐKT officer) for a unit's own round (tdkt.dossiers.transitions.acts_for_receiver).
The province's specialists read a unit's round (no buttons; a POST is refused)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.models import AwardType
from tdkt.dossiers import line_decisions, queries, verdicts, workflow
from tdkt.dossiers.appraisal_rows import appraisal_rows_html
from tdkt.dossiers.checklist import live_lines
from tdkt.dossiers.eligibility import failed_findings, reason_texts
from tdkt.dossiers.enums import DossierKind, DossierState, NominationState
from tdkt.dossiers.forms import (
    AssignForm,
    ChangeAwardForm,
    ReasonForm,
    RequirementForm,
    receiving_officers,
    specialists,
)
from tdkt.dossiers.listsheets import may_use_queue, queue_for
from tdkt.dossiers.models import DocumentRequirement, Dossier
from tdkt.dossiers.overdue import overdue_by_specialist
from tdkt.dossiers.transitions import APPRAISAL_STATES, NOMINATION, acts_for_province, acts_for_receiver
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.names import display_name
from tdkt.lib.paging import CheapPage, cheap_page
from tdkt.lib.rows import url_with_id

SPECIALISTS = (Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)
RECEIVERS = (*SPECIALISTS, Role.UNIT_CLERK, Role.UNIT_LEADER)
PER_PAGE = 50


def _receiving_dossier(request, pk, *, nomination=False):
    """The dossier (or line) on a receiving-side page: opened by its receiver, read by the province (a POST
    refused, 403); another unit's round is a 404; a unit's own dossier to the province is not the unit's
    to appraise (403)."""
    obj = (queries.get_nomination_for_user if nomination else queries.get_dossier_for_user)(request.user, pk)
    dossier = obj.dossier if nomination else obj
    if acts_for_receiver(request.user, dossier):
        return obj
    if acts_for_province(request.user) and request.method not in {"POST", "PUT", "PATCH", "DELETE"}:
        return obj
    raise PermissionDenied(_("Only the officers who receive the dossier act on it; the province reads a unit's "
                             "round."))


@roles_required(*RECEIVERS)
def queue(request):
    today = timezone.localdate()
    province = acts_for_province(request.user)
    if not may_use_queue(request.user):
        raise PermissionDenied  # a unit without an authority of its own receives no dossier
    if request.method == "POST":
        return _bulk(request)
    form, queryset = queue_for(request.user, request.GET, today=today)
    # Sort narrow rows (ids) first, then load the page's dossiers with their unit and assignee: SQLite
    # would otherwise sort every matching joined row (~80 ms at 20,000 dossiers).
    ids = cheap_page(queryset.values_list("pk", flat=True), request.GET.get("page"), PER_PAGE)
    loaded = Dossier.objects.select_related("unit", "assignee").in_bulk(ids.items)
    page = CheapPage(items=[loaded[pk] for pk in ids.items if pk in loaded], number=ids.number,
                     has_next=ids.has_next)
    _decorate_rows(page, today)
    summary = list(overdue_by_specialist(today)) if province else []
    for row in summary:
        assignee = f"&assignee_id={row.specialist_id}" if row.specialist_id else "&assignee=nobody"
        row.queue_url = f"{reverse('dossiers:queue')}?due=overdue{assignee}"
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "dossiers/queue.html", {
        "page": page, "form": form, "filters": _filter_controls(form), "summary": summary,
        "specialists": list(specialists() if province else receiving_officers(get_scope(request.user).officer_unit_ids)),
        "query": query.urlencode(), "today": today})


def _decorate_rows(page, today) -> None:
    """What each row shows, worked out once in Python (labels, link, badge): a page renders 50 rows."""
    states, kinds = dict(DossierState.choices), dict(DossierKind.choices)
    states = {key: str(value) for key, value in states.items()}
    kinds = {key: str(value) for key, value in kinds.items()}
    detail_url = url_with_id("dossiers:detail")
    counts = queries.line_counts([dossier.pk for dossier in page])
    for dossier in page:
        dossier.counts = counts.get(dossier.pk, {"lines": 0, "to_fix": 0})
        dossier.due_badge = queries.due_badge(dossier.step_due_on, today)
        dossier.url = detail_url(dossier.pk)
        dossier.state_label = states.get(dossier.state, dossier.state)
        dossier.kind_label = kinds.get(dossier.kind, dossier.kind)
        dossier.ref = dossier.reference
        dossier.assignee_name = display_name(dossier.assignee) if dossier.assignee else "—"
        dossier.overdue = dossier.step_due_on is not None and dossier.step_due_on < today
        dossier.due_text = dossier.step_due_on.strftime("%d/%m/%Y") if dossier.step_due_on else ""


def _filter_controls(form) -> list[tuple[str, str, str]]:
    """(label, HTML control, id the label is for: "" when it wraps the control) of each filter, built in Python: Django's widget templates would render each option
    through the template engine."""
    data = form.data if form.is_bound else {}
    controls = []
    for name, field in form.fields.items():
        current = str(data.get(name, "") or "")
        if name == "unit":  # the unit picker: the page carries the chosen unit only
            controls.append((field.label, str(form[name]), form[name].id_for_label))
            continue
        if hasattr(field, "choices"):
            choices = [(str(value), label) for value, label in field.choices]
        else:
            controls.append((field.label, format_html(
                '<input type="number" name="{}" value="{}" min="0" max="60" size="3">', name, current), ""))
            continue
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (value, " selected" if value == current else "", label) for value, label in choices))
        controls.append((field.label, format_html('<select name="{}">{}</select>', name, options), ""))
    return controls


def _bulk(request):
    """Receive or assign the ticked dossiers, each on its own; report what failed, dossier by dossier."""
    ids = [int(value) for value in request.POST.getlist("dossier") if value.isdigit()]
    dossiers = list(Dossier.objects.filter(pk__in=ids).filter(queries.receiving_filter(request.user, all_levels=True))
                    .select_related("unit", "receiving_authority").order_by("id"))
    operation = request.POST.get("operation")
    if not dossiers:
        messages.error(request, _("Tick at least one dossier."))
        return redirect(request.get_full_path())
    if operation == "receive":
        results = workflow.bulk_receive(dossiers, by=request.user)
    elif operation == "assign":
        pool = specialists() if acts_for_province(request.user) else receiving_officers(
            get_scope(request.user).officer_unit_ids)
        specialist = pool.filter(pk=request.POST.get("specialist") or 0).first()
        if specialist is None:
            messages.error(request, _("Choose the specialist to assign."))
            return redirect(request.get_full_path())
        results = workflow.bulk_assign(dossiers, specialist, by=request.user)
    else:
        raise Http404
    done = sum(1 for _dossier, error in results if error is None)
    messages.success(request, _("%(done)s of %(total)s dossier(s) done.") % {"done": done, "total": len(results)})
    for dossier, error in results:
        if error:
            messages.error(request, f"{dossier.reference} — {dossier.title}: {error}")
    return redirect(request.get_full_path())


@roles_required(*RECEIVERS)
def assign(request, pk):
    dossier = _receiving_dossier(request, pk)
    form = AssignForm(request.POST or None, initial={"specialist": dossier.assignee_id or request.user.pk})
    if dossier.receiving_authority_id:
        form.fields["specialist"].queryset = receiving_officers({dossier.receiving_authority.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            workflow.assign_specialist(dossier, form.cleaned_data["specialist"], by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The specialist in charge has been set."))
            return redirect("dossiers:detail", pk=dossier.pk)
    return render(request, "dossiers/simple_form.html", {"dossier": dossier, "form": form,
                                                         "title": _("Assign a specialist")})


LINE_ACTIONS = {
    "accept": lambda line, user, data: workflow.accept_line(line, by=user, reason=data["reason"],
                                                            confirmed=data["confirmed"]),
    "reject": lambda line, user, data: workflow.reject_line(line, by=user, reason=data["reason"]),
    "hold": lambda line, user, data: workflow.hold_line(line, by=user, reason=data["reason"]),
    "release": lambda line, user, data: workflow.release_line(line, by=user, reason=data["reason"]),
    "change_award": lambda line, user, data: workflow.change_line_award(line, data["award_type"], by=user,
                                                                         reason=data["reason"]),
}
LINE_ACTIONS["change"] = LINE_ACTIONS["change_award"]  # the name the form used before the declaration


@roles_required(*RECEIVERS)
def appraise(request, pk):
    """Per line: accept, change the award, reject with a reason, hold — with the engine's reasons shown."""
    dossier = _receiving_dossier(request, pk)
    lines = live_lines(dossier) + list(dossier.nominations.filter(state=NominationState.REJECTED).select_related(
        "person", "unit", "household", "award_type", "proposed_award_type"))
    errors = {}
    if request.method == "POST":
        line = next((item for item in lines if str(item.pk) == request.POST.get("line")), None)
        action = request.POST.get("decision")
        if line is None or action not in LINE_ACTIONS:
            raise Http404
        line.dossier = dossier
        award_type = AwardType.objects.filter(pk=request.POST.get("award_type") or 0).first()
        try:
            if action in {"change", "change_award"} and award_type is None:
                raise ValidationError({"award_type": _("Choose the award.")})
            LINE_ACTIONS[action](line, request.user, {"reason": request.POST.get("reason", ""),
                                                      "award_type": award_type,
                                                      "confirmed": request.POST.get("confirm") == "on"})
        except ValidationError as exc:
            errors[line.pk] = exc.messages
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("Line “%(name)s”: %(state)s.") % {
                "name": line.recipient, "state": line.get_state_display()})
            return redirect("dossiers:appraise", pk=dossier.pk)
    # Labels made once, not once per line: a dossier may carry a few hundred lines.
    states = {state.value: str(state.label) for state in NominationState}
    verdict_labels = {code: line_decisions.verdict_label(code) for code in (*line_decisions.VERDICT_LABELS, "")}
    labels = {item.name: str(item.label) for item in NOMINATION.transitions}
    change_award_url = url_with_id("dossiers:change_award")
    for line in lines:
        line.reasons_now = reason_texts(failed_findings(verdicts.current(line)))
        line.computed_text = verdicts.computed_text(line)
        line.errors = errors.get(line.pk, [])
        # the buttons, from the declaration
        line.decisions = [(item.name, labels[item.name]) for item in NOMINATION.allowed(request.user, line)]
        line.change_award_url = change_award_url(line.pk)
        line.state_label = states.get(line.state, line.state)
        line.verdict_code = line_decisions.stored_verdict(line)
        line.verdict_text = verdict_labels.get(line.verdict_code) or line_decisions.verdict_label(line.verdict_code)
    lines = sorted(lines, key=lambda line: (line.position, line.pk))
    is_open = dossier.state in APPRAISAL_STATES
    return render(request, "dossiers/appraise.html", {
        "dossier": dossier, "lines": lines, "open": is_open,
        "rows": appraisal_rows_html(lines, request, open_=is_open, confirm_label=line_decisions.CONFIRM_LABEL)})


@roles_required(*RECEIVERS)
def change_award(request, pk):
    """One line accepted for another award than proposed, on its own page: a choice of awards on each of a
    300-line appraisal page made it weigh over a megabyte."""
    line = _receiving_dossier(request, pk, nomination=True)
    form = ChangeAwardForm(request.POST or None, line=line)
    if request.method == "POST" and form.is_valid():
        try:
            line_decisions.change_line_award(line, form.cleaned_data["award_type"], by=request.user,
                                             reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Line “%(name)s”: %(state)s.") % {
                "name": line.recipient, "state": line.get_state_display()})
            return redirect("dossiers:appraise", pk=line.dossier_id)
    return render(request, "dossiers/simple_form.html", {
        "dossier": line.dossier, "form": form,
        "title": _("Change the award of “%(name)s”") % {"name": line.recipient}})


@roles_required(*RECEIVERS)
def accept_eligible(request, pk):
    """Lists the exact lines "accept all eligible" accepts; the POST accepts those ids, no others."""
    dossier = _receiving_dossier(request, pk)
    if request.method == "POST":
        ids = [value for value in request.POST.getlist("line") if value.isdigit()]
        if not ids:
            messages.error(request, _("No line to accept."))
            return redirect("dossiers:appraise", pk=dossier.pk)
        results = line_decisions.accept_eligible(dossier, ids, by=request.user)
        done = sum(1 for _line, error in results if error is None)
        messages.success(request, _("%(done)s of %(total)s line(s) accepted.") % {"done": done, "total": len(ids)})
        for line, error in results:
            if error:
                messages.error(request, f"{line.recipient} — {line.award_type.name}: {error}")
        return redirect("dossiers:appraise", pk=dossier.pk)
    lines, beyond = line_decisions.eligible_split(dossier) if dossier.state in APPRAISAL_STATES else ([], [])
    for line in lines:
        line.verdict_text = line_decisions.verdict_label(line_decisions.stored_verdict(line))
    return render(request, "dossiers/accept_eligible.html", {"dossier": dossier, "lines": lines, "beyond": beyond})


@roles_required(*RECEIVERS)
def return_for_completion(request, pk):
    """The dossier's reason and, per line, what the unit must complete."""
    dossier = _receiving_dossier(request, pk)
    lines = live_lines(dossier)
    form = ReasonForm(request.POST or None)
    form.fields["reason"].required = True
    form.fields["reason"].label = _("What the unit must complete")
    fixes = {line.pk: request.POST.get(f"fix_{line.pk}", "") for line in lines} if request.method == "POST" else {}
    if request.method == "POST" and form.is_valid():
        try:
            workflow.return_for_completion(dossier, by=request.user, reason=form.cleaned_data["reason"],
                                           line_fixes=fixes)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The dossier has been returned to the unit for completion."))
            return redirect("dossiers:detail", pk=dossier.pk)
    for line in lines:
        line.fix_text = fixes.get(line.pk, line.fix_request)
    return render(request, "dossiers/return.html", {"dossier": dossier, "form": form, "lines": lines})


# --- documents checklist ---------------------------------------------------------------------------------------

@signed_in
def checklist(request):
    rows = DocumentRequirement.objects.select_related("award_type").order_by("kind", "award_type__sort_order",
                                                                              "document_type")
    return render(request, "dossiers/checklist.html", {
        "rows": rows, "can_manage": bool(get_scope(request.user).roles & set(SPECIALISTS))})


@roles_required(*SPECIALISTS)
def requirement_edit(request, pk=None):
    requirement = None
    if pk is not None:
        requirement = DocumentRequirement.objects.filter(pk=pk).first()
        if requirement is None:
            raise Http404
    form = RequirementForm(request.POST or None, instance=requirement)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        record(request.user, AuditAction.UPDATE if pk else AuditAction.CREATE, saved,
               changes={name: str(form.cleaned_data[name]) for name in form.changed_data})
        messages.success(request, _("The checklist has been saved."))
        return redirect("dossiers:checklist")
    return render(request, "dossiers/simple_form.html", {
        "form": form, "title": _("Edit a required document") if pk else _("Add a required document")})


@roles_required(*SPECIALISTS)
def requirement_delete(request, pk):
    requirement = DocumentRequirement.objects.filter(pk=pk).first()
    if requirement is None:
        raise Http404
    if request.method == "POST":
        record(request.user, AuditAction.DELETE, requirement, changes={"document_type": requirement.document_type})
        requirement.delete()
        messages.success(request, _("The required document has been removed from the checklist."))
        return redirect("dossiers:checklist")
    return render(request, "dossiers/confirm.html", {
        "title": _("Remove a required document"), "question": _("Remove “%(name)s” from the checklist?") % {
            "name": requirement}, "back": reverse("dossiers:checklist")})
