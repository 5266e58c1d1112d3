from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.workcalendar.enums import ProvinceDayKind
from tdkt.workcalendar.models import ProvinceDay, StepLimit


class ProvinceDayForm(forms.ModelForm):
    class Meta:
        model = ProvinceDay
        fields = ["date", "kind", "name", "decided_by"]
        help_texts = {"date": _("dd/mm/yyyy")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ProvinceDayKind.choices  # two kinds: no empty choice to fall into


class StepLimitForm(forms.ModelForm):
    class Meta:
        model = StepLimit
        fields = ["working_days", "legal_basis"]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3})}

    def clean_working_days(self):
        days = self.cleaned_data["working_days"]
        if not 1 <= days <= 366:
            raise forms.ValidationError(_("Enter a number of working days from 1 to 366."))
        return days
