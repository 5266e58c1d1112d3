"""A sheet's review (the head for its members; the deputy head unit or the standing body for the head's own
sheet) and a member marked absent by the standing body (or the mark taken back). Short POST views, each calling one domain function."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.movements.scoring import participation, queries, rules, sheets


def _round_and_member(user, pk, unit_id):
    scoring_round = queries.get_round_for_user(user, pk)
    membership = next((m for m in scoring_round.group_year.memberships.all() if m.unit_id == unit_id), None)
    if membership is None:
        raise Http404
    return scoring_round, membership.unit


@signed_in
@require_POST
def sheet_review(request, pk, unit_id):
    scoring_round, unit = _round_and_member(request.user, pk, unit_id)
    try:
        sheets.review_sheet(scoring_round, unit, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The sheet of %(unit)s has been reviewed: it counts in the ranking.")
                         % {"unit": unit})
    return redirect("scoring:round", pk=scoring_round.pk)


@roles_required(*rules.MANAGERS)
@require_POST
def sheet_absent(request, pk, unit_id):
    scoring_round, unit = _round_and_member(request.user, pk, unit_id)
    try:
        participation.mark_absent(scoring_round, unit, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(unit)s is marked absent from the round.") % {"unit": unit})
    return redirect("scoring:round", pk=scoring_round.pk)


@roles_required(*rules.MANAGERS)
@require_POST
def sheet_absent_undo(request, pk, unit_id):
    scoring_round, unit = _round_and_member(request.user, pk, unit_id)
    try:
        participation.undo_absent(scoring_round, unit, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(unit)s takes part in the round again: its sheet must be submitted and "
                                    "reviewed.") % {"unit": unit})
    return redirect("scoring:round", pk=scoring_round.pk)
