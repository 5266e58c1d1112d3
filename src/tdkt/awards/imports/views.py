"""Screens of the history import: list → upload → column mapping → preview with review queue → commit →
report. Each view fetches the batch with access checked (404 outside the user's units) and calls one
service function."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.accounts.scope import get_scope
from tdkt.awards.imports import queries, services
from tdkt.awards.imports.columns import field_label
from tdkt.awards.imports.commit import commit_key
from tdkt.awards.imports.forms import MappingForm, ReviewForm, UploadForm
from tdkt.awards.imports.models import BatchState, RowStatus
from tdkt.awards.imports.report import write_report
from tdkt.awards.imports.transitions import IMPORTERS
from tdkt.jobs import idempotency
from tdkt.lib.downloads import send_export, send_stored
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.orgs.pickers import own_unit_id


@roles_required(*IMPORTERS)
def import_list(request):
    page = cheap_page(queries.batches_for_user(request.user), request.GET.get("page"), 50)
    return render(request, "awards/imports/batch_list.html", {"page": page})


@roles_required(*IMPORTERS)
def import_upload(request):
    scope = get_scope(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, initial={"unit": own_unit_id(request.user)},
                      unit_ids=None if scope.write_all else scope.writable_unit_ids)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.create_batch(by=request.user, kind=form.cleaned_data["kind"],
                                          unit=form.cleaned_data["unit"], uploaded=form.cleaned_data["file"],
                                          field_label=str(form.fields["file"].label))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("awards:import_mapping", pk=batch.pk)
    return render(request, "awards/imports/upload.html", {"form": form})


@roles_required(*IMPORTERS)
def import_mapping(request, pk):
    batch = queries.get_batch_for_user(request.user, pk)
    form = MappingForm(request.POST or None, batch=batch)
    if request.method == "POST" and form.is_valid():
        try:
            services.map_columns(batch, form.mapping(), by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("awards:import_detail", pk=batch.pk)
    return render(request, "awards/imports/mapping.html", {
        "batch": batch, "form": form, "previous": services.previous_imports(batch).first(),
        "editable": batch.state in (BatchState.DRAFT, BatchState.VALIDATED, BatchState.FAILED)})


@roles_required(*IMPORTERS)
def import_detail(request, pk):
    batch = queries.get_batch_for_user(request.user, pk)
    status = request.GET.get("status", "")
    return render(request, "awards/imports/batch_detail.html", {
        "batch": batch, "status": status, "statuses": RowStatus.choices,
        "rows": queries.preview_rows(batch, status), "queue": queries.review_queue(batch),
        "mapped": [(field_label(batch.kind, name), batch.header[index]) for name, index in batch.mapping.items()
                   if index < len(batch.header)],
        "previous": services.previous_imports(batch).first()})


@roles_required(*IMPORTERS)
def import_row(request, pk):
    row = queries.get_row_for_user(request.user, pk)
    form = ReviewForm(request.POST or None, row=row)
    if request.method == "POST" and form.is_valid():
        try:
            decided = services.resolve_row(row, by=request.user, person_id=form.person_id())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("%(count)s rows have been decided.") % {"count": decided})
            return redirect("awards:import_detail", pk=row.batch_id)
    return render(request, "awards/imports/row_review.html", {"row": row, "batch": row.batch, "form": form})


@roles_required(*IMPORTERS)
def import_commit(request, pk):
    batch = queries.get_batch_for_user(request.user, pk)
    if request.method == "POST":
        if first := idempotency.earlier(commit_key(batch)):  # a resent commit: the batch is in already
            return idempotency.show_earlier(request, first)
        try:
            batch = services.start_commit(batch, by=request.user)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            if batch.state == BatchState.FAILED:
                messages.error(request, batch.error)
            elif batch.state == BatchState.COMMITTED:
                messages.success(request, _("The file has been imported."))
        return redirect("awards:import_detail", pk=batch.pk)
    return render(request, "awards/imports/commit.html", {"batch": batch})


@roles_required(*IMPORTERS)
def import_report(request, pk):
    batch = queries.get_batch_for_user(request.user, pk)
    return send_export(lambda path: write_report(path, batch), f"bao-cao-nhap-{batch.pk}.xlsx")


@roles_required(*IMPORTERS)
def import_file(request, pk):
    """The uploaded file itself: MEDIA_ROOT is never served directly."""
    batch = queries.get_batch_for_user(request.user, pk)
    return send_stored(batch.file, batch.original_name)
