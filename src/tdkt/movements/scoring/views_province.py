"""The province in its inter-provincial cluster: the clusters, a year's sheet (criteria, the province's points
and evidence), its sending, the cluster's result, the Word report and the Excel sheet. The standing body
writes; the province's readers (READ_ALL roles) read. Short views, each calling one domain function."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import READ_ALL_ROLES
from tdkt.lib.downloads import send_export, send_stored
from tdkt.lib.forms import apply_validation_error
from tdkt.movements.scoring import exports_province, province, rules, services
from tdkt.movements.scoring.forms_province import ClusterForm, ProvinceCriterionForm, ResultForm, YearForm
from tdkt.movements.scoring.models_province import InterProvincialCluster
from tdkt.movements.scoring.sheets import format_points

READERS = tuple(set(READ_ALL_ROLES) | set(rules.MANAGERS))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@roles_required(*READERS)
def clusters(request):
    form = ClusterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cluster = province.create_cluster(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The inter-provincial cluster has been recorded."))
            return redirect(f"{request.path}#cluster-{cluster.pk}")
    return render(request, "scoring/province_clusters.html", {
        "clusters": InterProvincialCluster.objects.prefetch_related("years"), "form": form,
        "year_form": YearForm(), "can_manage": rules.can_manage(request.user)})


@roles_required(*rules.MANAGERS)
@require_POST
def open_year(request, pk):
    cluster = get_object_or_404(InterProvincialCluster, pk=pk)
    form = YearForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the year."))
        cluster_year = province.open_year(cluster, by=request.user, year=form.cleaned_data["year"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("scoring:province_clusters")
    return redirect("scoring:province_year", pk=cluster_year.pk)


@roles_required(*READERS)
def year(request, pk):
    cluster_year = province.get_cluster_year(request.user, pk)
    form = ProvinceCriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            province.add_criterion(cluster_year, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The criterion has been added."))
            return redirect("scoring:province_year", pk=cluster_year.pk)
    lines = list(cluster_year.criteria.all())
    for line in lines:
        line.points_text, line.max_text = format_points(line.points), format_points(line.max_points)
    return render(request, "scoring/province_year.html", {
        "result_total": format_points(cluster_year.result_total),
        "cluster_year": cluster_year, "lines": lines, "form": form, "can_manage": rules.can_manage(request.user),
        "total": format_points(sum((c.points for c in lines if c.points is not None), 0)),
        "result_form": ResultForm(initial={"result_rank": cluster_year.result_rank,
                                           "result_members": cluster_year.result_members,
                                           "result_total": cluster_year.result_total,
                                           "result_award": cluster_year.result_award,
                                           "result_note": cluster_year.result_note})})


@roles_required(*rules.MANAGERS)
@require_POST
def score(request, pk):
    criterion = province.get_criterion(request.user, pk)
    try:
        points = services.parse_points(request.POST.get("points"), field_label=_("Criterion %(code)s") % {
            "code": criterion.code})
        province.save_score(criterion, by=request.user, points=points, explanation=request.POST.get("explanation", ""),
                            evidence=request.FILES.get("evidence"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Criterion %(code)s has been saved.") % {"code": criterion.code})
    return redirect("scoring:province_year", pk=criterion.cluster_year_id)


@roles_required(*rules.MANAGERS)
@require_POST
def submit(request, pk):
    cluster_year = province.get_cluster_year(request.user, pk)
    try:
        province.submit(cluster_year, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The province's sheet has been sent to the cluster."))
    return redirect("scoring:province_year", pk=cluster_year.pk)


@roles_required(*rules.MANAGERS)
@require_POST
def result(request, pk):
    cluster_year = province.get_cluster_year(request.user, pk)
    form = ResultForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError([f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in
                                   form.errors.items()])
        data = form.cleaned_data
        province.record_result(cluster_year, by=request.user, rank=data["result_rank"], members=data["result_members"],
                               total_points=data["result_total"], award=data["result_award"],
                               note=data["result_note"], uploaded=data["result_file"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The cluster's result has been recorded."))
    return redirect("scoring:province_year", pk=cluster_year.pk)


@roles_required(*READERS)
def report(request, pk):
    cluster_year = province.get_cluster_year(request.user, pk)
    response = HttpResponse(exports_province.report_docx(cluster_year, list(cluster_year.criteria.all())),
                            content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-cum-tinh-{cluster_year.year}.docx"'
    return response


@roles_required(*READERS)
def export(request, pk):
    cluster_year = province.get_cluster_year(request.user, pk)
    lines = list(cluster_year.criteria.all())
    return send_export(lambda path: exports_province.write_sheet_xlsx(path, cluster_year, lines),
                       f"tu-cham-diem-cum-tinh-{cluster_year.year}.xlsx")


@roles_required(*READERS)
def evidence(request, pk):
    criterion = province.get_criterion(request.user, pk)
    return send_stored(criterion.evidence, criterion.evidence_name or "minh-chung",
                       content_type=criterion.evidence_mime or "application/octet-stream")
