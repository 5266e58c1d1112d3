"""A round: its page, its state, the head's review panel, the leaderboard, the ballot tally, proposals and
the exports. Members of the group read; the head acts; outsiders get 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import signed_in
from tdkt.accounts.scope import get_scope
from tdkt.lib.downloads import send_export
from tdkt.lib.forms import apply_validation_error
from tdkt.movements.scoring import exports, proposals, queries, rules, services, sheets
from tdkt.movements.scoring.enums import RoundState
from tdkt.movements.scoring.forms import TallyForm
from tdkt.movements.scoring.models import (
    Criterion,
    GroupBallotTally,
    LeaderProposal,
    ScoreAdjustment,
    ScoreSheet,
)
from tdkt.movements.scoring.transitions import ROUND_MACHINE
from tdkt.orgs.models import Unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@signed_in
def round_detail(request, pk):
    scoring_round = queries.get_round_for_user(request.user, pk)
    group_year = scoring_round.group_year
    scope = get_scope(request.user)
    sheets_by_unit = {s.unit_id: s for s in ScoreSheet.objects.filter(round=scoring_round)}
    reviewing = scoring_round.state == RoundState.UNDER_REVIEW
    members = [{"membership": m, "sheet": sheets_by_unit.get(m.unit_id),
                "can_open": rules.can_read_sheet(request.user, scoring_round, m.unit_id),
                "can_review": reviewing and rules.can_review_sheet(request.user, group_year, m.unit_id),
                "mine": rules.can_score_unit(request.user, m.unit_id)} for m in queries.members(group_year)]
    is_actor = rules.is_group_actor(request.user, group_year)
    can_move = rules.can_move_round(request.user, group_year)
    moves = ROUND_MACHINE.allowed(request.user, scoring_round) if can_move else []  # the declared transitions
    return render(request, "scoring/round.html", {
        "round": scoring_round, "group_year": group_year, "members": members, "is_actor": is_actor,
        "moves": moves, "can_see_ranking": rules.can_see_ranking(request.user, scoring_round),
        "read_all": scope.read_all, "can_manage": rules.can_manage(request.user),
        "completeness": queries.completeness(scoring_round) if scoring_round.state != RoundState.PUBLISHED else None,
        "proposals": LeaderProposal.objects.filter(round=scoring_round).select_related("unit", "award_type", "dossier"),
        "tallies": GroupBallotTally.objects.filter(round=scoring_round).select_related("unit"),
        "history": [{"at": h.at, "by": h.by, "reason": h.reason, "to": RoundState(h.to_state).label,
                     "from": RoundState(h.from_state).label if h.from_state else "—"}
                    for h in scoring_round.state_changes.select_related("by")]})


@signed_in
@require_POST
def round_state(request, pk):
    scoring_round = queries.get_round_for_user(request.user, pk)
    to_state = request.POST.get("to")
    if not rules.can_move_round(request.user, scoring_round.group_year):
        raise PermissionDenied
    try:
        if to_state not in RoundState.values:
            raise ValidationError(_("Choose the new state."))
        services.change_round_state(scoring_round, to_state, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The round is now “%(state)s”.") % {"state": RoundState(to_state).label})
    return redirect("scoring:round", pk=scoring_round.pk)


def _require_panel(user, scoring_round) -> None:
    """The province reads the panel at any time; the head only once self-scoring is closed (until then each
    member sees only its own sheet)."""
    if get_scope(user).read_all:
        return
    if scoring_round.state == RoundState.OPEN or not rules.is_group_actor(user, scoring_round.group_year):
        raise PermissionDenied


@signed_in
def review(request, pk):
    """The head's panel: every member's points side by side, with the adjust form."""
    scoring_round = queries.get_round_for_user(request.user, pk)
    _require_panel(request.user, scoring_round)
    units, rows = queries.review_matrix(scoring_round)
    totals = {r.unit_id: r.total for r in queries.compute_ranking(scoring_round)}
    leaves = [row["criterion"] for row in rows if not row["heading"]]
    return render(request, "scoring/review.html", {
        "round": scoring_round, "units": units, "rows": rows, "totals": [totals.get(u.pk) for u in units],
        "leaves": leaves, "can_adjust": rules.is_group_actor(request.user, scoring_round.group_year)
        and not scoring_round.is_locked,
        "adjustments": ScoreAdjustment.objects.filter(score__sheet__round=scoring_round).select_related(
            "score__sheet__unit", "score__criterion", "by").order_by("-at")[:200]})


@signed_in
@require_POST
def adjust(request, pk):
    scoring_round = queries.get_round_for_user(request.user, pk)
    if not rules.is_group_actor(request.user, scoring_round.group_year):
        raise PermissionDenied
    unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0)
    criterion = get_object_or_404(Criterion, pk=request.POST.get("criterion") or 0, template=scoring_round.template)
    try:
        points = services.parse_points(request.POST.get("points"), field_label=_("Criterion %(code)s") % {
            "code": criterion.code})
        sheets.adjust_score(scoring_round, unit, criterion, by=request.user, points=points,
                            reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The score of %(unit)s on criterion %(code)s has been adjusted.") % {
            "unit": unit, "code": criterion.code})
    return redirect("scoring:review", pk=scoring_round.pk)


@signed_in
def leaderboard(request, pk):
    scoring_round = queries.get_round_for_user(request.user, pk)
    visible = rules.can_see_ranking(request.user, scoring_round)
    ranked = queries.leaderboards([scoring_round])[scoring_round.pk] if visible else []
    return render(request, "scoring/leaderboard.html", {
        "round": scoring_round, "ranked": ranked, "visible": visible, "chart": queries.bar_chart(ranked),
        "is_actor": rules.is_group_actor(request.user, scoring_round.group_year)})


@signed_in
def tally(request, pk):
    scoring_round = queries.get_round_for_user(request.user, pk)
    if not rules.is_group_actor(request.user, scoring_round.group_year):
        raise PermissionDenied
    units = Unit.objects.filter(pk__in=rules.member_unit_ids(scoring_round.group_year)).order_by("name")
    form = TallyForm(request.POST or None, units=units,
                     initial={"members_voting": len(rules.member_unit_ids(scoring_round.group_year))})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposals.record_tally(scoring_round, data["unit"], by=request.user, votes_for=data["votes_for"],
                                   members_voting=data["members_voting"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The ballot tally has been recorded."))
            return redirect("scoring:round", pk=scoring_round.pk)
    return render(request, "scoring/form.html", {
        "form": form, "title": _("The group's ballot (paper tally)"), "subtitle": str(scoring_round),
        "back": reverse("scoring:round", args=[scoring_round.pk]),
        "note": _("Record the result of the group's secret ballot for each candidate: votes for and the number of "
                  "members who voted.")})


@signed_in
@require_POST
def propose(request, pk):
    scoring_round = queries.get_round_for_user(request.user, pk)
    if not rules.is_group_actor(request.user, scoring_round.group_year):
        raise PermissionDenied
    try:
        outcome = proposals.propose_leaders(scoring_round, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        return redirect("scoring:round", pk=scoring_round.pk)
    if outcome.problems:
        messages.warning(request, _("The dossier %(ref)s was created but stays a draft: %(problems)s") % {
            "ref": outcome.dossier.pk, "problems": " ".join(outcome.problems)})
    else:
        messages.success(request, _("The proposals were sent to the province as dossier no. %(ref)s.") % {
            "ref": outcome.dossier.pk})
    return redirect("scoring:round", pk=scoring_round.pk)


def _require_ranking(user, scoring_round) -> None:
    if not rules.can_see_ranking(user, scoring_round):
        raise PermissionDenied


@signed_in
def minutes(request, pk):
    scoring_round = queries.get_round_for_user(request.user, pk)
    _require_ranking(request.user, scoring_round)
    ranked = queries.leaderboards([scoring_round])[scoring_round.pk]
    tallies = list(GroupBallotTally.objects.filter(round=scoring_round).select_related("unit"))
    props = list(LeaderProposal.objects.filter(round=scoring_round).select_related("unit", "award_type"))
    data = exports.minutes_docx(scoring_round, ranked, tallies, props)
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-cham-diem-{scoring_round.pk}.docx"'
    return response


@signed_in
def export_scores(request, pk):
    scoring_round = queries.get_round_for_user(request.user, pk)
    _require_ranking(request.user, scoring_round)
    ranked = queries.leaderboards([scoring_round])[scoring_round.pk]
    adjustments = ScoreAdjustment.objects.filter(score__sheet__round=scoring_round).select_related(
        "score__sheet__unit", "score__criterion", "by").order_by("at")
    return send_export(lambda path: exports.write_scores_xlsx(path, scoring_round, ranked, adjustments),
                       f"diem-thi-dua-{scoring_round.pk}.xlsx")


def round_url(scoring_round) -> str:
    return reverse("scoring:round", kwargs={"pk": scoring_round.pk})
