"""Plans and their tasks: list, plan page, quarter board, calendar, summary, exports, task page and the
task's actions. Each view fetches with access checked (tdkt.plans.queries: 404 for another unit's task)
and calls one domain function."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.scope import get_scope
from tdkt.jobs.exporting import export_or_job, scope_params
from tdkt.lib.downloads import send_stored
from tdkt.lib.forms import apply_validation_error
from tdkt.orgs.models import Council, Unit
from tdkt.plans import jobs, queries, rules, services
from tdkt.plans.enums import BOARD_COLUMNS, Period, TaskKind, TaskState, UnitRole
from tdkt.plans.forms import TaskKindForm, TaskStateForm, TaskUnitResolveForm, TaskUpdateForm, month_param
from tdkt.plans.kinds import describe_kind_data
from tdkt.plans.summary import HALF_YEAR, KINDS, progress_summary
from tdkt.plans.transitions import form_transitions

COLUMN_LABELS = {"Q1": Period.Q1.label, "Q2": Period.Q2.label, "Q3": Period.Q3.label, "Q4": Period.Q4.label}


def column_label(code):
    return COLUMN_LABELS.get(code) or _("Year-round and recurring")


@signed_in
def plan_list(request):
    plans = queries.plans_for_user(request.user)
    return render(request, "plans/plan_list.html", {
        "plans": plans, "can_import": rules.can_manage_plans(request.user),
        "drafts": queries.open_drafts(request.user) if rules.can_manage_plans(request.user) else []})


@signed_in
def plan_detail(request, pk):
    plan = queries.get_plan_for_user(request.user, pk)
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "my_task_count": queries.tasks_for_user(request.user, plan).count(),
        "can_manage": rules.can_manage_plans(request.user)})


@signed_in
def plan_source(request, pk):
    """The imported document itself: MEDIA_ROOT is never served directly."""
    plan = queries.get_plan_for_user(request.user, pk)
    if not plan.source_file:
        raise Http404
    return send_stored(plan.source_file, plan.source_name)


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@signed_in
def plan_board(request, pk):
    plan = queries.get_plan_for_user(request.user, pk)
    column = request.GET.get("column") if request.GET.get("column") in BOARD_COLUMNS else None
    state = request.GET.get("status") if request.GET.get("status") in TaskState.values else None  # the URL keeps ?status=
    lead = _int(request.GET.get("lead"))
    page = max(1, _int(request.GET.get("page"), 1))
    data = queries.board(request.user, plan, lead_unit_id=lead, state=state, column=column, page=page)
    for item in data.progress:
        item.label = column_label(item.code)
    _decorate_cards(data)
    return render(request, "plans/board.html", {
        "plan": plan, "board": data, "column": column, "state": state, "lead": lead,
        "states": TaskState.choices, "lead_choices": queries.lead_unit_choices(plan),
    })


def _decorate_cards(data) -> None:
    """What each card shows, worked out once in Python: a board renders hundreds of cards."""
    overdue_label = str(TaskState.OVERDUE.label)
    labels = {value: str(label) for value, label in TaskState.choices}
    periods = {value: str(label) for value, label in Period.choices}
    for column in data.columns:
        for task in column.cards:
            task.url = reverse("plans:task", kwargs={"pk": task.pk})
            task.css = f"{task.state} overdue" if task.overdue else task.state
            task.state_css = "overdue" if task.overdue else task.state
            task.state_label = overdue_label if task.overdue else labels[task.state]
            task.due_label = task.due_date.strftime("%d/%m/%Y") if task.due_date else periods[task.period]
            task.leads_text = "; ".join(link.label for link in task.leads)


@signed_in
def plan_calendar(request, pk):
    plan = queries.get_plan_for_user(request.user, pk)
    today = timezone.localdate()
    year, month = month_param(request.GET.get("month"), today if today.year == plan.year
                              else datetime.date(plan.year, 1, 1))
    weeks = queries.calendar_month(request.user, plan, year, month, today=today)
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(request, "plans/calendar.html", {
        "plan": plan, "weeks": weeks, "month": first, "previous": previous, "following": following, "today": today})


def _tasks_with_units(user, plan):
    tasks = list(queries.tasks_for_user(user, plan).order_by("sort_order", "id"))
    queries.attach_units(tasks)
    return tasks


@signed_in
def plan_summary(request, pk):
    plan = queries.get_plan_for_user(request.user, pk)
    kind = request.GET.get("kind") if request.GET.get("kind") in KINDS else HALF_YEAR
    text = progress_summary(plan, _tasks_with_units(request.user, plan), kind=kind, today=timezone.localdate())
    return render(request, "plans/summary.html", {"plan": plan, "kind": kind, "text": text})


def _tasks_export(request, pk, fmt: str):
    """The plan's task annex; more than EXPORT_JOB_THRESHOLD tasks are written by a background job."""
    plan = queries.get_plan_for_user(request.user, pk)
    return export_or_job(
        request, rows=queries.tasks_for_user(request.user, plan).count(), kind=jobs.TASKS_EXPORT,
        params={"plan": plan.pk, "format": fmt, "scope": scope_params(request.user)},
        write=lambda path: jobs.write_tasks(path, plan, _tasks_with_units(request.user, plan), fmt),
        filename=jobs.tasks_filename(plan, fmt))


@signed_in
def export_xlsx(request, pk):
    return _tasks_export(request, pk, "xlsx")


@signed_in
def export_docx(request, pk):
    return _tasks_export(request, pk, "docx")


@signed_in
def task_detail(request, pk):
    task = queries.get_task_for_user(request.user, pk)
    links = list(task.units.all())
    unit_ids = list(task.kind_data.get("target_unit_ids", []))
    council_id = task.kind_data.get("council_id")
    return render(request, "plans/task_detail.html", {
        "task": task, "plan": task.plan, "today": timezone.localdate(),
        "leads": [link for link in links if link.role == UnitRole.LEAD],
        "partners": [link for link in links if link.role == UnitRole.COORDINATING],
        "due_dates": task.due_dates.all(), "history": task.state_changes.select_related("by"),
        "updates": task.updates.select_related("unit", "by"),
        "kind_details": describe_kind_data(
            task.kind, task.kind_data, unit_names=dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")),
            council_names=dict(Council.objects.filter(pk=council_id).values_list("pk", "name")) if council_id else {}),
        "can_update": rules.can_update_task(request.user, task) and task.state != TaskState.CANCELLED,
        "can_set_state": rules.can_set_state(request.user, task),
        "can_manage": rules.can_manage_plans(request.user),
    })


@roles_required(*rules.UPDATERS)
def task_update(request, pk):
    task = queries.get_task_for_user(request.user, pk, update=True)
    scope = get_scope(request.user)
    units = rules.writable_task_units(request.user, task)
    form = TaskUpdateForm(request.POST or None, request.FILES or None, units=units, required_unit=not scope.write_all)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_task_update(task, by=request.user, unit=form.cleaned_data["unit"],
                                      note=form.cleaned_data["note"], percent=form.cleaned_data["percent"],
                                      evidence=form.cleaned_data["evidence"],
                                      field_label=str(form.fields["evidence"].label))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The progress report has been saved."))
            return redirect("plans:task", pk=task.pk)
    return render(request, "plans/task_form.html", {"task": task, "form": form, "multipart": True,
                                                    "title": _("Report progress")})


@roles_required(*rules.UPDATERS)
def task_status(request, pk):
    task = queries.get_task_for_user(request.user, pk, state=True)
    form = TaskStateForm(request.POST or None, transitions=form_transitions(request.user, task))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_task_state(task, form.cleaned_data["state"], by=request.user,
                                     reason=form.cleaned_data["reason"], completed_on=form.cleaned_data["completed_on"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The task is now “%(status)s”.") % {"status": task.get_state_display()})
            return redirect("plans:task", pk=task.pk)
    return render(request, "plans/task_form.html", {"task": task, "form": form, "title": _("Change status")})


@roles_required(*rules.MANAGERS)
def task_kind(request, pk):
    task = queries.get_task_for_user(request.user, pk)
    kind = request.POST.get("kind") or request.GET.get("kind") or task.kind
    kind = kind if kind in TaskKind.values else task.kind
    form = TaskKindForm(request.POST or None, kind=kind, initial={"kind": kind},
                        data_initial=task.kind_data if kind == task.kind else {})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_task_kind(task, form.cleaned_data["kind"], form.kind_data(), by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc, field_map={name: f"data_{name}" for name in form.kind_data()})
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("plans:task", pk=task.pk)
    return render(request, "plans/task_kind.html", {"task": task, "form": form, "kinds": TaskKind.choices,
                                                    "kind": kind})


@roles_required(*rules.MANAGERS)
def task_unit_resolve(request, pk):
    link = queries.get_task_unit_for_user(request.user, pk)
    form = TaskUnitResolveForm(request.POST or None, initial={"unit": link.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.resolve_task_unit(link, form.cleaned_data["unit"], by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The unit has been set."))
            return redirect("plans:task", pk=link.task_id)
    return render(request, "plans/task_form.html", {"task": link.task, "form": form, "link": link,
                                                    "title": _("Choose the unit")})


@signed_in
def evidence(request, pk):
    update = queries.get_update_for_user(request.user, pk)
    if not update.evidence:
        raise Http404
    return send_stored(update.evidence, update.evidence_name)
