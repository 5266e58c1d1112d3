"""Screens of the initiatives register. Each view fetches with access checked (another unit's work is 404)
and calls one domain function."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.initiatives import exports, queries, services
from tdkt.initiatives.forms import (
    AuthorFormSet,
    ClaimForm,
    EvaluationForm,
    MemberFormSet,
    RecognitionForm,
    SearchForm,
    WorkForm,
)
from tdkt.initiatives.models import Claim, Evidence
from tdkt.initiatives.transitions import WORK_MACHINE
from tdkt.lib.downloads import send_export, send_stored
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import own_unit_id
from tdkt.people.queries import people_for_user

EDITORS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)
PER_PAGE = 50


def _readable_units(user):
    scope = get_scope(user)
    units = Unit.objects.order_by("name")
    return units if scope.read_all else units.filter(pk__in=scope.readable_unit_ids)


def _writable_units(user):
    scope = get_scope(user)
    units = Unit.objects.order_by("name")
    return units if scope.write_all else units.filter(pk__in=scope.writable_unit_ids)


def _filters(request) -> tuple[SearchForm, queries.Filters]:
    form = SearchForm(request.GET or None, units=_readable_units(request.user))
    if not form.is_valid():
        return form, queries.Filters()
    data = form.cleaned_data
    return form, queries.Filters(text=data["q"] or "", unit_id=data["unit"],
                                 field=data["field"] or "", scope=data["scope"] or "", year=data["year"],
                                 kind=data["kind"] or "", state=data["state"] or "")


@signed_in
def work_list(request):
    form, filters = _filters(request)
    page = queries.search_page(request.user, filters, request.GET.get("page"), PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "initiatives/list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_register": get_scope(request.user).has_role(*EDITORS),
    })


@signed_in
def work_export(request):
    _form, filters = _filters(request)
    works = queries.search(request.user, filters)
    return send_export(lambda path: exports.write_works_xlsx(path, works), "sang-kien-de-tai.xlsx")


def _authors(formset) -> list:
    return [(row["person"], row["share"]) for row in (f.cleaned_data for f in formset.forms)
            if row and row.get("person") is not None]


@roles_required(*EDITORS)
def work_new(request):
    people = people_for_user(request.user)
    form = WorkForm(request.POST or None, request.FILES or None, units=_writable_units(request.user),
                    initial={"unit": own_unit_id(request.user)})
    authors = AuthorFormSet(request.POST or None, prefix="authors", form_kwargs={"people": people})
    if request.method == "POST" and form.is_valid() and authors.is_valid():
        data = form.cleaned_data
        evidence = [data["evidence"]] if data["evidence"] else []
        try:
            work = services.register_work(
                by=request.user, unit=data["unit"], authors=_authors(authors), evidence=evidence,
                **{name: data[name] for name in services.WORK_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc, field_map={"authors": None})
        else:
            messages.success(request, _("The work has been registered."))
            return redirect("initiatives:detail", pk=work.pk)
    return render(request, "initiatives/form.html", {"form": form, "authors": authors})


@signed_in
def work_detail(request, pk):
    work = queries.get_work_for_user(request.user, pk)
    nominations = queries.claimable_nominations(request.user, work)
    return render(request, "initiatives/detail.html", {
        "work": work,
        "authors": list(work.authors.select_related("person")),
        "evidence": list(work.evidence.all()),
        "evaluation": getattr(work, "evaluation", None),
        "members": list(work.evaluation.members.select_related("person")) if hasattr(work, "evaluation") else [],
        "history": [(change, WORK_MACHINE.state_label(change.to_state)) for change in work.state_changes.select_related("by")],
        "claims": list(work.claims.select_related("nomination__dossier", "nomination__person")),
        "open_claim": queries.open_claim(work),
        "claim_form": ClaimForm(nominations=nominations) if nominations.exists() else None,
        "can_add_evidence": get_scope(request.user).can_write_unit(work.unit_id),
    })


@roles_required(*EDITORS)
def work_evaluate(request, pk):
    work = queries.get_work_for_user(request.user, pk, write=True)
    people = people_for_user(request.user)
    form = EvaluationForm(request.POST or None, request.FILES or None)
    members = MemberFormSet(request.POST or None, prefix="members", form_kwargs={"people": people})
    if request.method == "POST" and form.is_valid() and members.is_valid():
        data = form.cleaned_data
        rows = [(row["person"], row["score"], row["vote"]) for row in (f.cleaned_data for f in members.forms)
                if row and row.get("person") is not None]
        try:
            services.evaluate_work(work, by=request.user, meeting_date=data["meeting_date"], passed=data["passed"],
                                   members=rows, council_name=data["council_name"], note=data["note"],
                                   minutes=data["minutes"])
        except ValidationError as exc:
            apply_validation_error(form, exc, field_map={"members": None})
        else:
            messages.success(request, _("The council's evaluation has been recorded."))
            return redirect("initiatives:detail", pk=work.pk)
    return render(request, "initiatives/evaluate.html", {"form": form, "members": members, "work": work})


@roles_required(*EDITORS)
def work_recognise(request, pk):
    work = queries.get_work_for_user(request.user, pk, write=True)
    form = RecognitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recognise_work(work, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The recognition has been recorded in the authors' histories."))
            return redirect("initiatives:detail", pk=work.pk)
    return render(request, "initiatives/recognise.html", {"form": form, "work": work})


@require_POST
@roles_required(*EDITORS)
def work_add_evidence(request, pk):
    work = queries.get_work_for_user(request.user, pk, write=True)
    uploaded = request.FILES.get("evidence")
    try:
        if uploaded is None:
            raise ValidationError(_("Choose a file."))
        services.add_evidence(work, uploaded, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The file has been added."))
    return redirect("initiatives:detail", pk=work.pk)


@require_POST
@roles_required(*EDITORS)
def work_claim(request, pk):
    work = queries.get_work_for_user(request.user, pk)
    form = ClaimForm(request.POST, nominations=queries.claimable_nominations(request.user, work))
    if not form.is_valid():
        raise Http404
    try:
        services.claim_work(work, form.cleaned_data["nomination"], by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The nomination now rests on this initiative."))
    return redirect("initiatives:detail", pk=work.pk)


@require_POST
@roles_required(*EDITORS)
def claim_release(request, pk):
    claim = Claim.objects.select_related("work", "nomination__dossier").filter(pk=pk).first()
    if claim is None:
        raise Http404
    queries.get_work_for_user(request.user, claim.work_id)
    if not get_scope(request.user).can_act_for_dossier(claim.nomination.dossier.unit_id,
                                                       claim.nomination.dossier.group_year_id):
        raise Http404
    try:
        services.release_claim(claim, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect("initiatives:detail", pk=claim.work_id)


@signed_in
def evidence_file(request, pk):
    evidence = Evidence.objects.filter(pk=pk).first()
    if evidence is None:
        raise Http404
    queries.get_work_for_user(request.user, evidence.work_id)
    return send_stored(evidence.file, evidence.name)


@signed_in
def minutes_file(request, pk):
    work = queries.get_work_for_user(request.user, pk)
    evaluation = getattr(work, "evaluation", None)
    if evaluation is None or not evaluation.minutes:
        raise Http404
    return send_stored(evaluation.minutes, evaluation.minutes_name)
