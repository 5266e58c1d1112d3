from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.lib.forms import DateInput
from tdkt.orgs.enums import CouncilRole, GroupRole
from tdkt.orgs.models import EmulationGroup, Unit
from tdkt.orgs.pickers import UnitField
from tdkt.people.models import Person
from tdkt.people.pickers import PersonField


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "name", "short_name", "code", "kind", "parent", "admin_code", "established_on",
            "is_remote", "is_border", "is_especially_difficult", "is_ethnic_minority_area",
        ]
        widgets = {"established_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.filter(dissolved_on__isnull=True).order_by("name")

    def validate_unique(self):
        # Uniqueness is checked by the service with a clearer message.
        pass


class MergeForm(forms.Form):
    into = UnitField(label=_("Merge into"), queryset=Unit.objects.order_by("name"))
    effective_on = forms.DateField(label=_("Effective date"), widget=DateInput())
    note = forms.CharField(label=_("Note (decision number)"), required=False, max_length=255)


class SplitForm(forms.Form):
    effective_on = forms.DateField(label=_("Effective date"), widget=DateInput())
    names = forms.CharField(
        label=_("New units, one per line: code; name"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: SYT-A; Sở Y tế A"),
    )
    note = forms.CharField(label=_("Note (decision number)"), required=False, max_length=255)

    def clean_names(self):
        parts = []
        for number, line in enumerate(self.cleaned_data["names"].splitlines(), start=1):
            if not line.strip():
                continue
            code, sep, name = line.partition(";")
            if not sep or not code.strip() or not name.strip():
                raise forms.ValidationError(
                    _("Line %(line)d: write the code, a semicolon, then the name.") % {"line": number}
                )
            parts.append({"code": code.strip(), "name": name.strip()})
        if len(parts) < 2:
            raise forms.ValidationError(_("A split needs at least two new units."))
        return parts


class GroupYearForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Emulation group"), queryset=EmulationGroup.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class GroupMemberForm(forms.Form):
    unit = UnitField(label=_("Unit"), queryset=Unit.objects.filter(dissolved_on__isnull=True))
    role = forms.ChoiceField(label=_("Role"), choices=GroupRole.choices, initial=GroupRole.MEMBER)


class CouncilMemberForm(forms.Form):
    person = PersonField(label=_("Person"), queryset=Person.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=CouncilRole.choices)
    title = forms.CharField(label=_("Position in own agency"), required=False, max_length=255)
    term_start = forms.DateField(label=_("Term start"), widget=DateInput())

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Members are people of the council's unit tree; the list stays short.
        self.fields["person"].queryset = Person.objects.filter(
            unit__in=Unit.objects.filter(parent=council.unit) | Unit.objects.filter(pk=council.unit_id)
        ).select_related("unit")
