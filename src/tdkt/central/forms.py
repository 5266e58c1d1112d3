from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardType
from tdkt.central.enums import SendingMethod
from tdkt.central.models import CENTRAL_KIND_CHOICES
from tdkt.central.proposals import central_awards
from tdkt.lib.forms import DateInput


class ProposalForm(forms.Form):
    award_type = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, awards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.filter(pk__in=[a.pk for a in awards])
        self.fields["year"].initial = timezone.localdate().year


class SendForm(forms.Form):
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput())
    sent_via = forms.ChoiceField(label=_("Sent by"), choices=SendingMethod.choices)
    sent_reference = forms.CharField(label=_("Reference of the dispatch"), max_length=100, required=False)
    paper_sets = forms.IntegerField(label=_("Number of paper sets"), min_value=1, max_value=20, initial=1)


class ReceiptForm(forms.Form):
    paper_received_on = forms.DateField(label=_("Paper received on"), widget=DateInput(), required=False)
    files_received_on = forms.DateField(label=_("Files received on"), widget=DateInput(), required=False)
    central_note = forms.CharField(label=_("Notes on the central level"), widget=forms.Textarea(attrs={"rows": 3}),
                                   required=False)


LIST_FILE_HELP = _("Excel (.xlsx) with a “Họ và tên” column, or the decision itself: Word (.docx), PDF with text, "
                   "text (.txt, .md, .html), its names in a table, numbered or in prose. Scans are read in the "
                   "archive digitisation wizard.")


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Issued by"), choices=CENTRAL_KIND_CHOICES)
    document = forms.FileField(label=_("Decision file (optional)"), required=False,
                               help_text=format_lazy("{} {}", _("Its number and date fill the fields left blank, and "
                                                                 "its list is read at once."), LIST_FILE_HELP))
    # Required unless the decision's file gives them (register.record_decision says which is missing).
    number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    signed_on = forms.DateField(label=_("Decision date"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


def _central_awards():
    return AwardType.objects.filter(pk__in=[award.pk for award in central_awards()])


class ImportForm(forms.Form):
    file = forms.FileField(label=_("List (Excel or the decision's file)"), help_text=LIST_FILE_HELP)
    award_type = forms.ModelChoiceField(label=_("Award of the whole list"), queryset=AwardType.objects.none(),
                                        required=False,
                                        help_text=_("When the sheet has no award column."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = _central_awards()


class LineForm(forms.Form):
    name = forms.CharField(label=_("Name as written"), max_length=255)
    award_type = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.none())
    position = forms.CharField(label=_("Position and unit"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = _central_awards()


class HandoverForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DateInput(), required=False)
    handed_over_on = forms.DateField(label=_("Handed over on"), widget=DateInput(), required=False)


class PackageForm(forms.Form):
    package = forms.FileField(label=_("Document package (.zip)"))
