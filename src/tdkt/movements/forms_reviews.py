from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.movements.enums import ReviewKind

DATE_HELP = _("dd/mm/yyyy")


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ReviewKind.choices)
    held_on = forms.DateField(label=_("review date"), help_text=DATE_HELP)
    cut_off = forms.DateField(label=_("Cut-off date for the dossiers"), help_text=_(
        "dd/mm/yyyy. The review's award round: units send the dossiers proposing awards at the review by this date."))
    period_from = forms.DateField(label=_("period reviewed from"), required=False,
                                  help_text=_("dd/mm/yyyy. Empty: the movement's start."))
    period_to = forms.DateField(label=_("period reviewed to"), required=False,
                                help_text=_("dd/mm/yyyy. Empty: the review date (or the movement's end)."))
    note = forms.CharField(label=_("note"), max_length=500, required=False)
