"""The sheet of a large dossier at appraisal: how many lines are eligible, each exception (a line not
"eligible") with its choice (leave, accept, reject) and its reason; the POST starts the background job
that decides them all (jobs.DECIDE_SHEET) and shows its progress page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import signed_in
from tdkt.dossiers import bulk, queries
from tdkt.dossiers import jobs as dossier_jobs
from tdkt.dossiers.line_decisions import verdict_label
from tdkt.dossiers.verdicts import current_code
from tdkt.jobs.services import start_job

ACCEPT, REJECT = "accept", "reject"


def _choices(post, exceptions) -> tuple[dict, dict, list[str]]:
    """(reasons to accept, reasons to reject, errors naming the line) from the exceptions' choices."""
    accepted, rejected, errors = {}, {}, []
    for line in exceptions:
        choice = post.get(f"choice-{line.pk}", "")
        reason = post.get(f"reason-{line.pk}", "").strip()[:1000]
        line.posted_choice, line.posted_reason = choice, reason
        if choice not in (ACCEPT, REJECT):
            continue
        if not reason:
            errors.append(_("Line %(no)s (%(name)s): give the reason for this decision.") % {
                "no": line.position, "name": line.recipient})
        (accepted if choice == ACCEPT else rejected)[str(line.pk)] = reason
    return accepted, rejected, errors


@signed_in
def decide_sheet(request, pk):
    dossier = queries.get_dossier_for_user(request.user, pk)
    if not dossier_jobs.may_decide_lines(request.user, dossier):
        raise PermissionDenied
    lines = bulk.undecided_lines(dossier)
    exceptions = bulk.exceptions_of(lines)
    for line in exceptions:
        line.verdict_text = verdict_label(current_code(line))
    errors = []
    if request.method == "POST":
        accepted, rejected, errors = _choices(request.POST, exceptions)
        if not errors:
            try:
                bulk.check_in_appraisal(dossier)
            except ValidationError as error:
                errors = list(error.messages)
        if not errors:
            job = start_job(dossier_jobs.DECIDE_SHEET, by=request.user, params={
                "dossier": dossier.pk, "exceptions": accepted, "rejections": rejected})
            messages.success(request, _("The lines are being decided in the background; this page shows the "
                                        "progress."))
            return redirect("jobs:detail", pk=job.pk)
    return render(request, "dossiers/decide_sheet.html", {
        "dossier": dossier, "eligible": len(lines) - len(exceptions), "exceptions": exceptions,
        "errors": errors, "in_appraisal": dossier.state in bulk.APPRAISAL_STATES})
