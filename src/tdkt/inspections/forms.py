"""Forms of the inspections register; the services check the rules (these only parse input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.inspections.enums import Assessment
from tdkt.lib.forms import DateInput, TableRowForm
from tdkt.orgs.pickers import UnitsField
from tdkt.people.pickers import PersonField, PersonsField


class InspectionForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=500)
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To"), widget=DateInput())
    units = UnitsField(label=_("Units inspected"))
    # Pickers: the page carries the chosen persons only, not the province's registry.
    leader = PersonField(label=_("Team leader"))
    members = PersonsField(label=_("Team members"), required=False)
    plan_task = forms.ModelChoiceField(label=_("Plan task"), queryset=None, required=False)

    def __init__(self, *args, units, people, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["leader"].queryset = people
        self.fields["members"].queryset = people
        self.fields["plan_task"].queryset = tasks
        self.fields["plan_task"].label_from_instance = lambda task: f"{task.plan} — {task.content[:100]}"


class RecordForm(forms.Form):
    visited_on = forms.DateField(label=_("Inspected on"), widget=DateInput(), required=False)
    summary = forms.CharField(label=_("General conclusion"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    conclusion_number = forms.CharField(label=_("Conclusion number"), max_length=64, required=False)
    conclusion_date = forms.DateField(label=_("Conclusion date"), widget=DateInput(), required=False)


class FindingForm(TableRowForm):
    assessment = forms.ChoiceField(label=_("Assessment"), choices=[("", "—"), *Assessment.choices], required=False)
    note = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RecommendationForm(forms.Form):
    content = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())


class FollowUpForm(forms.Form):
    response = forms.CharField(label=_("What the unit did"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("File"), required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
