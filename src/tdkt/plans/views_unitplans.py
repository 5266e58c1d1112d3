"""Units' own plans: the list (who sent, who is late), the requirement, the upload and the file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.lib.downloads import send_stored
from tdkt.lib.forms import apply_validation_error
from tdkt.plans import queries, rules, unitplans
from tdkt.plans.enums import SubmissionState
from tdkt.plans.forms import RequirementForm, UnitPlanUploadForm


@signed_in
def unit_plans(request, pk):
    plan = queries.get_plan_for_user(request.user, pk)
    rows = queries.unit_plan_rows(request.user, plan)
    counts = {state: sum(1 for _, items in rows for _, s in items if s == state) for state in SubmissionState.values}
    return render(request, "plans/unit_plans.html", {
        "plan": plan, "rows": rows, "counts": counts, "states": SubmissionState,
        "can_manage": rules.can_manage_plans(request.user), "today": timezone.localdate()})


@roles_required(*rules.MANAGERS)
def unit_plan_require(request, pk):
    plan = queries.get_plan_for_user(request.user, pk)
    form = RequirementForm(request.POST or None, plan=plan, counted_from_default=unitplans.default_counted_from(plan))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            requirement = unitplans.require_unit_plans(
                plan, by=request.user, deadline_kind=data["deadline_kind"], due_on=data["due_on"],
                working_days=data["working_days"], groups=data["groups"], units=data["units"], note=data["note"],
                counted_from=data.get("counted_from"))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("%(count)s units must send their plan.") % {
                "count": requirement.submissions.count()})
            return redirect("plans:unit_plans", pk=plan.pk)
    return render(request, "plans/unit_plan_require.html", {"plan": plan, "form": form})


@roles_required(*rules.UPDATERS)
def unit_plan_submit(request, pk):
    submission = queries.get_submission_for_user(request.user, pk, write=True)
    form = UnitPlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            unitplans.submit_unit_plan(submission, by=request.user, uploaded=form.cleaned_data["file"],
                                       field_label=str(form.fields["file"].label))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The plan of %(unit)s has been sent.") % {"unit": submission.unit})
            return redirect("plans:unit_plans", pk=submission.requirement.plan_id)
    return render(request, "plans/unit_plan_submit.html", {"submission": submission, "form": form,
                                                           "plan": submission.requirement.plan})


@signed_in
def unit_plan_file(request, pk):
    submission = queries.get_submission_for_user(request.user, pk)
    return send_stored(submission.file, submission.file_name)
