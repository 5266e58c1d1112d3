"""The page "Phân loại đối tượng thống kê" (people:groups)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.orgs.pickers import UnitFilterForm
from tdkt.people import classify
from tdkt.people.forms import GroupConfirmForm
from tdkt.people.views import EDITORS


@roles_required(*EDITORS)
def group_list(request):
    """Persons without a confirmed statistical group, in the officer's units (`?unit=` narrows to one unit's
    subtree: the statistical forms link here with it); ticked rows are confirmed in bulk."""
    unit = classify.chosen_unit(request.user, request.GET.get("unit"))
    # The unit picker; a name typed without JavaScript is resolved among the officer's units.
    unit_filter = UnitFilterForm(request.GET or None, units=classify.filter_units(request.user), unit=unit)
    unit = unit_filter.typed_unit() or unit
    people = classify.writable_people(request.user, unit)
    if request.method == "POST":
        form = GroupConfirmForm(request.POST, people=people)
        if form.is_valid():
            confirmed, skipped = classify.confirm_selected(request.user, form.cleaned_data["persons"],
                                                           form.cleaned_data["group"])
            messages.success(request, _("%(count)d persons have been classified.") % {"count": confirmed})
            if skipped:
                messages.warning(request, _("%(count)d persons have no suggestion: choose their group.") % {
                    "count": skipped})
            return redirect(request.get_full_path())
    else:
        form = GroupConfirmForm()
    return render(request, "people/group_list.html", {
        "form": form, "unit": unit, "page": classify.unconfirmed_page(people, request.GET.get("page")),
        "counts": classify.counts(people), "unit_filter": unit_filter})
