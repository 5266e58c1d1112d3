"""Screens of the requests other bodies send the province (hiệp y đến): the queue, recording (from the document
or by hand), the request's page (assign, record as sent), the answers, the letter and the request's file.

Every view is for signed-in users and answers 404 to anyone but the standing body's specialists and the
province's leaders (inbound_queries.require_reader / require_handler)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import signed_in
from tdkt.dossiers.consultations import inbound, inbound_letter, inbound_queries
from tdkt.dossiers.consultations.enums import InboundState
from tdkt.dossiers.consultations.inbound_forms import AnswerForm, AssignForm, InboundForm, SendForm, UploadForm
from tdkt.dossiers.consultations.models import ConsultationPolicy
from tdkt.dossiers.consultations.transitions import INBOUND_MACHINE
from tdkt.lib.downloads import content_disposition, send_stored
from tdkt.lib.forms import apply_validation_error


@signed_in
def inbound_queue(request):
    """Requests received, by due date, with the working days left; overdue ones highlighted."""
    inbound_queries.require_reader(request.user)
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    show = show if show in inbound_queries.QUEUE_FILTERS else "open"
    query = (request.GET.get("q") or "").strip()[:100]
    rows = inbound_queries.with_days_left(
        inbound_queries.inbound_queue(show=show, assignee=request.user, query=query, today=today), today)
    return render(request, "consultations/inbound_queue.html", {
        "requests": rows, "show": show, "query": query, "today": today,
        "can_record": inbound_queries.is_inbound_handler(request.user),
        "days": ConsultationPolicy.current().inbound_answer_working_days})


@signed_in
def inbound_create(request):
    """Upload the request's document to pre-fill the form (or type it), check, then record it."""
    inbound_queries.require_handler(request.user)
    upload = UploadForm()
    prefill = None
    if request.method == "POST" and "read" in request.POST:
        upload = UploadForm(request.POST, request.FILES)
        form = InboundForm(initial={"received_on": timezone.localdate()})
        if upload.is_valid():
            try:
                token, name, mime, prefill = inbound.store_request_file(upload.cleaned_data["document"])
            except ValidationError as exc:
                apply_validation_error(upload, exc)
            else:
                form = InboundForm(initial={
                    "requesting_body": prefill.issuer, "reference_number": prefill.number,
                    "reference_date": prefill.date, "subject": prefill.subject, "received_on": timezone.localdate(),
                    "subjects": inbound.subjects_text(prefill.subjects), "file_token": token, "file_name": name,
                    "file_type": mime})
    elif request.method == "POST":
        form = InboundForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = inbound.record_inbound(
                    by=request.user, requesting_body=data["requesting_body"],
                    reference_number=data["reference_number"], reference_date=data["reference_date"],
                    subject=data["subject"], received_on=data["received_on"], subjects_text=data["subjects"],
                    file_token=data["file_token"], file_name=data["file_name"], file_type=data["file_type"],
                    assignee=data["assignee"])
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The request has been recorded; answer due %(date)s.") % {
                    "date": created.due_on.strftime("%d/%m/%Y")})
                return redirect("consultations:inbound_detail", pk=created.pk)
    else:
        form = InboundForm(initial={"received_on": timezone.localdate()})
    return render(request, "consultations/inbound_form.html", {"upload": upload, "form": form, "prefill": prefill})


@signed_in
def inbound_detail(request, pk):
    """The request, its persons and collectives with what the system knows, its history; assign, record as sent."""
    item = inbound_queries.get_inbound_for_user(request.user, pk)
    handler = inbound_queries.is_inbound_handler(request.user)
    assign_form = AssignForm(initial={"assignee": item.assignee_id}) if handler else None
    send_form = SendForm() if handler and item.state == InboundState.ANSWERED else None
    if request.method == "POST":
        inbound_queries.require_handler(request.user)
        action = request.POST.get("action")
        try:
            if action == "assign":
                assign_form = AssignForm(request.POST)
                if assign_form.is_valid():
                    inbound.assign_inbound(item, by=request.user, assignee=assign_form.cleaned_data["assignee"],
                                           reason=assign_form.cleaned_data["reason"])
                    messages.success(request, _("The responsible specialist has been notified."))
                    return redirect("consultations:inbound_detail", pk=item.pk)
            elif action == "send":
                send_form = SendForm(request.POST)
                if send_form.is_valid():
                    inbound.send_answer(item, by=request.user, **send_form.cleaned_data)
                    messages.success(request, _("The answer has been recorded as sent."))
                    return redirect("consultations:inbound_detail", pk=item.pk)
            else:
                raise Http404
        except ValidationError as exc:
            apply_validation_error(send_form if action == "send" else assign_form, exc)
    today = timezone.localdate()
    return render(request, "consultations/inbound_detail.html", {
        "item": item, "subjects": inbound_queries.subject_rows(item, today=today), "today": today,
        "days_left": inbound_queries.with_days_left([item], today)[0].days_left,
        "history": item.state_changes.select_related("by"), "assign_form": assign_form, "send_form": send_form,
        "can_answer": item.state in INBOUND_MACHINE["draft_answer"].sources
        and INBOUND_MACHINE.acts_as(request.user, item, "assignee"),
        "can_assign": handler and item.state in INBOUND_MACHINE["assign"].sources})


@signed_in
def inbound_answer(request, pk):
    """The responsible specialist answers each person or collective, seeing what the system records of them."""
    item = inbound_queries.get_inbound_for_user(request.user, pk)
    if not INBOUND_MACHINE.acts_as(request.user, item, "assignee"):
        raise Http404
    today = timezone.localdate()
    subjects = inbound_queries.subject_rows(item, today=today)
    form = AnswerForm(request.POST or None, subjects=subjects, initial={
        "opinion": item.opinion, "letter_issuer": item.letter_issuer or inbound.default_letter_issuer(),
        "signature": (item.signature or "").replace("\n", " / "), "signer_name": item.signer_name,
        "recipients": item.recipients})
    open_for_answers = item.state in INBOUND_MACHINE["draft_answer"].sources
    if request.method == "POST" and open_for_answers and form.is_valid():
        data = form.cleaned_data
        try:
            inbound.draft_answer(item, by=request.user, answers=form.answers(), opinion=data["opinion"],
                                 letter_issuer=data["letter_issuer"], signature=data["signature"].replace("/", "\n"),
                                 signer_name=data["signer_name"], recipients=data["recipients"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The answers have been recorded; the letter can be downloaded."))
            return redirect("consultations:inbound_detail", pk=item.pk)
    return render(request, "consultations/inbound_answer.html", {
        "item": item, "form": form, "open_for_answers": open_for_answers})


@signed_in
def inbound_letter_docx(request, pk):
    item = inbound_queries.get_inbound_for_user(request.user, pk)
    if item.state not in (InboundState.ANSWERED, InboundState.SENT):
        raise Http404
    data = inbound_letter.letter_docx(item, list(inbound_queries.subjects_of(item)))
    response = HttpResponse(data, content_type=inbound_letter.DOCX_TYPE)
    response["Content-Disposition"] = content_disposition(inbound_letter.letter_filename(item))
    return response


@signed_in
def inbound_file(request, pk):
    """The request's own document, as uploaded (stored privately, sent only through this view)."""
    item = inbound_queries.get_inbound_for_user(request.user, pk)
    return send_stored(item.file, item.file_name, content_type=item.file_type)
