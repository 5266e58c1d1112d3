from django import forms
from django.utils.translation import gettext_lazy as _


class TransitionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, reason_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


def transition_form(item, data=None) -> TransitionForm:
    """The confirm form of one declared transition: its reason field labelled, required or absent."""
    form = TransitionForm(data, reason_required=item.reason_required)
    if not item.takes_reason and not item.reason_required:
        del form.fields["reason"]
    elif item.reason_label:
        form.fields["reason"].label = item.reason_label
    return form
