"""Decision screens: list, drafting from approved nominations, the decision page with its state actions,
documents (.docx, .pdf, the signed copy), payments and their Excel file, the reward fund ledger, and the
Tờ trình for State-level awards. Each view fetches with access checked (tdkt.decisions.queries: 404 for
what a unit may not see) and calls one domain function; who may act is in tdkt.decisions.rules."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts import freshness
from tdkt.accounts.access import roles_required, signed_in
from tdkt.awards.models import AwardType
from tdkt.decisions import amendments, documents, forms, payments, prizes, queries, rules, services
from tdkt.decisions.jobs import DECISION_PDF, DRAFT, SUBMISSION_PDF, submission_for
from tdkt.decisions.models import DecisionLine, LegalBasisTemplate, RewardFund
from tdkt.decisions.pdf import PDF_TYPE
from tdkt.decisions.signing import rules as signing_rules
from tdkt.decisions.submissions import state_level_nominations
from tdkt.jobs.services import start_job
from tdkt.lib.downloads import send_export, send_stored
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.lib.uploads import UploadError
from tdkt.orgs.enums import CENTRAL_AUTHORITY_KINDS
from tdkt.orgs.models import IssuingAuthority

PAGE_SIZE = 50


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@signed_in
def decision_list(request):
    form = forms.DecisionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    decisions = queries.decisions_for_user(request.user, state=filters.get("state"), year=filters.get("year"),
                                           award_type_id=getattr(filters.get("award"), "pk", None))
    page = cheap_page(decisions.order_by("-year", "-number", "-id"), request.GET.get("page"), PAGE_SIZE)
    queries.add_line_totals(request.user, page.items)
    return render(request, "decisions/list.html", {"form": form, "page": page, "can_draft": rules.is_manager(
        request.user), "can_see_fund": rules.can_see_fund(request.user)})


DRAFT_IN_REQUEST_MAX = 200  # more lines (a unit's year-end sheet) are drafted by the worker, with progress


@roles_required(*rules.DRAFTERS)
def draft(request):
    if not rules.is_manager(request.user):
        raise PermissionDenied
    nominations = queries.draftable_nominations(request.user)
    authorities = [authority for authority in IssuingAuthority.objects.filter(active=True).exclude(
        kind__in=CENTRAL_AUTHORITY_KINDS) if rules.manages_authority(request.user, authority)]
    form = forms.DraftForm(request.POST or None, nominations=nominations, authorities=authorities,
                           initial={"authority": authorities[0] if authorities else None})
    if request.method == "POST" and form.is_valid() and len(form.cleaned_data["nominations"]) > DRAFT_IN_REQUEST_MAX:
        data = form.cleaned_data
        job = start_job(DRAFT, by=request.user, params={
            "nominations": [n.pk for n in data["nominations"]], "date": data["date"].isoformat() if data["date"] else "",
            "authority": data["authority"].pk if data["authority"] else None})
        messages.success(request, _("The decisions are being drafted in the background; this page shows the progress."))
        return redirect("jobs:detail", pk=job.pk)
    if request.method == "POST" and form.is_valid():
        try:
            drafted = services.draft_decisions(form.cleaned_data["nominations"], by=request.user,
                                               authority=form.cleaned_data["authority"],
                                               date=form.cleaned_data["date"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("%(count)d draft decisions created.") % {"count": len(drafted)})
            return redirect("decisions:detail", pk=drafted[0].pk)
    return render(request, "decisions/draft.html", {"form": form, "count": nominations.count()})


@signed_in
def decision_detail(request, pk):
    decision = queries.get_decision_for_user(request.user, pk)
    lines = queries.lines_for_user(request.user, decision)
    user = request.user
    groups, total = payments.totals(lines)
    return render(request, "decisions/detail.html", {
        "decision": decision, "lines": lines, "groups": groups, "total": total,
        "events": decision.events.select_related("by") if rules.sees_everything(user, decision) else [],
        # The step buttons ({% transition_buttons %}) follow the declared machine (tdkt.decisions.transitions).
        "can_edit": rules.can_edit(user, decision), "can_amend": rules.can_amend(user, decision),
        "sees_everything": rules.sees_everything(user, decision), "reason_form": forms.ReasonForm(),
        "signing": signing_rules.links(user, decision)})


def _managed_decision(request, pk):
    decision = queries.get_decision_for_user(request.user, pk)
    if not rules.sees_everything(request.user, decision):
        raise Http404
    return decision


@roles_required(*rules.DRAFTERS)
def decision_edit(request, pk):
    decision = _managed_decision(request, pk)
    if not rules.can_edit(request.user, decision):
        raise PermissionDenied
    form = forms.DecisionEditForm(request.POST or None, initial=forms.DecisionEditForm.initial_for(decision),
                                  posts=services.posts_on(decision.authority, services.signing_day(decision)))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(decision, by=request.user, **form.values())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("decisions:detail", pk=decision.pk)
    return render(request, "decisions/form.html", {"decision": decision, "form": form,
                                                   "title": _("Edit the draft decision")})


@roles_required(*rules.DRAFTERS)
@require_POST
def line_remove(request, pk):
    line = get_object_or_404(DecisionLine.objects.select_related("decision"), pk=pk)
    decision = _managed_decision(request, line.decision_id)
    try:
        services.remove_line(line, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect("decisions:detail", pk=decision.pk)


def _transition(request, pk, allowed, action):
    decision = _managed_decision(request, pk)
    if not allowed(request.user, decision):
        raise PermissionDenied
    try:
        action(decision)
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect("decisions:detail", pk=decision.pk)


def _confirmed_step(request, pk, allowed, action, *, title, question, done):
    """A step that commits the signer: a confirmation page, and for the signer a fresh second factor (the TOTP
    code again when the last one of this session is older than SIGNER_FRESH_SECOND_FACTOR_MINUTES)."""
    decision = _managed_decision(request, pk)
    if not allowed(request.user, decision):
        raise PermissionDenied
    needs_code = rules.needs_fresh_second_factor(request.user) and not freshness.is_fresh(request)
    form = forms.ConfirmStepForm(request.POST if request.method == "POST" else None, needs_code=needs_code)
    if request.method == "POST" and form.is_valid():
        if needs_code and not request.user.has_second_factor:
            form.add_error("code", _("Set up an authenticator app (second factor) for your account first."))
        elif needs_code and not freshness.confirm(request, form.cleaned_data["code"]):
            form.add_error("code", _("The code is wrong or has expired."))
        else:
            try:
                action(decision)
            except ValidationError as exc:
                error_messages(request, exc)
            else:
                messages.success(request, done)
            return redirect("decisions:detail", pk=decision.pk)
    return render(request, "decisions/confirm.html", {
        "decision": decision, "form": form, "title": title, "question": question, "needs_code": needs_code,
        "line_count": decision.lines.count()})


@roles_required(*rules.SIGNING_ROLES)
def approve(request, pk):
    return _confirmed_step(
        request, pk, rules.can_approve, lambda d: services.approve_for_signing(d, by=request.user),
        title=_("Approve for signing"), done=_("The decision is approved for signing."),
        question=_("Approve this draft for signing? Its wording is then fixed and it goes to the văn thư."))


@roles_required(*rules.SIGNING_ROLES)
@require_POST
def return_to_draft(request, pk):
    return _transition(request, pk, rules.can_return, lambda d: services.return_to_draft(
        d, by=request.user, reason=request.POST.get("reason", "").strip()))


@roles_required(*rules.RECORDING_ROLES)
def take_number(request, pk):
    return _confirmed_step(
        request, pk, rules.can_record_signed, lambda d: services.assign_number(d, by=request.user),
        title=_("Take the number"), done=_("The decision has its number."),
        question=_("Take the next number of the authority's register for this decision? A number given is never "
                   "taken back."))


@roles_required(*rules.DRAFTERS)
@require_POST
def publish(request, pk):
    return _transition(request, pk, rules.can_publish, lambda d: services.publish_decision(d, by=request.user))


@roles_required(*rules.RECORDING_ROLES)
def sign(request, pk):
    decision = _managed_decision(request, pk)
    if not rules.can_record_signed(request.user, decision):
        raise PermissionDenied
    form = forms.SignedCopyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_decision(decision, by=request.user, signed_pdf=form.cleaned_data["signed_pdf"],
                                   signed_on=form.cleaned_data["signed_on"])
        except UploadError as exc:
            form.add_error("signed_pdf", str(exc))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Decision %(number)s is signed; its awards are in the history.") % {
                "number": decision.number_text})
            return redirect("decisions:detail", pk=decision.pk)
    return render(request, "decisions/form.html", {"decision": decision, "form": form, "multipart": True,
                                                   "title": _("Record the signed copy")})


def _amend(request, pk, action, title):
    decision = _managed_decision(request, pk)
    if not rules.can_amend(request.user, decision):
        raise PermissionDenied
    form = forms.AmendForm(request.POST or None, lines=decision.lines.order_by("group", "sort_order", "id"))
    if request.method == "POST" and form.is_valid():
        try:
            new = action(decision, by=request.user, reason=form.cleaned_data["reason"],
                         lines=list(form.cleaned_data["lines"]))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("decisions:detail", pk=new.pk)
    return render(request, "decisions/form.html", {"decision": decision, "form": form, "title": title})


@roles_required(*rules.DRAFTERS)
def correct(request, pk):
    return _amend(request, pk, amendments.correct_decision, _("Draft a correcting decision"))


@roles_required(*rules.DRAFTERS)
def revoke(request, pk):
    return _amend(request, pk, amendments.revoke_decision, _("Draft a revoking decision"))


def _document_lines(request, decision):
    # Units reach only published decisions; the published text lists every recipient, as the portal does.
    return queries.all_lines(decision)


@signed_in
def decision_docx(request, pk):
    decision = queries.get_decision_for_user(request.user, pk)
    data = documents.decision_docx(decision, _document_lines(request, decision))
    return _download(data, documents.DOCX_TYPE, documents.decision_filename(decision, "docx"))


@signed_in
def decision_pdf(request, pk):
    """POST: the PDF copy is made by the worker (LibreOffice may take a minute); its job page offers it."""
    decision = queries.get_decision_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    title = _("PDF copy of %(decision)s") % {"decision": decision.number_text or _("the draft decision")}
    job = start_job(DECISION_PDF, by=request.user, params={"decision": decision.pk}, title=title)
    return redirect("jobs:detail", pk=job.pk)


@signed_in
def signed_copy(request, pk):
    decision = queries.get_decision_for_user(request.user, pk)
    return send_stored(decision.signed_pdf, documents.decision_filename(decision, "signed.pdf"),
                       content_type=PDF_TYPE)


@roles_required(*rules.FUND_READERS)
def decision_payments(request, pk):
    decision = _managed_decision(request, pk)
    lines = queries.all_lines(decision)
    groups, total = payments.totals(lines)
    return render(request, "decisions/payments.html", {
        "decision": decision, "lines": lines, "groups": groups, "total": total,
        "fund": RewardFund.objects.filter(authority=decision.authority).first(),
        "posted": payments.payout_of(decision), "payout_form": forms.PayoutForm(),
        "can_post": rules.is_province_manager(request.user) and decision.is_issued})


@roles_required(*rules.FUND_READERS)
def payments_xlsx(request, pk):
    decision = _managed_decision(request, pk)
    lines = queries.all_lines(decision)
    return send_export(lambda path: payments.write_payments_xlsx(path, decision, lines),
                       documents.decision_filename(decision, "xlsx").replace("quyet-dinh", "chi-thuong"))


@roles_required(*rules.MANAGERS)
@require_POST
def post_payout(request, pk):
    decision = _managed_decision(request, pk)
    fund = RewardFund.objects.filter(authority=decision.authority).first()
    if fund is None:
        messages.error(request, _("No reward fund is set up for %(authority)s.") % {"authority": decision.authority})
        return redirect("decisions:payments", pk=decision.pk)
    form = forms.PayoutForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("decisions:payments", pk=decision.pk)
    try:
        payments.post_payout(fund, decision, queries.all_lines(decision), by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The payout is posted to the fund ledger."))
    return redirect("decisions:payments", pk=decision.pk)


@roles_required(*rules.MANAGERS)
def contest_prize_add(request, pk):
    """A prize for high achievement in a contest, typed onto a draft decision (prizes.add_contest_prize)."""
    decision = _managed_decision(request, pk)
    if not rules.can_edit(request.user, decision):
        raise Http404
    form = forms.ContestPrizeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            prizes.add_contest_prize(decision, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The contest prize is added to the decision."))
            return redirect("decisions:detail", pk=decision.pk)
    return render(request, "decisions/form.html", {"form": form, "title": _("Add a contest prize"),
                                                   "decision": decision})


@roles_required(*rules.FUND_READERS)
def fund_ledger(request):
    funds = list(RewardFund.objects.select_related("authority").order_by("id"))
    fund = next((f for f in funds if str(f.pk) == request.GET.get("fund")), funds[0] if funds else None)
    rows, balance = payments.ledger(fund) if fund else ([], 0)
    return render(request, "decisions/fund.html", {"funds": funds, "fund": fund, "rows": rows, "balance": balance,
                                                   "can_add": rules.is_province_manager(request.user)})


@roles_required(*rules.MANAGERS)
def fund_entry_add(request, pk):
    fund = get_object_or_404(RewardFund, pk=pk)
    form = forms.FundEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payments.add_entry(fund, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The entry was added to the ledger."))
            return redirect(f"{reverse('decisions:fund')}?fund={fund.pk}")
    return render(request, "decisions/form.html", {"form": form, "title": _("Add a fund entry")})


@roles_required(*rules.MANAGERS)
def submissions(request):
    by_award: dict = {}
    for nomination in state_level_nominations():
        by_award.setdefault(nomination.award_type, []).append(nomination)
    return render(request, "decisions/submissions.html", {"by_award": list(by_award.items())})


@roles_required(*rules.MANAGERS)
def submission_docx(request, award_pk):
    award, data = submission_for(award_pk)
    return _download(data, documents.DOCX_TYPE, f"to-trinh-{award.code.lower()}.docx")


@roles_required(*rules.MANAGERS)
@require_POST
def submission_pdf(request, award_pk):
    """POST: the PDF copy of the Tờ trình is made by the worker; its job page offers it."""
    award = get_object_or_404(AwardType, pk=award_pk)
    job = start_job(SUBMISSION_PDF, by=request.user, params={"award": award.pk},
                    title=_("PDF copy of the submission for %(award)s") % {"award": award})
    return redirect("jobs:detail", pk=job.pk)


@roles_required(*rules.MANAGERS)
def legal_basis_templates(request):
    templates = LegalBasisTemplate.objects.select_related("authority", "award_type").order_by(
        "authority_id", "award_type__sort_order", "basis", "id")
    return render(request, "decisions/templates.html", {"templates": templates})


@roles_required(*rules.MANAGERS)
def legal_basis_template_edit(request, pk=None):
    template = get_object_or_404(LegalBasisTemplate, pk=pk) if pk else None
    initial = {} if template is None else {
        "authority": template.authority, "award_type": template.award_type, "basis": template.basis,
        "lines": "\n".join(template.lines), "note": template.note}
    form = forms.LegalBasisTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_legal_basis_template(template, by=request.user, **form.values())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The legal-basis template was saved."))
            return redirect("decisions:templates")
    return render(request, "decisions/form.html", {"form": form, "title": _("Legal-basis template"),
                                                   "back": reverse("decisions:templates")})
