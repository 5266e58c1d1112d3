from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.council.enums import BallotMode
from tdkt.lib.forms import DateInput


class MeetingForm(forms.Form):
    council = forms.ModelChoiceField(label=_("Council"), queryset=None)
    number = forms.IntegerField(label=_("Meeting number in the term"), min_value=1, required=False,
                                help_text=_("Empty: the next number of this council."))
    date = forms.DateField(label=_("Date"), widget=DateInput(), help_text=_("dd/mm/yyyy"))
    place = forms.CharField(label=_("Place"), max_length=255)
    considers_awards = forms.BooleanField(label=_("Considers awards"), required=False, initial=True)

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        first = councils.first()
        if first is not None:
            self.fields["council"].initial = first.pk


class BallotOpenForm(forms.Form):
    mode = forms.ChoiceField(label=_("Mode"), choices=BallotMode.choices, initial=BallotMode.ELECTRONIC)


class MinutesForm(forms.Form):
    opening = forms.CharField(label=_("Opening (chair, agenda)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    discussion = forms.CharField(label=_("Discussion"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    conclusion = forms.CharField(label=_("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
