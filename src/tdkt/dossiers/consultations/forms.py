from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.dossiers.consultations.enums import Answer
from tdkt.dossiers.consultations.models import ConsultedAgency
from tdkt.dossiers.consultations.services import CONSULTABLE_LINE_STATES


def line_label(line) -> str:
    return f"{line.position}. {line.recipient} — {line.award_type.short_name or line.award_type.name}"


class LineChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return line_label(obj)


class SendConsultationForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(label=_("Agencies to consult"), queryset=ConsultedAgency.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)
    nominations = LineChoiceField(label=_("Nominees to consult about"), queryset=None,
                                  widget=forms.CheckboxSelectMultiple)
    due_on = forms.DateField(label=_("Answer due on"), required=False,
                             help_text=_("dd/mm/yyyy. Empty: the legal limit in working days from today."))

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = ConsultedAgency.objects.filter(active=True)
        self.fields["nominations"].queryset = dossier.nominations.filter(
            state__in=CONSULTABLE_LINE_STATES).select_related("person", "unit", "household", "award_type")


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Opinion"), choices=Answer.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Opinion in detail"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Required for an objection: the reasons, which the council will read."))
    objected_nominations = forms.TypedMultipleChoiceField(
        label=_("Nominees objected to"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick only the nominees concerned; none ticked means the objection concerns all of them."))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objected_nominations"].choices = [(row["pk"], f"{row['position']}. {row['name']}")
                                                       for row in lines]


class PaperAnswerForm(AnswerForm):
    reference = forms.CharField(label=_("Number and date of the reply letter"), max_length=255)
    answered_on = forms.DateField(label=_("Answered on"), help_text=_("dd/mm/yyyy, the date of the reply letter."))
