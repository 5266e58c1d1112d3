"""The "Khen cao" register: State-level proposals and the central decisions that answer them. Each view checks
the reader (tdkt.central.queries: a unit's user gets a 404, others are refused) and calls one domain function."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import signed_in
from tdkt.central import forms, proposals, queries, register
from tdkt.central.proposals import EDITABLE_STATES
from tdkt.central.transitions import PROPOSAL, needs_council_vote
from tdkt.lib.downloads import send_stored
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.uploads import UploadError, check_size


@signed_in
def index(request):
    return render(request, "central/index.html", {
        "proposals": list(queries.proposals_for_user(request.user)),
        "decisions": list(queries.decisions_for_user(request.user))})


@signed_in
def proposal_create(request):
    queries.check_manager(request.user)
    awards = proposals.central_awards()
    form = forms.ProposalForm(request.POST or request.GET or None, awards=awards)
    candidates = []
    if form.is_valid():
        candidates = list(proposals.proposable_lines(form.cleaned_data["award_type"]))
        if request.method == "POST":
            chosen = [n for n in candidates if str(n.pk) in set(request.POST.getlist("nomination"))]
            try:
                proposal = proposals.create_proposal(award_type=form.cleaned_data["award_type"],
                                                     year=form.cleaned_data["year"], nominations=chosen,
                                                     by=request.user)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, _("The proposal is created with %(count)s line(s).") % {
                    "count": len(chosen)})
                return redirect("central:proposal", pk=proposal.pk)
    return render(request, "central/proposal_create.html", {"form": form, "candidates": candidates})


def _dispatch(request, proposal, form):
    name = "send" if proposal.state != "returned" else "resend"
    try:
        PROPOSAL.handlers[name](proposal, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return False
    messages.success(request, _("The proposal is recorded as sent."))
    return True


@signed_in
def proposal(request, pk):
    item = queries.get_proposal_for_user(request.user, pk)
    send_form = forms.SendForm(request.POST or None, initial={"paper_sets": item.paper_sets})
    if request.method == "POST" and send_form.is_valid() and _dispatch(request, item, send_form):
        return redirect("central:proposal", pk=item.pk)
    lines = item.lines.select_related("nomination__person__unit", "nomination__unit", "nomination__household",
                                      "nomination__dossier__unit").order_by("id")
    return render(request, "central/proposal.html", {
        "proposal": item, "lines": lines, "send_form": send_form,
        "can_send": any(t.name in {"send", "resend"} for t in PROPOSAL.allowed(request.user, item)),
        "editable": item.state in EDITABLE_STATES, "needs_vote": needs_council_vote(item),
        "receipt_form": forms.ReceiptForm(initial={"paper_received_on": item.paper_received_on,
                                                   "files_received_on": item.files_received_on,
                                                   "central_note": item.central_note}),
        "history": [(change, PROPOSAL.state_label(change.to_state))
                    for change in item.history.select_related("by").order_by("at", "id")]})


@signed_in
@require_POST
def proposal_build(request, pk):
    item = queries.get_proposal_for_user(request.user, pk)
    try:
        proposals.build_package(item, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The package is built: Word and PDF files."))
    return redirect("central:proposal", pk=item.pk)


@signed_in
@require_POST
def proposal_line_remove(request, pk):
    item = queries.get_proposal_for_user(request.user, pk)
    try:
        proposals.remove_line(item, request.POST.get("line"), by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect("central:proposal", pk=item.pk)


@signed_in
@require_POST
def proposal_receipt(request, pk):
    item = queries.get_proposal_for_user(request.user, pk)
    form = forms.ReceiptForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write the dates as dd/mm/yyyy."))
        proposals.record_receipt(item, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The receipt at the central level is recorded."))
    return redirect("central:proposal", pk=item.pk)


@signed_in
def proposal_file(request, pk, kind):
    item = queries.get_proposal_for_user(request.user, pk)
    field = {"word": item.word_file, "pdf": item.pdf_file}.get(kind)
    if field is None:
        raise Http404
    return send_stored(field)


@signed_in
def decision_create(request):
    queries.check_manager(request.user)
    form = forms.DecisionForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        data, notes = dict(form.cleaned_data), []
        upload = data.pop("document", None)
        try:
            document = (_read_upload(upload), upload.name or "") if upload else None
            decision = register.record_decision(by=request.user, document=document, notes=notes, **data)
        except ValidationError as exc:
            apply_validation_error(form, exc, {"issuer": "kind"})
        else:
            _warn(request, notes)
            return redirect("central:decision", pk=decision.pk)
    return render(request, "central/decision_create.html", {"form": form})


@signed_in
def decision(request, pk):
    item = queries.get_decision_for_user(request.user, pk)
    lines = list(queries.decision_lines(item))
    review = [line for line in lines if line.in_review]
    candidates = list(register.open_lines(item.issuer)) if review and item.committed_at is None else []
    return render(request, "central/decision.html", {
        "decision": item, "lines": lines, "review": review, "candidates": candidates,
        "import_form": forms.ImportForm(), "line_form": forms.LineForm(), "handover_form": forms.HandoverForm()})


def _act(request, item, action, success):
    try:
        result = action()
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, success % {"count": result if isinstance(result, int) else 1})
    return redirect("central:decision", pk=item.pk)


@signed_in
@require_POST
def decision_import(request, pk):
    item = queries.get_decision_for_user(request.user, pk)
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        error_messages(request, ValidationError(_("Choose the file of the decision's list.")))
        return redirect("central:decision", pk=item.pk)
    upload, notes = form.cleaned_data["file"], []
    response = _act(request, item, lambda: register.import_list(
        item, _read_upload(upload), name=upload.name, default_award=form.cleaned_data["award_type"],
        by=request.user, notes=notes), _("%(count)s row(s) read: check the rows to review."))
    _warn(request, notes)
    return response


def _read_upload(upload) -> bytes:
    """The file's bytes within the register's limit (one byte more is read: a declared size is not trusted)."""
    data = upload.read(register.MAX_UPLOAD_BYTES + 1)
    try:
        check_size(len(data), max_bytes=register.MAX_UPLOAD_BYTES, field_label=upload.name or _("List"))
    except UploadError as exc:
        raise ValidationError(str(exc)) from exc
    return data


def _warn(request, notes) -> None:
    for note in notes:
        messages.warning(request, note)


@signed_in
@require_POST
def decision_add(request, pk):
    item = queries.get_decision_for_user(request.user, pk)
    form = forms.LineForm(request.POST)
    if not form.is_valid():
        error_messages(request, ValidationError(_("Give the name and the award of the row.")))
        return redirect("central:decision", pk=item.pk)
    return _act(request, item, lambda: register.add_line(item, by=request.user, **form.cleaned_data),
                _("The row is added."))


@signed_in
@require_POST
def decision_review(request, pk):
    item = queries.get_decision_for_user(request.user, pk)
    line, choice = request.POST.get("line"), request.POST.get("choice", "")
    if choice == "drop":
        return _act(request, item, lambda: register.drop_line(item, line, by=request.user), _("The row is left out."))
    return _act(request, item, lambda: register.link_line(item, line, choice, by=request.user),
                _("The row is linked to the proposal line."))


@signed_in
@require_POST
def decision_commit(request, pk):
    item = queries.get_decision_for_user(request.user, pk)
    return _act(request, item, lambda: register.commit(item, by=request.user),
                _("%(count)s award(s) entered into the history."))


@signed_in
@require_POST
def decision_handover(request, pk):
    item = queries.get_decision_for_user(request.user, pk)
    form = forms.HandoverForm(request.POST)
    if not form.is_valid():
        error_messages(request, ValidationError(_("Write the dates as dd/mm/yyyy.")))
        return redirect("central:decision", pk=item.pk)
    return _act(request, item, lambda: register.record_handover(
        item, request.POST.getlist("line"), by=request.user, **form.cleaned_data),
        _("%(count)s row(s) updated."))


@signed_in
def handover_list(request):
    return render(request, "central/handover.html", {"lines": list(queries.to_hand_over(request.user))})
