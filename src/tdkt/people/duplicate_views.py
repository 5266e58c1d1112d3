"""Duplicate-person review: the list of likely duplicates in the user's scope, and the merge (province
specialists and administrators only). Each view calls one function of tdkt.people.duplicates."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.lib.forms import apply_validation_error
from tdkt.people import duplicates
from tdkt.people.queries import get_person_for_user

REVIEWERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)
MERGERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST)


class MergeForm(forms.Form):
    kept = forms.ModelChoiceField(label=gettext_lazy("Keep this person; the other one is merged into it"),
                                  queryset=None, widget=forms.RadioSelect)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kept"].queryset = candidates
        self.fields["kept"].label_from_instance = lambda p: (
            f"#{p.pk} {p.full_name} — {p.birth_date or p.birth_year or '?'} — {p.unit}")


@roles_required(*REVIEWERS)
def duplicate_list(request):
    return render(request, "people/duplicate_list.html", {
        "groups": duplicates.duplicate_groups(request.user),
        "can_merge": get_scope(request.user).has_role(*MERGERS),
    })


@roles_required(*MERGERS)
def person_merge(request, pk):
    """Merge the person `pk` (the duplicate) into the one chosen to be kept."""
    duplicate = get_person_for_user(request.user, pk, write=True)
    form = MergeForm(request.POST or None, candidates=duplicates.merge_candidates(request.user, duplicate))
    if request.method == "POST" and form.is_valid():
        try:
            duplicates.merge_persons(duplicate, form.cleaned_data["kept"], by=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("“%(name)s” has been merged; every record now belongs to #%(id)s.") % {
                "name": duplicate, "id": form.cleaned_data["kept"].pk})
            return redirect("people:detail", pk=form.cleaned_data["kept"].pk)
    return render(request, "people/person_merge.html", {"person": duplicate, "form": form})
