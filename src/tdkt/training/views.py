"""Screens of the training register. Each view fetches with access checked (a class neither organised by nor
aimed at the user's units is 404) and calls one domain function."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.scope import get_scope
from tdkt.lib import nd30
from tdkt.lib.downloads import send_export
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import own_unit_id
from tdkt.plans.enums import TaskKind
from tdkt.plans.models import PlanTask
from tdkt.training import certificates, exports, figures, pages, queries, rules, services
from tdkt.training.forms import SearchForm, TrainingForm
from tdkt.training.models import Session

EDITORS = rules.EDITORS
PER_PAGE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _writable_units(user):
    scope = get_scope(user)
    units = Unit.objects.order_by("name")
    return units if scope.write_all else units.filter(pk__in=scope.writable_unit_ids)


@signed_in
def training_list(request):
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = queries.Filters(year=data.get("year"), state=data.get("state") or "", task_id=data.get("task"))
    page = cheap_page(queries.search(request.user, filters), request.GET.get("page"), PER_PAGE)
    task = PlanTask.objects.filter(pk=filters.task_id, kind=TaskKind.TRAINING).first() if filters.task_id else None
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "training/list.html", {
        "form": form, "page": page, "query": query.urlencode(), "task": task,
        "progress": queries.task_progress(task) if task else None,
        "can_create": get_scope(request.user).has_role(*EDITORS),
    })


@roles_required(*EDITORS)
def training_new(request):
    tasks = PlanTask.objects.filter(kind=TaskKind.TRAINING).select_related("plan").order_by("-plan__year", "sort_order")
    form = TrainingForm(request.POST or None, units=_writable_units(request.user),
                        all_units=Unit.objects.order_by("name"), tasks=tasks,
                        initial={"plan_task": request.GET.get("task"), "organiser": own_unit_id(request.user)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            training = services.create_training(
                by=request.user, organiser=data["organiser"], target_units=data["target_units"],
                plan_task=data["plan_task"], **{name: data[name] for name in services.TRAINING_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The class has been recorded."))
            return redirect("training:detail", pk=training.pk)
    return render(request, "training/form.html", {"form": form})


@signed_in
def training_detail(request, pk):
    training = queries.get_training_for_user(request.user, pk)
    return render(request, "training/detail.html", pages.detail_context(request.user, training))


@signed_in
def trainees_export(request, pk):
    training = queries.get_training_for_user(request.user, pk)
    rows = pages.trainee_rows(request.user, training)
    days = training.sessions.filter(recorded_at__isnull=False).count()
    title = f"Danh sách học viên lớp {training.topic}"
    return send_export(lambda path: exports.write_trainees_xlsx(path, training, rows, days=days, title=title),
                       f"hoc-vien-lop-{training.pk}.xlsx")


@require_POST
@roles_required(*EDITORS)
def trainees_add(request, pk):
    training = queries.get_training_for_user(request.user, pk)
    form = pages.trainees_form(request.user, training, request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["person"])
        added = services.enrol(training, list(form.cleaned_data["person"]), by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(n)s trainees added.") % {"n": len(added)})
    return redirect("training:detail", pk=training.pk)


@require_POST
@roles_required(*EDITORS)
def trainee_remove(request, pk):
    trainee = queries.trainee_for_user(request.user, pk)
    try:
        services.remove_trainee(trainee, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("training:detail", pk=trainee.training_id)


@roles_required(*EDITORS)
def attendance(request, pk, session_pk):
    training = queries.get_training_for_user(request.user, pk, write=True)
    session = Session.objects.filter(pk=session_pk, training=training).first()
    if session is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.record_attendance(session, request.POST.getlist("present"), by=request.user)
        except (ValidationError, ValueError) as exc:
            error = "; ".join(getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, _("The attendance of %(day)s has been recorded.") % {
                "day": session.on.strftime("%d/%m/%Y")})
            return redirect("training:detail", pk=training.pk)
    return render(request, "training/attendance.html", pages.attendance_context(training, session, error))


@roles_required(*EDITORS)
def results(request, pk):
    training = queries.get_training_for_user(request.user, pk, write=True)
    rows, forms_valid = pages.result_forms(training, request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST" and forms_valid:
        try:
            services.record_results(training, {trainee.pk: (form.cleaned_data["result"], form.cleaned_data["score"])
                                               for trainee, form in rows}, by=request.user)
        except ValidationError as exc:
            error = "; ".join(exc.messages)
        else:
            messages.success(request, _("The results have been recorded."))
            return redirect("training:detail", pk=training.pk)
    return render(request, "training/results.html", {"training": training, "rows": rows, "error": error})


@signed_in
def certificate(request, pk):
    trainee = queries.trainee_for_user(request.user, pk)
    if not trainee.certificate_number:
        raise Http404
    response = HttpResponse(nd30.to_bytes(certificates.build(trainee)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{certificates.filename(trainee)}"'
    return response


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    if not 1990 <= year <= 2999:
        raise Http404
    return year


@signed_in
def counts(request):
    year = _year(request)
    rows = figures.by_unit(datetime.date(year, 1, 1), datetime.date(year, 12, 31), pages.counted_units(request.user))
    return render(request, "training/counts.html", {"year": year, "rows": rows,
                                                    "total": figures.totals_of(rows)})


@signed_in
def counts_export(request):
    year = _year(request)
    rows = figures.by_unit(datetime.date(year, 1, 1), datetime.date(year, 12, 31), pages.counted_units(request.user))
    title = f"Kết quả tập huấn, bồi dưỡng nghiệp vụ thi đua, khen thưởng năm {year} — {settings.PROVINCE_NAME}"
    return send_export(lambda path: exports.write_counts_xlsx(path, rows, title=title), f"tap-huan-{year}.xlsx")
