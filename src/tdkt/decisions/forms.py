from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import AwardBasis
from tdkt.awards.models import AwardType
from tdkt.decisions.enums import DecisionState, FundEntryKind, SigningMode
from tdkt.orgs.models import IssuingAuthority


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class DecisionFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All"))] + DecisionState.choices)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    award = forms.ModelChoiceField(label=_("Award"), required=False, queryset=AwardType.objects.filter(active=True))


class DraftForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Issuing authority"), queryset=IssuingAuthority.objects.filter(
        active=True), empty_label=None)
    date = forms.DateField(label=_("Planned decision date"), required=False,
                           help_text=_("dd/mm/yyyy; bonuses use the base salary in force on this date until the "
                                       "decision is signed."))
    nominations = forms.ModelMultipleChoiceField(label=_("Approved nominations"), queryset=None,
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, nominations=None, authorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
        if authorities is not None:  # the authorities whose decisions the user drafts (rules.manages_authority)
            self.fields["authority"].queryset = IssuingAuthority.objects.filter(pk__in=[a.pk for a in authorities])
        self.fields["nominations"].label_from_instance = lambda n: (
            f"{n.recipient} — {n.award_type} ({n.dossier.unit})")


class DecisionEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    achievement_text = forms.CharField(label=_("Achievement wording (end of Article 1)"), max_length=500,
                                       required=False)
    legal_bases = forms.CharField(label=_("Legal bases, one per line"), widget=forms.Textarea(attrs={"rows": 6}))
    proposal = forms.CharField(label=_("Proposed by (last basis line)"), max_length=500, required=False)
    execution_text = forms.CharField(label=_("Article 3 (execution)"), widget=forms.Textarea(attrs={"rows": 3}))
    recipients = forms.CharField(label=_("Recipients (Nơi nhận), one per line"),
                                 widget=forms.Textarea(attrs={"rows": 4}))
    signing_mode = forms.ChoiceField(label=_("Signing mode"), choices=SigningMode.choices, required=False)
    signer_on_behalf_of = forms.CharField(label=_("Signs for (after the prefix)"), max_length=255, required=False)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=255)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150, required=False)

    @classmethod
    def initial_for(cls, decision) -> dict:
        return {"title": decision.title, "achievement_text": decision.achievement_text,
                "legal_bases": "\n".join(decision.legal_bases), "proposal": decision.proposal,
                "execution_text": decision.execution_text, "recipients": "\n".join(decision.recipients),
                "signing_mode": decision.signing_mode, "signer_on_behalf_of": decision.signer_on_behalf_of,
                "signer_position": decision.signer_position, "signer_name": decision.signer_name}

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["legal_bases"] = _lines(data["legal_bases"])
        data["recipients"] = _lines(data["recipients"])
        return data


class SignedCopyForm(forms.Form):
    signed_pdf = forms.FileField(label=_("Signed copy (PDF)"),
                                 help_text=_("The scanned paper original or the digitally signed PDF."))
    signed_on = forms.DateField(label=_("Date of the decision"), initial=timezone.localdate,
                                help_text=_("dd/mm/yyyy, as written on the signed original."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AmendForm(ReasonForm):
    lines = forms.ModelMultipleChoiceField(label=_("Lines"), queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].queryset = lines


class FundEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FundEntryKind.choices)
    entry_date = forms.DateField(label=_("Date"), initial=timezone.localdate)
    amount = forms.IntegerField(label=_("Amount (VND)"), min_value=1)
    description = forms.CharField(label=_("Description"), max_length=500)
    document_reference = forms.CharField(label=_("Document"), max_length=255, required=False)


class LegalBasisTemplateForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Issuing authority"), required=False,
                                       queryset=IssuingAuthority.objects.all(), empty_label=_("Any"))
    award_type = forms.ModelChoiceField(label=_("Award"), required=False, queryset=AwardType.objects.filter(
        active=True), empty_label=_("Any"))
    basis = forms.ChoiceField(label=_("Kind of commendation"), required=False,
                              choices=[("", _("Any"))] + list(AwardBasis.choices))
    lines = forms.CharField(label=_("Legal bases, one per line"), widget=forms.Textarea(attrs={"rows": 8}))
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["lines"] = _lines(data["lines"])
        return data
