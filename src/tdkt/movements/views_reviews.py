"""A movement's reviews: open one (its award round), its page, and its Word report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import READ_ALL_ROLES
from tdkt.lib.downloads import send_export
from tdkt.lib.forms import apply_validation_error
from tdkt.movements import queries, review_report, reviews, rules
from tdkt.movements.forms_reviews import ReviewForm


@roles_required(*rules.MANAGERS)
def review_add(request, pk):
    movement = queries.get_movement(pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = reviews.open_review(movement, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The review and its award round have been opened."))
            return redirect("movements:review", pk=review.pk)
    return render(request, "movements/movement_child_form.html", {
        "form": form, "movement": movement, "title": _("Open a review"), "multipart": False})


@signed_in
def review_detail(request, pk):
    review = queries.get_review(pk)
    return render(request, "movements/review_detail.html", {
        "review": review, "movement": review.movement, "can_manage": rules.can_manage_movements(request.user),
        "can_report": rules.can_read_review_report(request.user), **queries.review_page(request.user, review)})


@roles_required(*READ_ALL_ROLES)
def review_report_file(request, pk):
    """The report counts the whole round (every unit): the province-wide readers only."""
    review = queries.get_review(pk)
    return send_export(lambda path: review_report.write_report(path, review), review_report.filename(review))
