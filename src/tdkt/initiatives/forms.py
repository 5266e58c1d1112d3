"""Forms of the initiatives register; the services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import InitiativeScope
from tdkt.initiatives.enums import Vote, WorkKind, WorkState
from tdkt.lib.forms import DateInput, PlainSelect, TableRowForm
from tdkt.orgs.pickers import UnitField
from tdkt.people.pickers import PersonField


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Title or author"), required=False, max_length=200)
    # The unit picker: the page carries the chosen unit only. Plain selects for the short lists: Django renders
    # each option through two templates, which costs more than the search.
    unit = UnitField(label=_("Unit"), required=False)
    field = forms.CharField(label=_("Field of work"), required=False, max_length=200)
    scope = forms.ChoiceField(label=_("Scope of effect"), required=False, widget=PlainSelect,
                              choices=[("", "—"), *InitiativeScope.choices])
    year = forms.IntegerField(label=_("Year recognised"), required=False, min_value=1900, max_value=2999)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *WorkKind.choices],
                             widget=PlainSelect)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", "—"), *WorkState.choices],
                              widget=PlainSelect)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_unit(self):
        """The unit's pk, as the search filters take it."""
        unit = self.cleaned_data.get("unit")
        return unit.pk if unit else None


class WorkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkKind.choices, initial=WorkKind.INITIATIVE)
    title = forms.CharField(label=_("Title"), max_length=500)
    unit = UnitField(label=_("Unit"))
    field = forms.CharField(label=_("Field of work"), required=False, max_length=200)
    applied_on = forms.DateField(label=_("Date applied"), required=False, widget=DateInput())
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("Evidence"), required=False,
                               help_text=_("PDF, Word, Excel or an image; more files can be added later."))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AuthorRowForm(TableRowForm):
    person = PersonField(label=_("Author"), required=False)
    share = forms.IntegerField(label=_("Share (%)"), required=False, min_value=1, max_value=100)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class MemberRowForm(TableRowForm):
    person = PersonField(label=_("Member"), required=False)
    score = forms.DecimalField(label=_("Score"), required=False, min_value=0, max_value=100, decimal_places=2)
    vote = forms.ChoiceField(label=_("Vote"), required=False, choices=[("", "—"), *Vote.choices])

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


AuthorFormSet = forms.formset_factory(AuthorRowForm, extra=4, max_num=20)
MemberFormSet = forms.formset_factory(MemberRowForm, extra=7, max_num=30)


class EvaluationForm(forms.Form):
    council_name = forms.CharField(label=_("Council"), required=False, max_length=255,
                                   help_text=_("For example: Hội đồng sáng kiến cơ sở of the unit."))
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DateInput())
    passed = forms.TypedChoiceField(label=_("Result"), coerce=lambda value: value == "yes",
                                    choices=[("yes", _("The council proposes recognition")),
                                             ("no", _("The council does not propose recognition"))])
    note = forms.CharField(label=_("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    minutes = forms.FileField(label=_("Minutes"), required=False)


class RecognitionForm(forms.Form):
    scope = forms.ChoiceField(label=_("Scope of effect"), choices=InitiativeScope.choices)
    decision_number = forms.CharField(label=_("Recognising decision number"), max_length=64)
    decision_date = forms.DateField(label=_("Recognising decision date"), widget=DateInput())
    recognised_by = forms.CharField(label=_("Recognised by"), required=False, max_length=255,
                                    help_text=_("The head who signed the decision or the confirmation."))


class ClaimForm(forms.Form):
    nomination = forms.ModelChoiceField(label=_("Nomination line"), queryset=None)

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations
        self.fields["nomination"].label_from_instance = lambda line: f"{line.dossier} — {line.person}"
