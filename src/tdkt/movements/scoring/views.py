"""Set-up by the standing body (templates, criteria, rounds), the list of groups and the province overview
with the Government flag cap. Short views, each calling one domain function."""

import uuid
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import READ_ALL_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.jobs import idempotency
from tdkt.lib.forms import apply_validation_error
from tdkt.movements.scoring import proposals, queries, rules, services
from tdkt.movements.scoring.enums import RoundKind
from tdkt.movements.scoring.forms import CriterionForm, RoundForm, TemplateForm
from tdkt.movements.scoring.importing import import_criteria
from tdkt.movements.scoring.models import Criterion, LeaderProposal, ScoringRound, ScoringTemplate
from tdkt.orgs.models import EmulationGroupYear, Unit

MANAGERS = rules.MANAGERS


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@signed_in
def index(request):
    year = _year(request)
    # Everything filtered by the year through joins: the memberships' units prefetched by id made a 1,500-id
    # IN (…) on every request at provincial scale (issue 23), and the page shows no unit.
    group_years = list(EmulationGroupYear.objects.filter(year=year).select_related("group")
                       .order_by("group__kind", "group__name"))
    queries.attach_memberships(group_years, year, with_units=False)
    group_years = [gy for gy in group_years if rules.can_read_group(request.user, gy)]
    templates = {t.group_year_id: t for t in ScoringTemplate.objects.filter(group_year__year=year)}
    rounds = defaultdict(list)
    for scoring_round in queries.rounds_of_year_query(year).order_by("pk"):
        rounds[scoring_round.group_year_id].append(scoring_round)
    rows = [{"group_year": gy, "template": templates.get(gy.pk), "head_id": rules.head_unit_id(gy),
             "rounds": sorted(rounds[gy.pk], key=lambda r: r.kind != RoundKind.MID_YEAR)}
            for gy in group_years]
    return render(request, "scoring/index.html", {
        "rows": rows, "year": year, "can_manage": rules.can_manage(request.user),
        "can_overview": bool(get_scope(request.user).roles & READ_ALL_ROLES)})


@roles_required(*MANAGERS)
def template_create(request, pk):
    group_year = get_object_or_404(EmulationGroupYear.objects.select_related("group"), pk=pk)
    form = TemplateForm(request.POST or None, initial={"title": _("Criteria table of %(group)s, %(year)s") % {
        "group": group_year.group.name, "year": group_year.year}})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["copy_last_year"]:
                template = services.copy_template_from_last_year(group_year, by=request.user)
            else:
                template = services.create_template(group_year, by=request.user, title=data["title"],
                                                    tie_breaks=data["tie_breaks"], flag_quota=data["flag_quota"],
                                                    merit_count=data["merit_count"],
                                                    aggregation=data["aggregation"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The scoring template has been created."))
            return redirect("scoring:template", pk=template.pk)
    return render(request, "scoring/form.html", {"form": form, "title": _("New scoring template"),
                                                 "subtitle": str(group_year), "back": reverse("scoring:index")})


def _criterion_data(data):
    return {"parent": data["parent"], "code": data["code"], "title": data["title"],
            "max_points": data["max_points"], "kind": data["kind"], "evidence_required": data["evidence_required"],
            "weight": data["weight"], "order": data["order"]}


@roles_required(*MANAGERS)
def template_edit(request, pk):
    template = queries.get_template_for_user(request.user, pk)
    form = CriterionForm(request.POST or None, template=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_criterion(template, by=request.user, **_criterion_data(form.cleaned_data))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The criterion has been added."))
            return redirect("scoring:template", pk=template.pk)
    tree = queries.criteria_tree(template.pk)
    return render(request, "scoring/template.html", {
        "template": template, "tree": tree, "form": form, "rounds": template.rounds.all(),
        "max_total": sum(c.max_points * c.weight for c, _d, heading in tree if not heading and c.kind == "normal")})


@roles_required(*MANAGERS)
def template_import(request, pk):
    """Criteria from an Excel workbook, all or nothing."""
    template = queries.get_template_for_user(request.user, pk)
    errors = []
    key_field = idempotency.KeyField(required=False)
    key = None
    if request.method == "POST":
        try:
            key = key_field.clean(request.POST.get(idempotency.FIELD))
            if "workbook" not in request.FILES:
                raise ValidationError(_("Choose the Excel workbook."))

            def run():
                count = import_criteria(template, by=request.user, uploaded=request.FILES["workbook"])
                return count, reverse("scoring:template", args=[template.pk]), _(
                    "%(count)s criteria imported.") % {"count": count}

            once = idempotency.commit_once(key, by=request.user, kind="scoring.criteria_import", run=run)
        except ValidationError as exc:
            errors = exc.messages
        else:
            if once.earlier:
                return idempotency.show_earlier(request, once.earlier)
            messages.success(request, _("%(count)s criteria imported.") % {"count": once.value})
            return redirect("scoring:template", pk=template.pk)
    return render(request, "scoring/import.html", {"template": template, "errors": errors,
                                                   "idempotency_key": key or uuid.uuid4()})


@roles_required(*MANAGERS)
def criterion_edit(request, pk):
    criterion = get_object_or_404(Criterion.objects.select_related("template__group_year"), pk=pk)
    initial = {f: getattr(criterion, f) for f in ("parent", "code", "title", "max_points", "kind",
                                                  "evidence_required", "weight", "order")}
    form = CriterionForm(request.POST or None, template=criterion.template, exclude=criterion, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_criterion(criterion, by=request.user, **_criterion_data(form.cleaned_data))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The criterion has been saved."))
            return redirect("scoring:template", pk=criterion.template_id)
    return render(request, "scoring/form.html", {"form": form, "title": _("Edit criterion %(code)s") % {
        "code": criterion.code}, "subtitle": criterion.template.title, "back": reverse("scoring:template", args=[criterion.template_id])})


@roles_required(*MANAGERS)
@require_POST
def criterion_delete(request, pk):
    criterion = get_object_or_404(Criterion, pk=pk)
    try:
        services.delete_criterion(criterion, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The criterion has been deleted."))
    return redirect("scoring:template", pk=criterion.template_id)


@roles_required(*MANAGERS)
def round_create(request, pk):
    template = queries.get_template_for_user(request.user, pk)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scoring_round = services.open_round(template, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The round is open: the member units can score themselves."))
            return redirect("scoring:round", pk=scoring_round.pk)
    return render(request, "scoring/form.html", {"form": form, "title": _("Open a scoring round"),
                                                 "subtitle": template.title, "back": reverse("scoring:template", args=[template.pk])})


@roles_required(*READ_ALL_ROLES)
def overview(request):
    """All groups side by side: leader, totals, proposals; the Government flag cap (NĐ152 Đ7.1)."""
    year = _year(request)
    kind = request.GET.get("kind") if request.GET.get("kind") in RoundKind.values else RoundKind.YEAR_END
    rounds = queries.rounds_of_year(year, kind)
    # The year's rounds selected by a subquery, not by a list of their ids (issue 23).
    among = queries.rounds_of_year_query(year, kind)
    boards = queries.leaderboards(rounds, among)
    by_round: dict[int, list] = {}
    for proposal in LeaderProposal.objects.filter(round__in=among.values("pk")).select_related("award_type", "unit"):
        by_round.setdefault(proposal.round_id, []).append(proposal)
    rows = []
    for scoring_round in rounds:
        board = boards[scoring_round.pk]
        props = by_round.get(scoring_round.pk, [])
        flagged = {p.unit_id for p in props if p.award_type.code == proposals.PROVINCE_FLAG}
        government = {p.unit_id: p for p in props if p.award_type.code == proposals.GOVERNMENT_FLAG}
        rows.append({"round": scoring_round, "board": board[:3], "count": len(board), "proposals": props,
                     "leaders": [r for r in board if r.unit_id in flagged], "government": government,
                     "top": board[0].total if board else None})
    return render(request, "scoring/overview.html", {
        "rows": rows, "year": year, "kind": kind, "kinds": RoundKind.choices,
        "cap": proposals.government_flag_cap(year), "can_manage": rules.can_manage(request.user)})


@roles_required(*MANAGERS)
@require_POST
def government_flag(request, pk):
    scoring_round = get_object_or_404(ScoringRound.objects.select_related("group_year"), pk=pk)
    unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0)
    try:
        proposals.propose_government_flag(scoring_round, unit, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(unit)s is proposed for the Government's flag.") % {"unit": unit})
    return redirect(f"{_overview_url()}?year={scoring_round.group_year.year}")


@roles_required(*MANAGERS)
@require_POST
def government_flag_withdraw(request, pk):
    proposal = get_object_or_404(LeaderProposal.objects.select_related("award_type"), pk=pk)
    year = proposal.year
    try:
        proposals.withdraw_government_flag(proposal, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The Government flag proposal has been withdrawn."))
    return redirect(f"{_overview_url()}?year={year}")


def _overview_url():
    return reverse("scoring:overview")
