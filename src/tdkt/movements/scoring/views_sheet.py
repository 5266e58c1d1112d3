"""A unit's scoring sheet: the criteria tree, autosave per field (JSON), evidence per criterion, the
submission, evidence download and the unit's answer to an adjustment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import signed_in
from tdkt.lib.downloads import send_stored
from tdkt.lib.forms import apply_validation_error
from tdkt.movements.scoring import queries, rules, services, sheets
from tdkt.movements.scoring.enums import RoundState
from tdkt.movements.scoring.forms import AnswerForm
from tdkt.movements.scoring.models import Criterion, ScoreSheet


def _round_and_unit(user, pk, unit_id):
    scoring_round = queries.get_round_for_user(user, pk)
    membership = next((m for m in scoring_round.group_year.memberships.all() if m.unit_id == unit_id), None)
    if membership is None or not rules.can_read_sheet(user, scoring_round, unit_id):
        raise Http404
    return scoring_round, membership.unit


@signed_in
def sheet(request, pk, unit_id):
    scoring_round, unit = _round_and_unit(request.user, pk, unit_id)
    sheet_row, lines = queries.sheet_lines(scoring_round, unit.pk)
    can_edit = rules.can_score_unit(request.user, unit.pk) and scoring_round.state == RoundState.OPEN
    can_answer = rules.can_score_unit(request.user, unit.pk) and not scoring_round.is_locked
    _decorate(lines, scoring_round)
    return render(request, "scoring/sheet.html", {
        "round": scoring_round, "unit": unit, "sheet": sheet_row, "lines": lines, "can_edit": can_edit,
        "labels": {"answer": _("Unit's answer"), "answer_once": _("Answer (once)"), "points": _("Points"),
                   "self": _("self"), "explanation": _("Explanation"), "evidence": _("Evidence")},
        "can_answer": can_answer, "total": sheets.format_points(queries.sheet_total(lines)),
        "max_total": sheets.format_points(queries.maximum_total(lines)),
        "save_url": reverse("scoring:sheet_save", kwargs={"pk": scoring_round.pk, "unit_id": unit.pk})})


def _decorate(lines, scoring_round) -> None:
    """What each row shows, worked out once in Python: a sheet has a hundred rows or more."""
    words = {"max": _("max"), "deduction": _("deduction down to"), "bonus": _("bonus"), "weight": _("weight"),
             "evidence": _("evidence required")}
    for line in lines:
        criterion, score = line.criterion, line.score
        line.pk, line.code, line.title, line.kind = criterion.pk, criterion.code, criterion.title, criterion.kind
        top = sheets.format_points(criterion.max_points)
        if line.is_heading:
            line.hint = f"{words['max']} {top}"
            continue
        parts = [f"{words['deduction']} -{top}" if criterion.kind == "penalty" else f"{words['max']} {top}"]
        if criterion.kind == "bonus":
            parts.append(words["bonus"])
        if criterion.weight != 1:
            parts.append(f"{words['weight']} {sheets.format_points(criterion.weight)}")
        if criterion.evidence_required:
            parts.append(words["evidence"])
        line.hint = " · ".join(parts)
        line.range = f"-{top}…0" if criterion.kind == "penalty" else f"0…{top}"
        line.points_text = sheets.format_points(score.points) if score else ""
        line.self_text = sheets.format_points(score.self_points) if score else ""
        line.explanation = score.explanation if score else ""
        line.evidence_url = reverse("scoring:evidence", kwargs={"pk": score.pk}) if score and score.evidence else ""
        line.evidence_name = (score.evidence_name[:25] + "…" if len(score.evidence_name) > 26 else score.evidence_name
                              ) if score else ""
        for adjustment in line.adjustments:
            adjustment.text = _("Adjusted by %(by)s: %(old)s → %(new)s. Reason: %(reason)s") % {
                "by": adjustment.by, "old": sheets.format_points(adjustment.old_points) or "—",
                "new": sheets.format_points(adjustment.new_points), "reason": adjustment.reason}
            adjustment.answer_url = reverse("scoring:answer", kwargs={"pk": adjustment.pk})


def _criterion(scoring_round, value) -> Criterion:
    try:
        return Criterion.objects.get(pk=int(value), template_id=scoring_round.template_id)
    except (TypeError, ValueError, Criterion.DoesNotExist) as exc:
        raise Http404 from exc


@signed_in
@require_POST
def sheet_save(request, pk, unit_id):
    """Autosave of one field: {criterion, field: points|explanation, value} → JSON with the running total."""
    scoring_round, unit = _round_and_unit(request.user, pk, unit_id)
    criterion = _criterion(scoring_round, request.POST.get("criterion"))
    field = request.POST.get("field")
    value = request.POST.get("value", "")
    try:
        if field == "points":
            points = services.parse_points(value, field_label=_("Criterion %(code)s") % {"code": criterion.code})
            score = sheets.save_self_score(scoring_round, unit, criterion, by=request.user, points=points)
        elif field == "explanation":
            score = sheets.save_self_score(scoring_round, unit, criterion, by=request.user, explanation=value)
        else:
            return JsonResponse({"ok": False, "error": _("Unknown field.")}, status=400)
    except PermissionDenied as exc:
        return JsonResponse({"ok": False, "error": str(exc)}, status=403)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "error": " ".join(exc.messages)}, status=400)
    _sheet, lines = queries.sheet_lines(scoring_round, unit.pk)
    return JsonResponse({"ok": True, "points": sheets.format_points(score.points),
                         "total": sheets.format_points(queries.sheet_total(lines)),
                         "saved_at": timezone.localtime(score.updated_at).strftime("%H:%M:%S")})


@signed_in
@require_POST
def evidence_upload(request, pk, unit_id):
    """One file per post: the file field's name carries the criterion ("evidence-<id>"), or a plain
    "evidence" field with a "criterion" field (without JavaScript)."""
    scoring_round, unit = _round_and_unit(request.user, pk, unit_id)
    named = [(key, f) for key, f in request.FILES.items() if key.startswith("evidence-")]
    if named:
        key, uploaded = named[0]
        criterion = _criterion(scoring_round, key.removeprefix("evidence-"))
    else:
        criterion = _criterion(scoring_round, request.POST.get("criterion"))
        uploaded = request.FILES.get("evidence")
    try:
        if uploaded is None:
            raise ValidationError(_("Choose the evidence file for criterion %(code)s.") % {"code": criterion.code})
        sheets.save_self_score(scoring_round, unit, criterion, by=request.user, evidence=uploaded)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Evidence for criterion %(code)s has been saved.") % {"code": criterion.code})
    return redirect(reverse("scoring:sheet", kwargs={"pk": scoring_round.pk, "unit_id": unit.pk})
                    + f"#c{criterion.pk}")


@signed_in
@require_POST
def sheet_submit(request, pk, unit_id):
    scoring_round, unit = _round_and_unit(request.user, pk, unit_id)
    try:
        sheets.submit_sheet(scoring_round, unit, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The self-scoring sheet has been submitted to the group head."))
    return redirect("scoring:sheet", pk=scoring_round.pk, unit_id=unit.pk)


@signed_in
def evidence(request, pk):
    score = queries.get_score_for_user(request.user, pk)
    return send_stored(score.evidence, score.evidence_name or "minh-chung",
                       content_type=score.evidence_mime or "application/octet-stream")


@signed_in
def answer(request, pk):
    adjustment = queries.get_adjustment_for_user(request.user, pk)
    sheet_row = adjustment.score.sheet
    if not rules.can_score_unit(request.user, sheet_row.unit_id):
        raise PermissionDenied
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sheets.answer_adjustment(adjustment, by=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Your answer has been sent to the group head."))
            return redirect("scoring:sheet", pk=sheet_row.round_id, unit_id=sheet_row.unit_id)
    return render(request, "scoring/form.html", {
        "form": form, "title": _("Answer the adjustment of criterion %(code)s") % {
            "code": adjustment.score.criterion.code},
        "subtitle": _("%(old)s → %(new)s points. Reason: %(reason)s") % {
            "old": sheets.format_points(adjustment.old_points), "new": sheets.format_points(adjustment.new_points),
            "reason": adjustment.reason},
        "note": _("The unit may answer once.") if adjustment.answered_at is None else
        _("Already answered: %(answer)s") % {"answer": adjustment.unit_answer},
        "back": reverse("scoring:sheet", args=[sheet_row.round_id, sheet_row.unit_id])})




@signed_in
@require_POST
def report_upload(request, pk, unit_id):
    scoring_round, unit = _round_and_unit(request.user, pk, unit_id)
    uploaded = request.FILES.get("report")
    try:
        if uploaded is None:
            raise ValidationError(_("Choose the achievement report file."))
        sheets.save_report(scoring_round, unit, by=request.user, uploaded=uploaded)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The achievement report has been saved."))
    return redirect("scoring:sheet", pk=scoring_round.pk, unit_id=unit.pk)


@signed_in
def report(request, pk, unit_id):
    scoring_round, unit = _round_and_unit(request.user, pk, unit_id)
    sheet_row = ScoreSheet.objects.filter(round=scoring_round, unit=unit).first()
    if sheet_row is None:
        raise Http404
    return send_stored(sheet_row.report, sheet_row.report_name or "bao-cao-thanh-tich")
