from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import AwardBasis
from tdkt.awards.models import AwardType
from tdkt.decisions.enums import DecisionState, FundEntryKind
from tdkt.decisions.signature import block_for_post
from tdkt.orgs.models import IssuingAuthority, SignerPost, Unit
from tdkt.orgs.pickers import UnitField


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
    proposal_reference = forms.CharField(label=_("Proposal (tờ trình) number"), max_length=64, required=False,
                                         help_text=_("Number and symbol, for example 45/TTr-SNV."))
    proposal_date = forms.DateField(label=_("Proposal (tờ trình) date"), required=False, help_text=_("dd/mm/yyyy"))
    execution_text = forms.CharField(label=_("Article 3 (execution)"), widget=forms.Textarea(attrs={"rows": 3}))
    recipients = forms.CharField(label=_("Recipients (Nơi nhận), one per line"),
                                 widget=forms.Textarea(attrs={"rows": 4}))
    signer_post = forms.ModelChoiceField(
        label=_("Who signs"), queryset=SignerPost.objects.none(), required=False, empty_label=_("Not chosen yet"),
        help_text=_("A post of the issuing authority on the decision date; the signature block is written from "
                    "it."))

    def __init__(self, *args, posts=(), **kwargs):
        super().__init__(*args, **kwargs)
        posts = list(posts)
        self.fields["signer_post"].queryset = SignerPost.objects.filter(pk__in=[post.pk for post in posts])
        self.fields["signer_post"].label_from_instance = lambda post: (
            f"{' / '.join(block_for_post(post).lines)} — {post.full_name}")

    @classmethod
    def initial_for(cls, decision) -> dict:
        return {"title": decision.title, "achievement_text": decision.achievement_text,
                "legal_bases": "\n".join(decision.legal_bases), "proposal": decision.proposal,
                "proposal_reference": decision.proposal_reference, "proposal_date": decision.proposal_date,
                "execution_text": decision.execution_text, "recipients": "\n".join(decision.recipients),
                "signer_post": decision.signer_post_id}

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["legal_bases"] = _lines(data["legal_bases"])
        data["recipients"] = _lines(data["recipients"])
        return data


class ConfirmStepForm(forms.Form):
    """The confirmation of a step that commits the signer; the code only when the second factor is stale."""

    confirm = forms.BooleanField(label=_("I confirm"), required=True)
    code = forms.CharField(label=_("6-digit code from the authenticator app"), max_length=8, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))

    def __init__(self, *args, needs_code=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_code = needs_code
        if needs_code:
            self.fields["code"].required = True
        else:
            del self.fields["code"]


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
    voucher_number = forms.CharField(label=_("Voucher number"), max_length=50, required=False)
    payer = forms.CharField(label=_("Paid by (cashier)"), max_length=150, required=False)


class PayoutForm(forms.Form):
    """What the finance office records when it pays a signed decision out of the fund."""

    entry_date = forms.DateField(label=_("Date paid"), initial=timezone.localdate)
    voucher_number = forms.CharField(label=_("Voucher number"), max_length=50)
    payer = forms.CharField(label=_("Paid by (cashier)"), max_length=150)


class ContestPrizeForm(forms.Form):
    """A prize for high achievement in a contest: the amount is typed (law.md fixes none)."""

    contest = forms.CharField(label=_("Contest"), max_length=500,
                              help_text=_("As the annex heading names it, e.g. “Học sinh giỏi quốc gia năm 2026”."))
    unit = UnitField(label=_("Unit"), queryset=Unit.objects.none())
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False,
                                help_text=_("A person registered in the unit; leave empty when the unit itself wins."))
    position_and_unit = forms.CharField(label=_("Position and unit"), max_length=500, required=False)
    amount = forms.IntegerField(label=_("Prize (VND)"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active().order_by("name")  # today's units, not at import


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
