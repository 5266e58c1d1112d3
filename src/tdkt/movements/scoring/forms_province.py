from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.movements.scoring.enums import CriterionKind


class ClusterForm(forms.Form):
    name = forms.CharField(label=_("Name of the inter-provincial cluster"), max_length=255)
    code = forms.CharField(label=_("Code"), max_length=32)
    member_provinces = forms.CharField(label=_("Member provinces (one per line)"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 5}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class ProvinceCriterionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Criterion"), max_length=1000)
    max_points = forms.DecimalField(label=_("Maximum points"), min_value=0, max_digits=8, decimal_places=2, localize=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=CriterionKind.choices, initial=CriterionKind.NORMAL)


class ResultForm(forms.Form):
    result_rank = forms.IntegerField(label=_("Rank in the cluster"), min_value=1, required=False)
    result_members = forms.IntegerField(label=_("Provinces ranked"), min_value=1, required=False)
    result_total = forms.DecimalField(label=_("Total announced by the cluster"), max_digits=8, decimal_places=2,
                                      required=False, localize=True)
    result_award = forms.CharField(label=_("Award proposed by the cluster"), max_length=255, required=False)
    result_note = forms.CharField(label=_("Note on the result"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    result_file = forms.FileField(label=_("The cluster's result document (PDF or Word)"), required=False)
