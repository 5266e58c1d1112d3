from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.lib.forms import DateInput
from tdkt.reports.enums import ReportKind
from tdkt.reports.periods import FIRST_STATISTICAL_YEAR

PROVINCE = ""  # the unit choice that means the whole province


class DraftForm(forms.Form):
    """What the officer asks for: the kind, the year, the reporting unit and, if the default period does not
    fit, other dates."""

    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices, initial=ReportKind.YEAR_END)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_STATISTICAL_YEAR, max_value=9998)
    unit = forms.ChoiceField(label=_("Reporting unit"), required=False)  # choices: the user's (DraftForm.__init__)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput(),
                            help_text=_("Empty: 01/01 for the half-year report, 01/12 of the year before for the "
                                        "year-end report."))
    end = forms.DateField(label=_("To"), required=False, widget=DateInput(),
                          help_text=_("Empty: 30/06 for the half-year report, 30/11 for the year-end report."))

    def __init__(self, *args, units=(), province: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(PROVINCE, _("The whole province"))] if province else []
        # Empty for an officer without the province's view: its own (first) unit (services.unit_for_report).
        self.fields["unit"].choices = choices + [(str(unit.pk), unit.name) for unit in units]


class SendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_STATISTICAL_YEAR, max_value=9998)
    file = forms.FileField(label=_("The finished report"), help_text=_("PDF or Word (.docx), as signed."))


class StatusForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_STATISTICAL_YEAR, max_value=9998, required=False)
