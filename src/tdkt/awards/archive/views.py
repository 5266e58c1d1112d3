"""Screens of the archive wizard: list → upload (many files) → batch (reading progress) → review of each
document beside its page images → commit. Each view fetches with access checked (404 outside the user's
units) and calls one service function. MEDIA_ROOT is never served directly: the files, the page images
and the searchable PDF go through these views."""

import subprocess
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.scope import get_scope
from tdkt.awards.archive import queries, services
from tdkt.awards.archive.commit import problems, start_commit
from tdkt.awards.archive.forms import HeaderForm, LineForm, UploadForm
from tdkt.awards.archive.models import ArchivedDocument, ArchivedLine, ArchiveState, DocumentStatus, LineStatus
from tdkt.awards.archive.reading import create_batch
from tdkt.awards.archive.transitions import ARCHIVISTS
from tdkt.awards.imports.queries import may_handle_batch
from tdkt.lib.downloads import send_media_path, send_stored
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.lib.private_files import private_dir
from tdkt.orgs.pickers import own_unit_id

PAGE_DPI = 100


@roles_required(*ARCHIVISTS)
def archive_list(request):
    page = cheap_page(queries.batches_for_user(request.user), request.GET.get("page"), 50)
    return render(request, "awards/archive/batch_list.html", {"page": page})


@roles_required(*ARCHIVISTS)
def archive_upload(request):
    scope = get_scope(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, initial={"unit": own_unit_id(request.user)},
                      unit_ids=None if scope.write_all else scope.writable_unit_ids)
    if request.method == "POST" and form.is_valid():
        try:
            report = create_batch(by=request.user, unit=form.cleaned_data["unit"], files=form.cleaned_data["files"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            for message in report.skipped:
                messages.warning(request, message)
            if report.batch is not None:
                return redirect("awards:archive_detail", pk=report.batch.pk)
            form.add_error("files", _("No file was added to the archive."))
    return render(request, "awards/archive/upload.html", {"form": form})


@roles_required(*ARCHIVISTS)
def archive_detail(request, pk):
    batch = queries.get_batch_for_user(request.user, pk)
    documents = queries.documents_of(batch)
    return render(request, "awards/archive/batch_detail.html", {
        "batch": batch, "documents": documents,
        "current": next((d for d in documents if d.status == DocumentStatus.READING), None),
        "reading": batch.state == ArchiveState.READING,
        "problems": problems(batch) if batch.state in services.EDITABLE else []})


@roles_required(*ARCHIVISTS)
def archive_document(request, pk):
    document = queries.get_document_for_user(request.user, pk)
    editable = document.batch.state in services.EDITABLE and document.status == DocumentStatus.READ
    form = HeaderForm(request.POST or None, instance=document)
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.update_header(document, by=request.user, **{f: form.cleaned_data[f] for f in HeaderForm.Meta.fields
                                                                  if f in form.fields})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The decision's details have been saved."))
            return redirect("awards:archive_document", pk=document.pk)
    pages = range(1, (document.page_count or 0) + 1) if document.searchable_pdf else range(0)
    try:
        shown = int(request.GET.get("page", 1))
    except ValueError:
        shown = 1
    lines = queries.lines_of(document)
    needs_award = any(line.status == LineStatus.ERROR and line.award_type_id is None for line in lines)
    return render(request, "awards/archive/document.html", {
        "document": document, "batch": document.batch, "form": form, "editable": editable, "lines": lines,
        "pages": pages, "shown_page": shown if shown in pages else (1 if pages else None),
        "statuses": LineStatus, "award_types": queries.award_types() if editable and needs_award else [],
        "waiting": sum(line.status in (LineStatus.DOUBTFUL, LineStatus.ERROR)
                                               for line in lines)})


@roles_required(*ARCHIVISTS)
@require_POST
def archive_line(request, pk):
    line = ArchivedLine.objects.select_related("document", "document__batch").filter(pk=pk).first()
    if line is None or not may_handle_batch(request.user, line.document.batch):
        raise Http404
    form = LineForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Line %(line)s: choose what to do with it.") % {"line": line.line})
        services.settle_line(line, by=request.user, choice=form.cleaned_data["choice"])
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect(reverse("awards:archive_document", args=[line.document_id]) + f"#line-{line.pk}")


@roles_required(*ARCHIVISTS)
def archive_commit(request, pk):
    batch = queries.get_batch_for_user(request.user, pk)
    if request.method == "POST":
        try:
            batch = start_commit(batch, by=request.user)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            if batch.state == ArchiveState.FAILED:
                messages.error(request, batch.error)
            elif batch.state == ArchiveState.COMMITTED:
                messages.success(request, _("The awards of the batch have been recorded."))
            else:
                messages.info(request, _("The batch is being recorded in the background."))
        return redirect("awards:archive_detail", pk=batch.pk)
    return render(request, "awards/archive/commit.html", {"batch": batch, "problems": problems(batch)})


def _pdf_path(document: ArchivedDocument) -> Path:
    if not document.searchable_pdf:
        raise Http404
    try:
        return Path(document.searchable_pdf.path)
    except (NotImplementedError, ValueError) as exc:
        raise Http404 from exc


@roles_required(*ARCHIVISTS)
def archive_page(request, pk, page):
    """One page of the document as a PNG (pdftoppm at PAGE_DPI), cached privately beside the archive."""
    document = queries.get_document_for_user(request.user, pk)
    if not 1 <= page <= (document.page_count or 0):
        raise Http404
    source = _pdf_path(document)
    folder = private_dir(Path(settings.MEDIA_ROOT) / "archive" / "pages")
    target = folder / f"{document.sha256}-{page}.png"
    if not target.exists():
        stem = folder / f"{document.sha256}-{page}-render"
        try:
            subprocess.run(["pdftoppm", "-r", str(PAGE_DPI), "-f", str(page), "-l", str(page), "-png",
                            "-singlefile", str(source), str(stem)], check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as exc:
            raise Http404 from exc
        Path(f"{stem}.png").replace(target)
    return send_media_path(target, content_type="image/png", inline=True)


@roles_required(*ARCHIVISTS)
def archive_file(request, pk):
    """The file as uploaded."""
    document = queries.get_document_for_user(request.user, pk)
    return send_stored(document.original, document.original_name)


@signed_in
def archive_scan(request, pk):
    """The searchable PDF of an archived decision, linked from the award history ("Bản quét"): for whoever
    may archive the batch or read its unit's records."""
    document = ArchivedDocument.objects.select_related("batch").filter(pk=pk).first()
    if document is None or not (may_handle_batch(request.user, document.batch)
                                or get_scope(request.user).can_read_unit(document.batch.unit_id)):
        raise Http404
    name = Path(document.original_name).stem + ".pdf"
    return send_stored(document.searchable_pdf, name, content_type="application/pdf")
