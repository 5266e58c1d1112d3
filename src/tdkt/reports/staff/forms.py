from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.lib.forms import DateInput
from tdkt.orgs.pickers import UnitField
from tdkt.people.models import Person
from tdkt.people.pickers import PersonField
from tdkt.reports.models import TdktOffice, TdktStaffMember


class OfficeForm(forms.ModelForm):
    class Meta:
        model = TdktOffice
        fields = ["unit", "name", "structure", "established_on", "dissolved_on"]
        widgets = {"established_on": DateInput(), "dissolved_on": DateInput()}
        help_texts = {"dissolved_on": _("Leave blank while the organisation exists.")}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitField(label=self.fields["unit"].label, queryset=units)


class StaffForm(forms.ModelForm):
    """A post of TĐKT work in one unit: the person is one of that unit's persons (a unit's own list, not the
    province's: the page is opened for a unit, `?unit=`)."""

    class Meta:
        model = TdktStaffMember
        fields = ["unit", "person", "office", "training", "tdkt_work_since", "started_on", "ended_on"]
        widgets = {"tdkt_work_since": DateInput(), "started_on": DateInput(), "ended_on": DateInput(),
                   "unit": forms.HiddenInput()}
        help_texts = {"ended_on": _("Fill in to end the post; the row stays for the past years' forms.")}

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = type(unit).objects.filter(pk=unit.pk)
        self.fields["unit"].initial = unit.pk
        # The unit's own persons, searched within that unit (people:choices?unit=).
        self.fields["person"] = PersonField(
            label=self.fields["person"].label, params={"unit": unit.pk},
            queryset=Person.objects.filter(unit=unit, merged_into__isnull=True).select_related("unit"))
        self.fields["office"].queryset = TdktOffice.objects.filter(unit=unit).order_by("name")
