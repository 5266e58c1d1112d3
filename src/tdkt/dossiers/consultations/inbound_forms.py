"""Forms of the requests received (hiệp y đến)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.dossiers.consultations.enums import SubjectAnswer
from tdkt.dossiers.consultations.inbound import specialists
from tdkt.lib.forms import DateInput
from tdkt.lib.names import display_name


class SpecialistField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class UploadForm(forms.Form):
    document = forms.FileField(label=_("Document of the request (.docx or .pdf)"))


class InboundForm(forms.Form):
    requesting_body = forms.CharField(label=_("Requesting body"), max_length=255)
    reference_number = forms.CharField(label=_("Number of their document"), max_length=64)
    reference_date = forms.DateField(label=_("Date of their document"), widget=DateInput())
    subject = forms.CharField(label=_("Subject (V/v)"), max_length=500)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput(),
                                  help_text=_("The answer is due a number of working days later (consultation "
                                              "settings)."))
    subjects = forms.CharField(
        label=_("Persons and collectives asked about"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One a line: name | position, unit. A collective starts with “Tập thể”. Honorifics (Ông, Bà, "
                    "Đ/c) are taken off."))
    assignee = SpecialistField(label=_("Responsible specialist"), queryset=None, required=False,
                               help_text=_("Empty: assign later."))
    file_token = forms.CharField(widget=forms.HiddenInput, required=False)
    file_name = forms.CharField(widget=forms.HiddenInput, required=False)
    file_type = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = specialists()


class AssignForm(forms.Form):
    assignee = SpecialistField(label=_("Responsible specialist"), queryset=None)
    reason = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = specialists()


class SendForm(forms.Form):
    letter_number = forms.CharField(label=_("Number of the signed answer letter"), max_length=64)
    letter_date = forms.DateField(label=_("Date of the signed answer letter"), widget=DateInput())


class AnswerForm(forms.Form):
    """One answer and one reason per person or collective, then the letter's fields."""

    opinion = forms.CharField(label=_("General opinion (optional)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    letter_issuer = forms.CharField(label=_("Issuing body of the answer"), max_length=255)
    signature = forms.CharField(label=_("Signature title"), max_length=255, required=False,
                                help_text=_("Rows separated by “/”, e.g. “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”."))
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150, required=False)
    recipients = forms.CharField(label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("One a line."))

    def __init__(self, *args, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        for subject in subjects:
            self.fields[f"answer_{subject.pk}"] = forms.ChoiceField(
                label=f"{subject.position}. {subject.written_name}", choices=SubjectAnswer.choices,
                widget=forms.RadioSelect, required=False, initial=subject.answer or None)
            self.fields[f"reason_{subject.pk}"] = forms.CharField(
                label=_("Reason for an objection"), required=False, initial=subject.reason,
                widget=forms.Textarea(attrs={"rows": 2}))

    def rows(self):
        for subject in self.subjects:
            yield subject, self[f"answer_{subject.pk}"], self[f"reason_{subject.pk}"]

    def answers(self) -> dict:
        return {subject.pk: (self.cleaned_data.get(f"answer_{subject.pk}") or "",
                             self.cleaned_data.get(f"reason_{subject.pk}") or "") for subject in self.subjects}
