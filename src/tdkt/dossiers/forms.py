from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import UNIT_ROLES, Role
from tdkt.awards.deciders import may_receive
from tdkt.awards.models import AwardType
from tdkt.dossiers.authority import receiver_kind
from tdkt.dossiers.enums import DocumentType, DossierKind, DossierState
from tdkt.dossiers.models import DocumentRequirement, DossierCall
from tdkt.lib.forms import PlainSelect
from tdkt.orgs.enums import GRASSROOTS_AUTHORITY_KINDS, AuthorityKind
from tdkt.orgs.models import EmulationGroupYear, IssuingAuthority, Unit
from tdkt.orgs.pickers import UnitField


def specialists():
    return (get_user_model().objects.filter(is_active=True, memberships__role=Role.PROVINCE_SPECIALIST)
            .distinct().order_by("username"))


def receiving_officers(unit_ids):
    """The clerks and leaders of the units whose own rounds they receive: whom a unit's round is assigned to."""
    return (get_user_model().objects.filter(is_active=True, memberships__role__in=UNIT_ROLES,
                                            memberships__unit_id__in=unit_ids).distinct().order_by("username"))


class DossierForm(forms.Form):
    unit = UnitField(label=_("Submitting unit"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=DossierKind.choices)
    receiving_authority = forms.ModelChoiceField(
        label=_("Sent to"), required=False, queryset=IssuingAuthority.objects.none(),
        empty_label=_("The province (standing body of the emulation and commendation council)"),
        help_text=_("Awards the unit's own head decides (Giấy khen, Lao động tiên tiến, Chiến sĩ thi đua cơ sở…) "
                    "go to the unit's own authority."))
    authority = forms.ChoiceField(label=_("Deciding authority"), choices=AuthorityKind.choices,
                                  help_text=_("For a dossier to the province: the chairman, or above him."))
    group_year = forms.ModelChoiceField(label=_("On behalf of the cluster or block"), required=False,
                                        queryset=EmulationGroupYear.objects.none(),
                                        help_text=_("Only for the head unit of a cluster or block."))
    movement = forms.ModelChoiceField(label=_("Emulation movement"), required=False, queryset=None,
                                      help_text=_("Only the movements the unit takes part in and that take "
                                                  "dossiers now."))
    call = forms.ModelChoiceField(label=_("Call for dossiers"), required=False,
                                  queryset=DossierCall.objects.filter(is_open=True))
    year = forms.IntegerField(label=_("Achievement year"), required=False, min_value=1945, max_value=2100)
    period_from = forms.DateField(label=_("Achievement period from"), required=False,
                                  help_text=_("dd/mm/yyyy"))
    period_to = forms.DateField(label=_("Achievement period to"), required=False, help_text=_("dd/mm/yyyy"))
    cover_letter_number = forms.CharField(label=_("Cover letter number"), max_length=64, required=False)
    cover_letter_date = forms.DateField(label=_("Cover letter date"), required=False, help_text=_("dd/mm/yyyy"))

    def __init__(self, *args, units, movements, with_unit=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        # Offered: the movements open to the unit. Accepted: any movement, so that the workflow's check
        # (tdkt.dossiers.movement_link) says precisely why a closed or foreign one is refused.
        field = self.fields["movement"]
        field.queryset = movements.model.objects.all()
        field.widget.choices = [("", field.empty_label)] + [(m.pk, str(m)) for m in movements]
        if not with_unit:
            del self.fields["unit"]
        self.fields["receiving_authority"].queryset = IssuingAuthority.objects.filter(
            active=True, kind__in=GRASSROOTS_AUTHORITY_KINDS).order_by("name")
        self.fields["group_year"].queryset = EmulationGroupYear.objects.select_related("group").order_by(
            "-year", "group__name")


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ChangeAwardForm(forms.Form):
    """Accept a line for another award than proposed: only awards given to the line's kind of recipient that
    the dossier's receiving authority may take."""

    award_type = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        kind = "for_individual" if line.person_id else "for_collective" if line.unit_id else "for_household"
        candidates = (AwardType.objects.filter(active=True, **{kind: True}).exclude(pk=line.award_type_id)
                      .order_by("sort_order", "name"))
        receiver = receiver_kind(line.dossier)
        self.fields["award_type"].queryset = candidates.filter(
            pk__in=[award.pk for award in candidates if may_receive(receiver, award)])


class AssignForm(forms.Form):
    specialist = forms.ModelChoiceField(label=_("Specialist in charge"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = specialists()


class DocumentForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Document"), choices=DocumentType.choices)
    nomination = forms.TypedChoiceField(label=_("Nominee"), required=False, coerce=int, empty_value=None,
                                        widget=PlainSelect,
                                        help_text=_("For a document of one nominee (e.g. an achievement report)."))
    uploaded = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel or an image (JPEG, PNG)."))

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [("", "—")] + [(line.pk, str(line.recipient)) for line in lines]


class RequirementForm(forms.ModelForm):
    class Meta:
        model = DocumentRequirement
        fields = ["kind", "award_type", "document_type", "mandatory", "per_nomination", "legal_basis", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.filter(active=True).order_by("sort_order", "name")
        self.fields["kind"].required = False


DUE_CHOICES = [("", _("Any due date")), ("overdue", _("Overdue")), ("soon", _("Due within N working days"))]
ASSIGNEE_CHOICES = [("", _("Anyone")), ("me", _("Me")), ("nobody", _("Nobody"))]


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("Held by the province"))] + list(DossierState.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind"))] + list(DossierKind.choices))
    unit = UnitField(label=_("Unit"), required=False, queryset=Unit.objects.none())
    due = forms.ChoiceField(label=_("Due date"), required=False, choices=DUE_CHOICES)
    days = forms.IntegerField(label=_("N (working days)"), required=False, min_value=0, max_value=60)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False, choices=ASSIGNEE_CHOICES)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[
        ("", _("Sent to the province")), ("all", _("All levels (units' rounds read only)"))])

    def __init__(self, *args, province=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("name")
        if not province:  # a unit's officer sees the rounds sent to its own authority, nothing else
            del self.fields["level"]
