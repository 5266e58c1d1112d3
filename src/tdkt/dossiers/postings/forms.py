from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.dossiers.postings.enums import CommentState


class PublishNoticeForm(forms.Form):
    title = forms.CharField(label=_("Title of the notice"), max_length=500, required=False,
                            help_text=_("Empty: “Public list of nominees” and the dossier's title."))
    introduction = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text=_("Shown above the list, e.g. where else the list is published."))


class PublicCommentForm(forms.Form):
    nomination = forms.TypedChoiceField(label=_("About"), coerce=int, required=False, empty_value=None)
    name = forms.CharField(label=_("Your full name"), max_length=200,
                           error_messages={"required": _("Give your full name.")})
    contact = forms.CharField(label=_("Address, phone or e-mail"), max_length=255,
                              error_messages={"required": _(
                                  "Give an address, a phone number or an e-mail so that we can answer you.")})
    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": _("Write your comment.")})
    # Honeypot: hidden from people by CSS; robots that fill every field are refused.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [("", _("The whole list"))] + [
            (row["pk"], f"{row['position']}. {row['name']}") for row in lines]

    def clean(self):
        if self.cleaned_data.get("website"):  # shown to the sender above the form, never on the hidden field
            raise forms.ValidationError(_("Your comment could not be accepted."))
        return super().clean()


class HandleCommentForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect, choices=[
        (CommentState.DISMISSED.value, CommentState.DISMISSED.label),
        (CommentState.LED_TO_HOLD.value, CommentState.LED_TO_HOLD.label)])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    nomination = forms.TypedChoiceField(label=_("Nominee to put on hold"), coerce=int, required=False,
                                        empty_value=None,
                                        help_text=_("Only for a comment about the whole list that leads to a hold."))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [("", "---------")] + [
            (row["pk"], f"{row['position']}. {row['name']}") for row in lines]
