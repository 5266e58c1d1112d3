from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.lib.forms import DateInput
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import UnitField
from tdkt.reports.enums import ReportKind
from tdkt.reports.periods import FIRST_STATISTICAL_YEAR


class DraftForm(forms.Form):
    """What the officer asks for: the kind, the year, the reporting unit and, if the default period does not
    fit, other dates."""

    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices, initial=ReportKind.YEAR_END)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_STATISTICAL_YEAR, max_value=9998)
    unit = UnitField(label=_("Reporting unit"), queryset=Unit.objects.none(), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput(),
                            help_text=_("Empty: 01/01 for the half-year report, 01/12 of the year before for the "
                                        "year-end report."))
    end = forms.DateField(label=_("To"), required=False, widget=DateInput(),
                          help_text=_("Empty: 30/06 for the half-year report, 30/11 for the year-end report."))

    def __init__(self, *args, units, province: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty: the whole province for the standing body, else the officer's own (first) unit
        # (services.unit_for_report).
        self.fields["unit"].queryset = units
        self.fields["unit"].help_text = (_("Leave empty for the whole province's report.") if province
                                         else _("Leave empty for your own unit's report."))


class SendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_STATISTICAL_YEAR, max_value=9998)
    file = forms.FileField(label=_("The finished report"), help_text=_("PDF or Word (.docx), as signed."))


class StatusForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_STATISTICAL_YEAR, max_value=9998, required=False)
