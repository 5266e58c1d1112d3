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


def _passphrase_input(autocomplete: str):
    # render_value=False (Django's default, said aloud): a passphrase is never written back into a page.
    return forms.PasswordInput(render_value=False, attrs={"autocomplete": autocomplete, "spellcheck": "false"})


class BallotOpenForm(forms.Form):
    """Opening the ballot. An electronic ballot takes the passphrase that locks its private key, typed twice;
    the service checks its length (tdkt.council.services.ballots.check_passphrase)."""

    mode = forms.ChoiceField(label=_("Mode"), choices=BallotMode.choices, initial=BallotMode.ELECTRONIC,
                             required=False)
    passphrase = forms.CharField(label=_("Ballot passphrase"), required=False, strip=False,
                                 widget=_passphrase_input("new-password"),
                                 help_text=_("At least 10 characters, typed again at the count. Without it "
                                             "nobody, not even the administrator, can count the ballot."))
    passphrase_again = forms.CharField(label=_("Passphrase again"), required=False, strip=False,
                                       widget=_passphrase_input("new-password"))

    def clean(self):
        data = super().clean()
        data["mode"] = data.get("mode") or BallotMode.ELECTRONIC
        if data["mode"] == BallotMode.ELECTRONIC and data.get("passphrase") != data.get("passphrase_again"):
            self.add_error("passphrase_again", _("The two passphrases differ: type the same passphrase twice."))
        return data


class BallotCountForm(forms.Form):
    passphrase = forms.CharField(label=_("Ballot passphrase"), required=False, strip=False,
                                 widget=_passphrase_input("current-password"),
                                 help_text=_("The passphrase typed when the ballot was opened (electronic ballot)."))


class MinutesForm(forms.Form):
    opening = forms.CharField(label=_("Opening (chair, agenda)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    discussion = forms.CharField(label=_("Discussion"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    conclusion = forms.CharField(label=_("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
