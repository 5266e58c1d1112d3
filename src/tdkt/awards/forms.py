"""Forms of the award registry. Field names are the service arguments, so a view passes
`form.cleaned_data` straight to the service; checks that need the database live in the service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import (
    AwardBasis,
    AwardSource,
    CaseKind,
    DisciplineLevel,
    InitiativeScope,
    RatingLevel,
    RecipientKind,
)
from tdkt.awards.models import AwardType, Initiative
from tdkt.lib.forms import DateInput
from tdkt.orgs.enums import AuthorityKind


class AwardTypeForm(forms.ModelForm):
    bases = forms.MultipleChoiceField(
        label=_("Kinds of commendation"), choices=AwardBasis.choices, widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    decided_by = forms.MultipleChoiceField(
        label=_("Who decides it"), choices=AuthorityKind.choices, widget=forms.CheckboxSelectMultiple,
        required=False, help_text=_("Left empty: the authorities the law gives for its level."),
    )
    aliases = forms.CharField(
        label=_("Other names, one per line"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Abbreviations and variants found in old decisions, e.g. CSTĐCS; used when importing history."),
    )

    class Meta:
        model = AwardType
        fields = [
            "code", "name", "short_name", "category", "level", "for_individual", "for_collective", "for_household",
            "bases", "decided_by", "deciding_authority", "bonus_individual", "bonus_collective", "bonus_household",
            "bonus_is_ceiling", "requires_public_posting", "posting_working_days", "requires_council_vote", "vote_threshold_percent",
            "active", "sort_order", "legal_basis",
        ]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["aliases"] = "\n".join(
                self.instance.aliases.filter(kind="alias").order_by("text").values_list("text", flat=True)
            )
        if self.instance.is_national:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("National codes never change.")
            self.fields["decided_by"].disabled = True
            self.fields["decided_by"].help_text = _("Set by the law for a national award.")

    def _post_clean(self):
        # The service validates the entry, with messages that say what is expected; the form only
        # converts the input (so the model's own validators do not answer first with generic messages).
        pass

    def clean_aliases(self):
        return [line.strip() for line in self.cleaned_data["aliases"].splitlines() if line.strip()]



class InitiativeChoiceField(forms.ModelMultipleChoiceField):
    """A person's initiatives; those already used say for what (the service refuses them)."""

    def label_from_instance(self, initiative):
        label = f"{initiative.title} ({initiative.year}, {initiative.get_scope_display()})"
        if initiative.used_for_id:
            used = initiative.used_for
            label += " — " + str(_("used for %(award)s %(year)s") % {"award": used.award_type, "year": used.year})
        return label


def _year_field(label):
    return forms.IntegerField(label=label, widget=forms.NumberInput(attrs={"class": "year"}))


class AwardRecordForm(forms.Form):
    award_type = forms.ModelChoiceField(label=_("Title or form"), queryset=AwardType.objects.none())
    basis = forms.ChoiceField(label=_("Kind of commendation"), choices=AwardBasis.choices, initial=AwardBasis.MERIT)
    year = forms.IntegerField(label=_("Achievement year"), required=False,
                              help_text=_("For a period or a school year it can be left empty: the year it ends."))
    school_year = forms.CharField(label=_("School year"), required=False, max_length=20,
                                  help_text=_("For example 2024-2025."))
    period_from = forms.DateField(label=_("Achievement period from"), required=False, widget=DateInput())
    period_to = forms.DateField(label=_("Achievement period to"), required=False, widget=DateInput())
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=64)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput())
    decision_issuer = forms.CharField(label=_("Issued by"), required=False, max_length=255)
    source = forms.ChoiceField(label=_("Source"), choices=AwardSource.choices, initial=AwardSource.ISSUED_HERE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    initiatives = InitiativeChoiceField(
        label=_("Initiatives used for this award"), queryset=Initiative.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("An initiative supports one award only."),
    )

    def __init__(self, *args, kind: str, initiatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        recipient_filter = {
            RecipientKind.INDIVIDUAL: "for_individual", RecipientKind.COLLECTIVE: "for_collective",
            RecipientKind.HOUSEHOLD: "for_household",
        }[kind]
        self.fields["award_type"].queryset = AwardType.objects.filter(active=True, **{recipient_filter: True})
        if initiatives is None:
            del self.fields["initiatives"]
        else:
            self.fields["initiatives"].queryset = initiatives


class RatingForm(forms.Form):
    year = _year_field(_("Year"))
    level = forms.ChoiceField(label=_("Rating"), choices=RatingLevel.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    year = _year_field(_("Year recognised"))
    scope = forms.ChoiceField(label=_("Scope of effect"), choices=InitiativeScope.choices)
    decision_number = forms.CharField(label=_("Recognising decision number"), required=False, max_length=64)
    decision_date = forms.DateField(label=_("Recognising decision date"), required=False, widget=DateInput())
    recognised_by = forms.CharField(label=_("Recognised by"), required=False, max_length=255,
                                    help_text=_("The initiative council or the head who recognised it."))


class DisciplineForm(forms.Form):
    level = forms.ChoiceField(label=_("Measure"), choices=DisciplineLevel.choices)
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=64)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OpenCaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())
    reference = forms.CharField(label=_("Document reference"), required=False, max_length=255)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseCaseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())
    note = forms.CharField(label=_("Conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
