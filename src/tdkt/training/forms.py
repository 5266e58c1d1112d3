"""Forms of the training register; the services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.lib.forms import DateInput, PlainSelect, TableRowForm
from tdkt.orgs.pickers import UnitField, UnitsField
from tdkt.people.pickers import PersonsField
from tdkt.training.enums import TraineeResult, TrainingState


class SearchForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2999)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", "—"), *TrainingState.choices],
                              widget=PlainSelect)
    task = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TrainingForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=500)
    organiser = UnitField(label=_("Organising unit"))
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To"), widget=DateInput())
    place = forms.CharField(label=_("Place"), required=False, max_length=255)
    lecturers = forms.CharField(label=_("Lecturers"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("One name per line, with the title and the agency."))
    target_units = UnitsField(label=_("Target units"), required=False)
    plan_task = forms.ModelChoiceField(label=_("Plan task"), queryset=None, required=False,
                                       help_text=_("The training task of the year's plan this class carries out."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units, all_units, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = units
        self.fields["target_units"].queryset = all_units
        self.fields["plan_task"].queryset = tasks
        self.fields["plan_task"].label_from_instance = lambda task: f"{task.plan.year} — {task.content[:120]}"


class TraineesForm(forms.Form):
    """Persons to add to a class: a picker over those the user may enrol (the page carries the chosen only)."""

    person = PersonsField(label=_("Persons to add"))

    def __init__(self, *args, people, unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        if unit_ids:  # the search offers the same persons
            self.fields["person"].widget.params = {"unit": unit_ids}


class ResultRowForm(TableRowForm):  # drawn as a table row: inputs named for screen readers
    result = forms.ChoiceField(label=_("Result"), required=False, choices=[("", "—"), *TraineeResult.choices])
    score = forms.DecimalField(label=_("Score"), required=False, min_value=0, max_value=100, decimal_places=2)
