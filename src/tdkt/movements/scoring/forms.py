from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.movements.scoring.enums import Aggregation, CriterionKind, RoundKind, TieBreak


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    copy_last_year = forms.BooleanField(label=_("Copy last year's criteria of this group"), required=False)
    flag_quota = forms.IntegerField(label=_("Provincial flags proposed (leaders)"), min_value=0, max_value=5,
                                    initial=1, help_text=_("Provincial practice, not law: usually 1 per group."))
    merit_count = forms.IntegerField(label=_("Certificates of merit proposed (next units)"), min_value=0,
                                     max_value=10, initial=2, help_text=_("Provincial practice, not law: 1–2."))
    aggregation = forms.ChoiceField(label=_("Aggregation of the points"), choices=Aggregation.choices,
                                    initial=Aggregation.SUM, required=False,
                                    help_text=_("How a unit's total is made from its criteria's points: the sum "
                                                "unless the group's regulation says otherwise."))
    tie_breaks = forms.CharField(
        label=_("Tie-break rules, in order"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        initial="\n".join(TieBreak.values),
        help_text=_("One per line: more_bonus, fewer_penalty, earlier_submission, or criterion:<code> "
                    "(higher points on that criterion)."))

    def clean_aggregation(self):
        return self.cleaned_data["aggregation"] or Aggregation.SUM

    def clean_tie_breaks(self):
        return [line.strip() for line in self.cleaned_data["tie_breaks"].splitlines() if line.strip()]


class CriterionForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("Under"), queryset=None, required=False,
                                    empty_label=_("(top level)"))
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Criterion"), max_length=1000)
    max_points = forms.DecimalField(label=_("Maximum points"), min_value=0, max_digits=8, decimal_places=2)
    kind = forms.ChoiceField(label=_("Kind"), choices=CriterionKind.choices, initial=CriterionKind.NORMAL)
    evidence_required = forms.BooleanField(label=_("Evidence required"), required=False)
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=5, decimal_places=2, initial=1)
    order = forms.IntegerField(label=_("Order"), min_value=0, required=False)

    def __init__(self, *args, template, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = template.criteria.order_by("order", "id")
        if exclude is not None:
            queryset = queryset.exclude(pk=exclude.pk)
        self.fields["parent"].queryset = queryset


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("Round"), choices=RoundKind.choices)
    self_scoring_due = forms.DateField(label=_("Self-scoring deadline"), required=False,
                                       input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                                       widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    review_due = forms.DateField(label=_("Review deadline"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                                 widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("The unit's answer"), widget=forms.Textarea(attrs={"rows": 4}))


class TallyForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Candidate unit"), queryset=None)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0)
    members_voting = forms.IntegerField(label=_("Members voting"), min_value=1)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
