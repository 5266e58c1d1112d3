from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.lib.names import display_name
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import UnitField


class ClerkChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class DelegationForm(forms.Form):
    """The leader names a clerk of a unit he leads and the period (the domain function checks the rest)."""

    unit = UnitField(label=_("Unit"), queryset=Unit.objects.none())
    clerk = ClerkChoice(label=_("Clerk"), queryset=None)
    valid_from = forms.DateField(label=_("Delegated from"), help_text=_("dd/mm/yyyy"))
    valid_to = forms.DateField(label=_("Delegated until"), help_text=_("dd/mm/yyyy"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, clerks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["clerk"].queryset = clerks
