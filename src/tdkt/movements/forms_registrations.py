"""Forms of registrations by name: the pasted list, the reason of a late submission."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.movements.forms import individual_titles
from tdkt.movements.models import Movement
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import UnitField


class RegistrationNamesForm(forms.Form):
    unit = UnitField(label=_("unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(label=_("movement"), queryset=Movement.objects.order_by("-start_date", "name"),
                                      required=False, empty_label=_("Year-round emulation"))
    default_title = forms.ModelChoiceField(
        label=_("title for lines that name none"), queryset=None, required=False,
        help_text=_("Lines of the list that do not name a title are registered for this one."))
    names = forms.CharField(
        label=_("list of names"), max_length=400_000, widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paste the list from Excel or Word (with its header row “Họ và tên”, “Danh hiệu đăng ký”), or "
                    "type one name per line: “Đ/c Nguyễn Văn An – Chiến sĩ thi đua cơ sở”. Collectives under "
                    "“I. Tập thể”. Nothing is saved until every line is matched."))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["default_title"].queryset = individual_titles()


class SubmitForm(forms.Form):
    reason = forms.CharField(label=_("reason for the delay"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
