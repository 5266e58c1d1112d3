"""The plan import in the browser: upload → preview (a PlanDraft kept between requests) where the
specialist corrects rows (edit, split, merge) and chooses units → save (all or nothing) or discard."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required
from tdkt.jobs import idempotency
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error
from tdkt.plans import drafting, importing, queries, rules
from tdkt.plans.enums import DraftState, Recurrence, Resolution
from tdkt.plans.forms import DraftRowForm, DraftSplitForm, DraftUnitForm, PlanUploadForm
from tdkt.plans.importer.result import PERIOD_LABELS


def _draft_url(draft, key=None):
    url = reverse("plans:draft", kwargs={"pk": draft.pk})
    return f"{url}#row-{key}" if key else url


def _row(draft, key):
    """The row `key` of an open draft (the first row without a key), or 404."""
    if draft.state != DraftState.OPEN:
        raise Http404
    tasks = draft.data.get("tasks", [])
    if not tasks:
        raise Http404
    for task in tasks:
        if task["key"] == key:
            return task
    if key:
        raise Http404
    return tasks[0]


@roles_required(*rules.MANAGERS)
def import_upload(request):
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = importing.create_draft(by=request.user, uploaded=form.cleaned_data["file"],
                                           field_label=str(form.fields["file"].label))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("plans:draft", pk=draft.pk)
    return render(request, "plans/import_upload.html", {"form": form})


def _display_row(task: dict) -> dict:
    """A draft row with its labels for the preview table (dates dd/mm/yyyy, statuses in words)."""
    labels = dict(Resolution.choices)

    def units(entries):
        return [{**entry, "status_label": labels.get(entry["status"], entry["status"])} for entry in entries]

    return {**task, "period_label": PERIOD_LABELS.get(task["period"], task["period"]),
            "lead": units(task["lead"]), "coordinating": units(task["coordinating"]),
            "due_dates": [datetime.date.fromisoformat(day).strftime("%d/%m/%Y") for day in task["due"]["dates"]],
            "recurrence_label": dict(Recurrence.choices).get(task["due"]["recurrence"] or "", "")
            if task["due"]["recurrence"] else ""}


@roles_required(*rules.MANAGERS)
def draft_detail(request, pk):
    draft = queries.get_draft_for_user(request.user, pk)
    data = draft.data
    document = dict(data.get("document", {}))
    if document.get("date"):
        document["date"] = datetime.date.fromisoformat(document["date"])
    return render(request, "plans/draft_detail.html", {
        "draft": draft, "data": data, "document": document,
        "tasks": [_display_row(task) for task in data.get("tasks", [])],
        "ambiguous": drafting.ambiguous_messages(data) if data else [],
        "flagged": drafting.flagged_count(data) if data else 0, "open": draft.state == DraftState.OPEN})


@roles_required(*rules.MANAGERS)
def draft_row(request, pk):
    draft = queries.get_draft_for_user(request.user, pk)
    task = _row(draft, request.POST.get("key") or request.GET.get("key"))
    form = DraftRowForm(request.POST or None, initial={
        "key": task["key"], "number": task["number"], "content": task["content"], "period": task["period"],
        "due_text": task["due"]["text"], "kind": task["kind"]})
    if request.method == "POST" and form.is_valid():
        try:
            importing.edit_draft_task(draft, task["key"], **{name: form.cleaned_data[name] for name in (
                "content", "number", "period", "due_text", "kind")})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The row has been corrected."))
            return redirect(_draft_url(draft, task["key"]))
    return render(request, "plans/draft_form.html", {"draft": draft, "task": task, "form": form,
                                                     "title": _("Correct the row")})


@roles_required(*rules.MANAGERS)
def draft_split(request, pk):
    draft = queries.get_draft_for_user(request.user, pk)
    task = _row(draft, request.POST.get("key") or request.GET.get("key"))
    first, second = drafting.suggest_split(task["content"])
    form = DraftSplitForm(request.POST or None, initial={"key": task["key"], "first": first, "second": second})
    if request.method == "POST" and form.is_valid():
        try:
            importing.split_draft_task(draft, task["key"], first=form.cleaned_data["first"],
                                       second=form.cleaned_data["second"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The row has been split in two."))
            return redirect(_draft_url(draft, task["key"]))
    return render(request, "plans/draft_form.html", {"draft": draft, "task": task, "form": form,
                                                     "title": _("Split the row in two")})


@roles_required(*rules.MANAGERS)
@require_POST
def draft_merge(request, pk):
    draft = queries.get_draft_for_user(request.user, pk)
    key = request.POST.get("key", "")
    try:
        importing.merge_draft_task(draft, key)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The row has been merged with the next one."))
    return redirect(_draft_url(draft, key))


def _unit_target(task, role, position):
    """(role, position, entry): the asked one, else the row's first name not matched to one unit."""
    names = [(r, i, unit) for r in drafting.ROLES for i, unit in enumerate(task[r])]
    if not names:
        raise Http404
    for r, i, unit in names:
        if r == role and i == position:
            return r, i, unit
    if role is not None:
        raise Http404
    return next(((r, i, u) for r, i, u in names if u["status"] != "resolved"), names[0])


def _position(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@roles_required(*rules.MANAGERS)
def draft_unit(request, pk):
    draft = queries.get_draft_for_user(request.user, pk)
    source = request.POST if request.method == "POST" else request.GET
    task = _row(draft, source.get("key"))
    role, position, entry = _unit_target(task, source.get("role"), _position(source.get("position")))
    form = DraftUnitForm(request.POST or None, initial={
        "key": task["key"], "role": role, "position": position, "unit": entry.get("unit_id")})
    if request.method == "POST" and form.is_valid():
        try:
            importing.choose_draft_unit(draft, task["key"], role=role, position=position,
                                        unit_id=form.cleaned_data["unit"].pk)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The unit has been set."))
            return redirect(_draft_url(draft, task["key"]))
    return render(request, "plans/draft_form.html", {"draft": draft, "task": task, "form": form, "entry": entry,
                                                     "role": role, "title": _("Choose the unit")})


@roles_required(*rules.MANAGERS)
@require_POST
def draft_save(request, pk):
    draft = queries.get_draft_for_user(request.user, pk)

    def run():
        plan = importing.save_draft(draft, by=request.user)
        done = _("The plan has been saved with %(count)s tasks.") % {"count": plan.tasks.count()}
        return plan, reverse("plans:detail", args=[plan.pk]), done

    try:  # the preview's id is the key: a resent "save" shows the plan it made
        once = idempotency.commit_once(idempotency.staged_key("plans.draft", draft.pk), by=request.user,
                                       kind="plans.import", run=run)
    except ValidationError as exc:
        error_messages(request, exc)
        return redirect("plans:draft", pk=draft.pk)
    if once.earlier:
        return idempotency.show_earlier(request, once.earlier)
    plan = once.value
    messages.success(request, _("The plan has been saved with %(count)s tasks.") % {"count": plan.tasks.count()})
    return redirect("plans:detail", pk=plan.pk)


@roles_required(*rules.MANAGERS)
@require_POST
def draft_discard(request, pk):
    draft = queries.get_draft_for_user(request.user, pk)
    try:
        importing.discard_draft(draft, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
        return redirect("plans:draft", pk=draft.pk)
    messages.success(request, _("The preview has been discarded; nothing was imported."))
    return redirect("plans:list")

