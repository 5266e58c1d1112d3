"""Forms of exemplars; the services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.exemplars.enums import ExemplarKind, ExemplarState
from tdkt.lib.forms import PlainSelect
from tdkt.lib.images import limit_text
from tdkt.orgs.pickers import UnitField
from tdkt.people.pickers import PersonField

QUARTERS = [("", "—"), *[(str(n), str(n)) for n in range(1, 5)]]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or headline"), required=False, max_length=200)
    unit = UnitField(label=_("Unit"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    quarter = forms.TypedChoiceField(label=_("Quarter"), required=False, choices=QUARTERS, coerce=int,
                                     empty_value=None, widget=PlainSelect)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *ExemplarKind.choices],
                             widget=PlainSelect)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", "—"), *ExemplarState.choices],
                              widget=PlainSelect)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_unit(self):
        unit = self.cleaned_data.get("unit")
        return unit.pk if unit else None


class _StoryFields(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=300)
    story = forms.CharField(label=_("Story"), widget=forms.Textarea(attrs={"rows": 12}),
                            help_text=_("Plain text; leave a blank line between paragraphs."))
    photo = forms.FileField(label=_("Photo"), required=False, help_text=limit_text,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}))
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999)
    quarter = forms.TypedChoiceField(label=_("Quarter"), required=False, choices=QUARTERS, coerce=int,
                                     empty_value=None, help_text=_("Leave empty for the whole year."))


class ExemplarForm(_StoryFields):
    """A new exemplar: whom it is about, which unit proposes it, the story and the photo."""

    field_order = ["kind", "person", "collective", "unit", "headline", "story", "photo", "year", "quarter"]
    kind = forms.ChoiceField(label=_("Kind"), choices=ExemplarKind.choices, initial=ExemplarKind.PERSON)
    person = PersonField(label=_("Person"), required=False, help_text=_("For an individual exemplar."))
    collective = UnitField(label=_("Collective"), required=False, help_text=_("For a collective exemplar."))
    unit = UnitField(label=_("Proposing unit"))

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["collective"].queryset = units
        self.fields["person"].queryset = people


class EditForm(_StoryFields):
    """Corrections of a draft or a returned exemplar, and the awards it shows."""

    awards = forms.ModelMultipleChoiceField(label=_("Awards shown with the story"), queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, awards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awards"].queryset = awards
        self.fields["awards"].label_from_instance = lambda record: " — ".join(
            part for part in (record.award_type.name, str(record.year), record.decision_number) if part)


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or headline"), required=False, max_length=200)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(str(year), str(year)) for year in years]]


class ArchiveYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year to archive"), min_value=1900, max_value=2999)
