"""Screens of the inspections register. Each view fetches with access checked (another unit's inspection,
record or recommendation is 404; a reader who is not of the team is refused the team's forms) and calls one
domain function."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import PROVINCE_WIDE_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.inspections import document, exports, queries, rules, services
from tdkt.inspections.forms import FindingForm, FollowUpForm, InspectionForm, RecommendationForm, RecordForm, YearForm
from tdkt.inspections.models import InspectedUnit, Recommendation
from tdkt.inspections.transitions import RECOMMENDATION_MACHINE
from tdkt.lib import nd30
from tdkt.lib.downloads import send_export, send_stored
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.orgs.models import Unit
from tdkt.people.queries import people_for_user
from tdkt.plans.enums import TaskKind
from tdkt.plans.models import PlanTask

PER_PAGE = 50


def _year(request) -> int | None:
    form = YearForm(request.GET or None)
    return form.cleaned_data["year"] if form.is_valid() else None


@signed_in
def inspection_list(request):
    page = cheap_page(queries.register(request.user, _year(request)), request.GET.get("page"), PER_PAGE)
    return render(request, "inspections/list.html", {
        "page": page, "form": YearForm(request.GET or None), "can_plan": rules.can_manage(request.user),
        "query": f"year={_year(request)}" if _year(request) else ""})


@signed_in
def register_export(request):
    inspections = queries.inspections_for_user(request.user)
    if _year(request):
        inspections = inspections.filter(year=_year(request))
    records = InspectedUnit.objects.filter(inspection__in=inspections).select_related("inspection", "unit")
    scope = get_scope(request.user)
    if not scope.read_all:
        mine = inspections.filter(team__user_id=request.user.pk).values("pk")
        records = records.filter(unit_id__in=scope.readable_unit_ids) | records.filter(inspection__in=mine)
    records = records.order_by("-inspection__year", "inspection__starts_on", "inspection_id", "id").prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("due_on", "id")))
    today = timezone.localdate()
    return send_export(lambda path: exports.write_register_xlsx(path, records, today=today), "so-kiem-tra.xlsx")


@roles_required(*PROVINCE_WIDE_ROLES)
def inspection_new(request):
    form = InspectionForm(
        request.POST or None, units=Unit.objects.active().order_by("name"),
        people=people_for_user(request.user),  # any person the user may see may be on the team
        tasks=PlanTask.objects.filter(kind=TaskKind.INSPECTION).select_related("plan").order_by("-plan_id", "sort_order"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.plan_inspection(
                by=request.user, year=data["year"], title=data["title"], starts_on=data["starts_on"],
                ends_on=data["ends_on"], units=data["units"], leader=data["leader"], members=data["members"],
                plan_task=data["plan_task"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The inspection has been added to the plan."))
            return redirect(inspection.get_absolute_url())
    return render(request, "inspections/form.html", {"form": form})


@signed_in
def inspection_detail(request, pk):
    inspection = queries.get_inspection_for_user(request.user, pk)
    return render(request, "inspections/detail.html", {
        "inspection": inspection, "team": list(inspection.team.select_related("person")),
        "records": list(queries.records_for_user(request.user, inspection))})


def _recommendations(record):
    items = list(record.recommendations.prefetch_related("state_changes"))
    for item in items:
        item.record = record  # one inspection object: the team check is asked once for the page
    return items


@signed_in
def record_detail(request, pk):
    record = queries.get_record_for_user(request.user, pk)
    today = timezone.localdate()
    return render(request, "inspections/record.html", {
        "record": record, "findings": list(record.findings.all()), "recommendations": _recommendations(record),
        "today": today, "is_team": rules.is_team(request.user, record.inspection),
        "form": RecommendationForm() if rules.is_team(request.user, record.inspection) else None})


def _team_record(request, pk):
    record = queries.get_record_for_user(request.user, pk)
    if not rules.is_team(request.user, record.inspection):
        raise PermissionDenied
    return record


@signed_in
def record_edit(request, pk):
    record = _team_record(request, pk)
    findings = list(record.findings.all())
    data = request.POST if request.method == "POST" else None
    form = RecordForm(data, initial={"visited_on": record.visited_on, "summary": record.summary,
                                     "conclusion_number": record.conclusion_number,
                                     "conclusion_date": record.conclusion_date})
    rows = [(row, FindingForm(data, prefix=f"f{row.pk}", row_label=row.item, initial={"assessment": row.assessment, "note": row.note}))
            for row in findings]
    if data is not None and form.is_valid() and all(row_form.is_valid() for _row, row_form in rows):
        try:
            services.record_findings(
                record, by=request.user, **form.cleaned_data,
                findings={row.pk: (row_form.cleaned_data["assessment"], row_form.cleaned_data["note"])
                          for row, row_form in rows})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The findings have been saved."))
            return redirect(record.get_absolute_url())
    return render(request, "inspections/record_edit.html", {"record": record, "form": form, "rows": rows})


@signed_in
def recommendation_new(request, pk):
    record = _team_record(request, pk)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_recommendation(record, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The recommendation has been recorded."))
            return redirect(record.get_absolute_url())
    return render(request, "inspections/recommendation_form.html", {"record": record, "form": form})


@signed_in
def recommendation_report(request, pk):
    item = queries.get_recommendation_for_user(request.user, pk)
    if not RECOMMENDATION_MACHINE.acts_as(request.user, item, "unit"):
        raise PermissionDenied
    form = FollowUpForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_follow_up(item, by=request.user, response=form.cleaned_data["response"],
                                      uploaded=form.cleaned_data["file"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The follow-up has been reported to the inspection team."))
            return redirect(item.get_absolute_url())
    return render(request, "inspections/report.html", {"item": item, "form": form})


@signed_in
def response_file(request, pk):
    item = queries.get_recommendation_for_user(request.user, pk)
    return send_stored(item.response_file, item.response_name or "tep")


@signed_in
def conclusion_docx(request, pk):
    record = queries.get_record_for_user(request.user, pk)
    built = document.build(record, findings=list(record.findings.all()),
                           recommendations=list(record.recommendations.order_by("due_on", "id")),
                           team=list(record.inspection.team.select_related("person")))
    return send_export(lambda path: nd30.save(built, path), document.filename(record))
