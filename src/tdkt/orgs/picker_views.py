"""The unit picker's search endpoint (tdkt.lib.pickers contract)."""

from django import forms
from django.http import JsonResponse
from django.utils.translation import gettext as _

from tdkt.accounts.access import signed_in
from tdkt.lib.pickers import results_json
from tdkt.orgs.pickers import pick_units, unit_label


class ChoicesForm(forms.Form):
    q = forms.CharField(required=False, max_length=200)


@signed_in
def unit_choices(request):
    """JSON: the live units of the user's scope matching ?q=, labelled with the unit above them."""
    form = ChoicesForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"results": [], "more": False, "error": _("The search is not valid.")}, status=400)
    units, more = pick_units(request.user, form.cleaned_data["q"])
    return JsonResponse(results_json(units, unit_label, more))
