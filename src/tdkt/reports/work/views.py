"""The half-year and year-end work reports: the draft (province or own unit), sending the finished report,
and the province's view of who has sent theirs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES
from tdkt.lib.downloads import content_disposition, send_export, send_stored
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.sheets import XLSX_TYPE
from tdkt.reports.enums import ReportKind
from tdkt.reports.work import exports, services
from tdkt.reports.work.forms import DraftForm, SendForm, StatusForm

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _draft_form(request, data=None):
    kind = ReportKind.YEAR_END
    initial = {"kind": kind, "year": services.default_year(kind)}
    return DraftForm(data, initial=initial, units=services.reporting_units(request.user),
                     province=services.may_report_province(request.user))


def _index(request, form, status=200):
    return render(request, "reports/work/index.html", {
        "form": form, "sent": services.sent_by_units(request.user),
        "send_units": services.officer_units(request.user),
        "province_wide": services.may_see_status(request.user)}, status=status)


@signed_in
def work_index(request):
    """The report form; the unit's sent reports; links to send one."""
    return _index(request, _draft_form(request))


@signed_in
def work_draft(request):
    """The Word draft for the period and unit asked (another unit's: 404). Without parameters: the year-end
    report of the current statistical year, for the province or the officer's own unit."""
    form = _draft_form(request, request.GET if request.GET else None)
    if form.is_bound and not form.is_valid():
        if "unit" in form.errors and request.GET.get("unit"):
            services.unit_for_report(request.user, request.GET.get("unit"))  # 404 for another unit's report
        return _index(request, form, status=400)
    data = form.cleaned_data if form.is_bound else {}
    kind = data.get("kind") or ReportKind.YEAR_END
    year = data.get("year") or services.default_year(kind)
    unit = services.unit_for_report(request.user, data["unit"].pk if data.get("unit") else None)
    try:
        period = services.period_of(kind, year, data.get("start"), data.get("end"))
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return _index(request, form, status=400)
    draft = services.draft(kind=kind, year=year, unit=unit, period=period)
    response = HttpResponse(draft.data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition(draft.filename)
    return response


@roles_required(*UNIT_ROLES, *PROVINCE_WIDE_ROLES)
def work_send(request, pk):
    """A unit sends its finished report (a clerk or leader for its units; the standing body on a unit's behalf)."""
    unit = services.unit_to_send_for(request.user, pk)
    form = SendForm(request.POST or None, request.FILES or None,
                    initial={"kind": ReportKind.YEAR_END, "year": services.default_year(ReportKind.YEAR_END)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.send(unit, kind=data["kind"], year=data["year"], uploaded=data["file"], by=request.user,
                          field_label=str(form.fields["file"].label))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The report of %(unit)s has been sent.") % {"unit": unit})
            return redirect("reports:work_index")
    return render(request, "reports/work/send.html", {"unit": unit, "form": form})


def _status_params(request):
    form = StatusForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    kind = data.get("kind") or ReportKind.YEAR_END
    return form, kind, data.get("year") or services.default_year(kind)


@roles_required(*PROVINCE_WIDE_ROLES)
def work_submissions(request):
    """Per kind and year: which units have sent their report, which have not."""
    form, kind, year = _status_params(request)
    rows = services.status(kind, year)
    return render(request, "reports/work/submissions.html", {
        "form": form, "rows": rows, "kind": kind, "year": year, "kind_label": ReportKind(kind).label,
        "sent_count": sum(1 for row in rows if row.sent), "missing_count": sum(1 for row in rows if not row.sent)})


@roles_required(*PROVINCE_WIDE_ROLES)
def work_submissions_xlsx(request):
    _form, kind, year = _status_params(request)
    rows = services.status(kind, year)
    return send_export(lambda path: exports.write_status_xlsx(path, kind=kind, year=year, rows=rows),
                       f"tinh-hinh-gui-bao-cao-{kind.replace('_', '-')}-{year}.xlsx", content_type=XLSX_TYPE)


@signed_in
def work_file(request, pk):
    submission = services.get_submission_for_user(request.user, pk)
    return send_stored(submission.file, submission.file_name)
