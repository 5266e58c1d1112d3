"""Screens of nominee entry: the lines of a dossier, a line's form, the list import and its result, quotas
and the exports. Each view fetches with access checked (404 for another unit's dossier) and calls one
domain function (services, importing, quotas, exports)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.dossiers import exports
from tdkt.dossiers import jobs as export_jobs
from tdkt.dossiers.models import Nomination, NominationQuota
from tdkt.dossiers.nominees import blanks, importing, quotas, services
from tdkt.dossiers.nominees.documents import DocumentList
from tdkt.dossiers.nominees.forms import (
    ImportForm,
    LineAddForm,
    LineFieldsForm,
    PasteForm,
    QuotaForm,
    SelectionExportForm,
)
from tdkt.dossiers.nominees.matching import dossier_unit_ids
from tdkt.dossiers.nominees.queries import (
    batch_rows,
    collective_choices,
    get_line_for_user,
    lines_context,
)
from tdkt.dossiers.nominees.rendering import line_rows_html
from tdkt.dossiers.queries import get_dossier_for_user
from tdkt.jobs import idempotency
from tdkt.jobs.exporting import export_or_job
from tdkt.lib.downloads import send_export
from tdkt.lib.forms import apply_validation_error
from tdkt.people.models import Person

EDITORS = (Role.UNIT_CLERK, Role.UNIT_LEADER, Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)
SPECIALISTS = (Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)


def dossier_url(dossier) -> str:
    """The dossier page (dossiers app) when it exists, else this app's lines page."""
    try:
        return reverse("dossiers:detail", kwargs={"pk": dossier.pk})
    except NoReverseMatch:
        return reverse("nominees:lines", kwargs={"pk": dossier.pk})


def _editable_or_redirect(request, dossier):
    if not services.can_edit_lines(dossier, request.user):
        messages.error(request, _("The lines can be changed only while the dossier is a draft or returned for "
                                  "completion."))
        return redirect(dossier_url(dossier))
    return None


@signed_in
def lines(request, pk):
    dossier = get_dossier_for_user(request.user, pk)
    return render(request, "nominees/lines.html", {"dossier": dossier, "back_url": dossier_url(dossier),
                                                   **lines_context(dossier, request.user)})


@signed_in
def line_rows(request, pk):
    """The dossier page's lines after its first chunk, as table rows (fetched by lines-more.js)."""
    dossier = get_dossier_for_user(request.user, pk)
    try:
        start = max(0, int(request.GET.get("from", 0)))
    except ValueError:
        start = 0
    context = lines_context(dossier, request.user, start=start)
    return HttpResponse(line_rows_html(context["line_rows_shown"], request, personal=context["lines_any_personal"],
                                       returned=context["lines_returned"], can_edit=context["lines_can_edit"]))


@roles_required(*EDITORS)
def line_add(request, pk):
    dossier = get_dossier_for_user(request.user, pk, write=True)
    refused = _editable_or_redirect(request, dossier)
    if refused:
        return refused
    scope = get_scope(request.user)
    readable = [unit_id for unit_id in dossier_unit_ids(dossier) if scope.can_read_unit(unit_id)]
    persons = Person.objects.filter(unit_id__in=readable, merged_into__isnull=True).select_related("unit")
    form_args = {"persons": persons, "units": collective_choices(dossier, request.user), "unit_ids": readable,
                 "dossier": dossier}
    if request.method == "POST":
        form = LineAddForm(request.POST, request.FILES, **form_args)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_nomination(
                    dossier, by=request.user, award_type=data["award_type"], basis=data["basis"],
                    position_and_unit=data["position_and_unit"], achievement_summary=data["achievement_summary"],
                    report=data.get("report"), **form.recipient())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The line was added."))
                return redirect(dossier_url(dossier))
    else:
        form = LineAddForm(**form_args)
    return render(request, "nominees/line_form.html", {"dossier": dossier, "form": form, "adding": True,
                                                       "back_url": dossier_url(dossier)})


@roles_required(*EDITORS)
def line_edit(request, pk):
    line = get_line_for_user(request.user, pk, write=True)
    dossier = line.dossier
    refused = _editable_or_redirect(request, dossier)
    if refused:
        return refused
    initial = {"award_type": line.award_type, "basis": line.basis, "position_and_unit": line.position_and_unit,
               "achievement_summary": line.achievement_summary}
    form = LineFieldsForm(request.POST or None, request.FILES or None, initial=initial, dossier=dossier,
                          current=line.award_type)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_nomination(line, by=request.user, award_type=data["award_type"], basis=data["basis"],
                                       position_and_unit=data["position_and_unit"],
                                       achievement_summary=data["achievement_summary"], report=data.get("report"))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The line was saved."))
            return redirect(dossier_url(dossier))
    return render(request, "nominees/line_form.html", {"dossier": dossier, "form": form, "line": line,
                                                       "adding": False, "back_url": dossier_url(dossier)})


@require_POST
@roles_required(*EDITORS)
def line_remove(request, pk):
    line = get_line_for_user(request.user, pk, write=True)
    dossier = line.dossier
    try:
        services.remove_nomination(line, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The line was removed."))
    return redirect(dossier_url(dossier))


STAGED = "nominee_import:"


def _staged(request, dossier, batch) -> dict | None:
    staged = request.session.get(STAGED + batch)
    return staged if isinstance(staged, dict) and staged.get("dossier") == dossier.pk else None


def _import_done(request, dossier, outcome):
    """The result page of a committed batch; a retried commit (nothing added) says it shows the first one."""
    if outcome.repeated and (first := idempotency.earlier(importing.batch_key(dossier, outcome.batch))):
        return idempotency.show_earlier(request, first)
    return redirect("nominees:import_result", pk=dossier.pk, batch=outcome.batch)


@roles_required(*EDITORS)
def import_upload(request, pk):
    dossier = get_dossier_for_user(request.user, pk, write=True)
    refused = _editable_or_redirect(request, dossier)
    if refused:
        return refused
    posted = request.method == "POST"
    form = ImportForm(request.POST or None, request.FILES or None)
    if posted and form.is_valid():
        document: dict = {}
        return _import_or_stage(request, dossier, form, lambda rows, batch: importing.import_list(
            dossier, form.cleaned_data["file"], by=request.user, batch=batch, rows_out=rows, document_out=document),
            file_name=form.cleaned_data["file"].name or "", paste_form=PasteForm(), document=document)
    return _import_page(request, dossier, form, PasteForm())


@roles_required(*EDITORS)
def import_paste(request, pk):
    """Rows pasted from Excel: the same reading, matching, review and all-or-nothing import as a file."""
    dossier = get_dossier_for_user(request.user, pk, write=True)
    refused = _editable_or_redirect(request, dossier)
    if refused:
        return refused
    form = PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _import_or_stage(request, dossier, form, lambda rows, batch: importing.import_paste(
            dossier, form.cleaned_data["rows"], by=request.user, batch=batch, rows_out=rows),
            file_name=importing.PASTE_NAME, paste_form=form, upload_form=ImportForm())
    return _import_page(request, dossier, ImportForm(), form)


def _import_page(request, dossier, form, paste_form, problems=(), warnings=()):
    return render(request, "nominees/import_upload.html", {
        "dossier": dossier, "form": form, "paste_form": paste_form, "problems": list(problems),
        "warnings": list(warnings), "back_url": dossier_url(dossier)})


def _import_or_stage(request, dossier, form, run, *, file_name: str, paste_form, upload_form=None,
                     document: dict | None = None):
    """Run an import (`run(rows_out, batch)`): its result page, its review (the rows staged in the session,
    with a document's warnings and line map: `document`, filled by `run`) or the import page with every
    problem."""
    rows: list = []
    key = form.cleaned_data["idempotency_key"]
    batch = key.hex if key else importing.new_batch_id()
    try:
        outcome = run(rows, batch)
    except ValidationError as error:
        apply_validation_error(form, error)
        return _import_page(request, dossier, upload_form or form, paste_form)
    if outcome.ok:
        _warn(request, outcome.warnings)
        return _import_done(request, dossier, outcome)
    if outcome.needs_review:
        # Nothing is saved: the rows wait on the server for the clerk's choices (session, per batch).
        request.session[STAGED + batch] = {"dossier": dossier.pk, "rows": rows, "file": file_name[:255],
                                           "document": document or None}
        return redirect("nominees:import_review", pk=dossier.pk, batch=batch)
    return _import_page(request, dossier, upload_form or form, paste_form, outcome.problems, outcome.warnings)


def _warn(request, warnings) -> None:
    """What the document reader doubted (a list cut off, a name twice, lost diacritics), shown once saved."""
    for warning in warnings:
        messages.warning(request, str(warning))


@roles_required(*EDITORS)
def import_review(request, pk, batch):
    """The doubtful rows of a staged list, each with the nearest existing people: link, create or drop."""
    dossier = get_dossier_for_user(request.user, pk, write=True)
    if first := idempotency.earlier(importing.batch_key(dossier, batch)):  # a retried confirmation
        return idempotency.show_earlier(request, first)
    if Nomination.objects.filter(dossier=dossier, import_batch=batch).exists():  # committed before keys existed
        return redirect("nominees:import_result", pk=dossier.pk, batch=batch)
    refused = _editable_or_redirect(request, dossier)
    if refused:
        return refused
    staged = _staged(request, dossier, batch)
    if staged is None:
        messages.error(request, _("This import is no longer waiting for review; send the file again."))
        return redirect("nominees:import", pk=dossier.pk)
    rows = [(number, cells) for number, cells in staged["rows"]]
    choices = {int(key[4:]): value for key, value in request.POST.items() if key.startswith("row-")
               and key[4:].isdigit()} if request.method == "POST" else {}
    document = DocumentList.from_session(staged["document"]) if staged.get("document") else None
    try:
        outcome = importing.import_rows(dossier, rows, by=request.user, choices=choices, batch=batch,
                                        file_name=staged.get("file", ""), commit=request.method == "POST",
                                        document=document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(dossier_url(dossier))
    if outcome.ok:
        request.session.pop(STAGED + batch, None)
        _warn(request, outcome.warnings)
        return _import_done(request, dossier, outcome)
    pending = [row for row in outcome.review if not row.decided]
    return render(request, "nominees/import_review.html", {
        "dossier": dossier, "batch": batch, "review": outcome.review, "problems": outcome.problems,
        "warnings": outcome.warnings,
        "pending": request.method == "POST" and bool(pending), "file_name": staged.get("file", ""),
        "lines": sum(1 for number, _cells in rows), "back_url": dossier_url(dossier)})


@roles_required(*EDITORS)
def import_result(request, pk, batch):
    dossier = get_dossier_for_user(request.user, pk, write=True)
    rows = batch_rows(dossier, batch, request.user)
    created = set(services.persons_created_by(dossier, batch))
    return render(request, "nominees/import_result.html", {
        "dossier": dossier, "batch": batch, "rows": rows, "ineligible": sum(1 for row in rows if row.blocking),
        "created": sum(1 for row in rows if row.line.person_id in created), "created_ids": created,
        "can_undo": bool(rows) and services.can_edit_lines(dossier, request.user), "back_url": dossier_url(dossier)})


@require_POST
@roles_required(*EDITORS)
def import_undo(request, pk, batch):
    dossier = get_dossier_for_user(request.user, pk, write=True)
    try:
        outcome = services.undo_import(dossier, batch, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The import was undone: %(count)s lines removed.") % {"count": outcome.lines})
        if outcome.persons_removed:
            messages.success(request, _("Persons this import had created, removed from the registry: %(names)s.") % {
                "names": ", ".join(outcome.persons_removed)})
        for name, why in outcome.persons_kept:
            messages.warning(request, _("“%(name)s”, created by this import, stays in the registry: %(why)s refer "
                                        "to this person.") % {"name": name, "why": why})
    return redirect(dossier_url(dossier))


@roles_required(*EDITORS)
def import_template(request, pk, kind):
    """The list template of this dossier (.xlsx with drop-down lists and a guide, or the Word table), streamed."""
    dossier = get_dossier_for_user(request.user, pk, write=True)
    write = blanks.write_template_xlsx if kind == "xlsx" else blanks.write_template_docx
    return send_export(lambda path: write(path, dossier), f"mau-danh-sach-{dossier.pk}.{kind}")


@roles_required(*SPECIALISTS)
def quota_list(request):
    form = QuotaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            quotas.add_quota(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The quota was added."))
            return redirect("nominees:quotas")
    year = request.GET.get("year", "")
    rows = NominationQuota.objects.select_related("award_type", "unit", "group_year__group").order_by(
        "-year", "award_type__sort_order", "unit__name", "group_year__group__name")
    if year.isdigit():
        rows = rows.filter(year=int(year))
    return render(request, "nominees/quotas.html", {"form": form, "quotas": rows[:500], "year": year})


@require_POST
@roles_required(*SPECIALISTS)
def quota_remove(request, pk):
    quota = get_object_or_404(NominationQuota, pk=pk)
    quotas.remove_quota(quota, by=request.user)
    messages.success(request, _("The quota was removed."))
    return redirect("nominees:quotas")


def _dossier_export(request, pk, fmt: str):
    dossier = get_dossier_for_user(request.user, pk)
    return export_or_job(
        request, rows=exports.count_dossier_lines(dossier), kind=export_jobs.DOSSIER_LIST,
        params={"dossier": dossier.pk, "format": fmt},
        write=lambda path: export_jobs.write_dossier(path, dossier, fmt),
        filename=export_jobs.dossier_filename(dossier, fmt),
        audit=lambda _lines: export_jobs.record_dossier_export(request.user, dossier, fmt))


@signed_in
def export_xlsx(request, pk):
    return _dossier_export(request, pk, "xlsx")


@signed_in
def export_docx(request, pk):
    return _dossier_export(request, pk, "docx")


@roles_required(*export_jobs.SELECTION_ROLES)
def export_selection(request):
    """The consolidated list; more than EXPORT_JOB_THRESHOLD lines are written by a background job."""
    form = SelectionExportForm(request.GET or None)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        params = {"states": list(data["states"]), "year": data["year"], "format": data["format"]}
        return export_or_job(
            request, rows=exports.count_selection_lines(states=params["states"], year=params["year"]),
            kind=export_jobs.SELECTION, params=params,
            write=lambda path: export_jobs.write_selection(path, request.user, params),
            filename=export_jobs.selection_filename(params["format"]),
            audit=lambda lines: export_jobs.record_selection_export(request.user, params, lines))
    return render(request, "nominees/export_selection.html", {"form": form})
