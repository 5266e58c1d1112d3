from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tdkt.jobs.idempotency import KeyField
from tdkt.lib.forms import DateInput
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import UnitField
from tdkt.people.enums import PersonGroup
from tdkt.people.groups import UNCLASSIFIED, suggest_group
from tdkt.people.models import Person

UNCLASSIFIED_LABEL = _("Not classified")


def group_choices():
    return [(UNCLASSIFIED, UNCLASSIFIED_LABEL), *PersonGroup.choices]


class PersonForm(forms.ModelForm):
    # Not the model field: a chosen group is confirmed (who, when) and audited by tdkt.people.groups.set_group.
    statistical_group = forms.ChoiceField(label=_("Statistical group"), required=False, choices=group_choices)

    class Meta:
        model = Person
        fields = ["full_name", "gender", "birth_date", "birth_year", "ethnicity", "position", "unit",
                  "category", "national_id"]
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, unit_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(dissolved_on__isnull=True).order_by("name")
        if unit_ids is not None:
            units = units.filter(pk__in=unit_ids)
        self.fields["unit"] = UnitField(label=self.fields["unit"].label, queryset=units)
        self.fields["statistical_group"].initial = self.instance.statistical_group
        suggested = suggest_group(self.instance.position, self.instance.category) if self.instance.pk else None
        self.fields["statistical_group"].help_text = (
            _("Suggested from the position: %(group)s.") % {"group": PersonGroup(suggested).label} if suggested
            else _("Optional; the forms count a person without one as not classified."))
        self.fields["national_id"].widget.attrs.update({"inputmode": "numeric", "maxlength": 12})
        self.fields["national_id"].max_length = None  # length is checked by the validator, with a clearer message
        self.fields["national_id"].validators = [v for v in self.fields["national_id"].validators
                                                 if v.__class__.__name__ != "MaxLengthValidator"]

    def clean_national_id(self):
        return (self.cleaned_data.get("national_id") or "").strip() or None

    def _post_clean(self):
        super()._post_clean()
        if "national_id" not in self.errors and "birth_date" not in self.errors and "birth_year" not in self.errors:
            try:
                self.instance.check_national_id_against_birth()
            except ValidationError as exc:
                self.add_error(None, exc)


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)


class PersonImportForm(forms.Form):
    unit = UnitField(label=_("Unit"), queryset=Unit.objects.none())
    file = forms.FileField(label=_("File (Excel .xlsx or CSV UTF-8)"))
    idempotency_key = KeyField(required=False)  # a resent form shows the first import's result

    def __init__(self, *args, unit_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(dissolved_on__isnull=True).order_by("name")
        if unit_ids is not None:
            units = units.filter(pk__in=unit_ids)
        self.fields["unit"].queryset = units


class GroupConfirmForm(forms.Form):
    """Bulk confirmation on the page "Phân loại đối tượng thống kê": the ticked persons (only those the officer may
    edit are valid choices), each with its suggestion or all with one chosen group."""

    persons = forms.ModelMultipleChoiceField(label=_("Persons"), queryset=Person.objects.none())
    group = forms.ChoiceField(label=_("Confirm as"), required=False,
                              choices=[("", _("Each person's suggestion")), *PersonGroup.choices])

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["persons"].queryset = people


class ChoicesForm(forms.Form):
    """The query of the person picker's endpoint (/people/choices/?q=…&unit=…)."""

    q = forms.CharField(required=False, max_length=200)
    unit = forms.TypedMultipleChoiceField(required=False, coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any whole number: the query intersects the units with the user's scope, so none is worth listing here.
        self.fields["unit"].valid_value = lambda value: str(value).isdigit()
