"""Hiệp y screens: the specialist's (send, follow, record a paper answer) and the agency's (inbox, answer)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.dossiers.consultations import queries, rules, services
from tdkt.dossiers.consultations.enums import OPEN_REQUEST_STATES, Answer, RequestState
from tdkt.dossiers.consultations.forms import AnswerForm, PaperAnswerForm, SendConsultationForm
from tdkt.dossiers.consultations.models import ConsultationPolicy
from tdkt.dossiers.queries import get_dossier_for_user
from tdkt.lib.forms import apply_validation_error

ANSWER_FIELDS = {"text": "text", "objected_nominations": "objected_nominations", "reference": "reference",
                 "answered_on": "answered_on"}


@roles_required(*rules.STAFF)
def dossier_requests(request, pk):
    """The requests of one dossier, and the form to send new ones."""
    dossier = get_dossier_for_user(request.user, pk, write=True)
    can_send = dossier.state in services.SENDABLE_DOSSIER_STATES
    form = SendConsultationForm(request.POST or None, dossier=dossier) if can_send else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            sent = services.send_consultation(dossier, by=request.user, agencies=data["agencies"],
                                              nominations=data["nominations"], due_on=data["due_on"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("%(count)s consultation request(s) sent.") % {"count": len(sent)})
            return redirect("consultations:dossier", pk=dossier.pk)
    requests = list(queries.requests_of_dossier(dossier))
    rows = queries.nominee_rows_by_request([item.pk for item in requests])
    for item in requests:
        item.lines = rows[item.pk]
        item.objected_ids = {o.nomination_id for o in item.objections.all()}
    return render(request, "consultations/dossier_requests.html", {
        "dossier": dossier, "requests": requests, "form": form, "policy": ConsultationPolicy.current(),
        "blockers": services.open_blockers(dossier), "today": timezone.localdate()})


@roles_required(*rules.STAFF)
def request_queue(request):
    """Every request still waiting for an answer, by due date; overdue ones highlighted."""
    return render(request, "consultations/queue.html", {
        "requests": queries.open_requests(), "today": timezone.localdate(), "states": RequestState})


def _answer(request, consultation, form, *, on_paper):
    data = form.cleaned_data
    try:
        services.answer_consultation(
            consultation, by=request.user, objection=data["answer"] == Answer.OBJECTION, text=data["text"],
            objected_nominations=data["objected_nominations"], on_paper=on_paper,
            reference=data.get("reference", ""), answered_on=data.get("answered_on"))
    except ValidationError as exc:
        apply_validation_error(form, exc, ANSWER_FIELDS)
        return False
    messages.success(request, _("The answer of %(agency)s has been recorded.") % {"agency": consultation.agency})
    return True


@roles_required(*rules.STAFF)
def record_paper_answer(request, pk):
    consultation = queries.get_request_for_staff(pk)
    lines = queries.nominee_rows(consultation.nominations.all())
    form = PaperAnswerForm(request.POST or None, lines=lines)
    if request.method == "POST" and consultation.state in OPEN_REQUEST_STATES and form.is_valid() and _answer(
            request, consultation, form, on_paper=True):
        return redirect("consultations:dossier", pk=consultation.dossier_id)
    return render(request, "consultations/answer.html", {
        "consultation": consultation, "lines": lines, "form": form, "on_paper": True})


@roles_required(*rules.AGENCY_USERS)
def agency_inbox(request):
    return render(request, "consultations/inbox.html", {
        "requests": queries.inbox_for_agency_user(request.user), "today": timezone.localdate()})


@roles_required(*rules.AGENCY_USERS)
def agency_answer(request, pk):
    """The agency sees only the nominees' names, positions, units and proposed awards, and answers."""
    consultation = queries.get_request_for_agency_user(request.user, pk)
    lines = queries.nominee_rows(consultation.nominations.all())
    form = AnswerForm(request.POST or None, lines=lines)
    if request.method == "POST" and consultation.state in OPEN_REQUEST_STATES and form.is_valid() and _answer(
            request, consultation, form, on_paper=False):
        return redirect("consultations:inbox")
    return render(request, "consultations/answer.html", {
        "consultation": consultation, "lines": lines, "form": form, "on_paper": False})
