"""Forms of the nominee entry screens: a line (person found by name, or a collective), the list import,
quotas and the specialist's consolidated export."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import AwardBasis
from tdkt.awards.models import AwardType
from tdkt.dossiers.enums import PROVINCE_STATES, DossierState
from tdkt.dossiers.nominees.blanks import proposable_awards
from tdkt.dossiers.nominees.paste import MAX_PASTE_CHARS
from tdkt.jobs.idempotency import KeyField
from tdkt.orgs.models import EmulationGroupYear, Unit
from tdkt.orgs.pickers import UnitField
from tdkt.people.models import Person
from tdkt.people.pickers import PersonField

PERSON, COLLECTIVE = "person", "collective"


def _award_types():
    return AwardType.objects.filter(active=True).order_by("sort_order", "name")


class LineFieldsForm(forms.Form):
    award_type = forms.ModelChoiceField(label=_("Proposed award"), queryset=AwardType.objects.none())
    basis = forms.ChoiceField(label=_("Kind of commendation"), choices=AwardBasis.choices, initial=AwardBasis.MERIT)
    position_and_unit = forms.CharField(label=_("Position and unit"), max_length=500, required=False,
                                        help_text=_("As it should read in the list; left blank, it is taken from "
                                                    "the person's record."))
    achievement_summary = forms.CharField(label=_("Achievement summary"), required=False,
                                          widget=forms.Textarea(attrs={"rows": 4}))
    report = forms.FileField(label=_("Achievement report (PDF or Word)"), required=False)

    def __init__(self, *args, dossier=None, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = _award_types()
        if dossier is not None:  # only the awards this dossier's level and kind may propose (and the line's own)
            allowed = {award.pk for award in proposable_awards(dossier)} | ({current.pk} if current else set())
            queryset = queryset.filter(pk__in=allowed)
        self.fields["award_type"].queryset = queryset
        self.fields["award_type"].label_from_instance = lambda award: award.name


class LineAddForm(LineFieldsForm):
    kind = forms.ChoiceField(label=_("Nominee"), choices=[(PERSON, _("A person")), (COLLECTIVE, _("A collective"))],
                             widget=forms.RadioSelect, initial=PERSON)
    person = PersonField(label=_("Person"), queryset=Person.objects.none(), required=False)
    unit = UnitField(label=_("Collective"), queryset=Unit.objects.none(), required=False)

    field_order = ["kind", "person", "unit", "award_type", "basis", "position_and_unit", "achievement_summary",
                   "report"]

    def __init__(self, *args, persons, units, unit_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        self.fields["person"].widget.params = {"unit": list(unit_ids)}  # the search stays within the dossier's units
        self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        if data.get("kind") == PERSON and not data.get("person"):
            self.add_error("person", _("Choose the person."))
        if data.get("kind") == COLLECTIVE and not data.get("unit"):
            self.add_error("unit", _("Choose the collective."))
        return data

    def recipient(self) -> dict:
        data = self.cleaned_data
        return {"person": data["person"]} if data["kind"] == PERSON else {"unit": data["unit"]}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Nominee list (Excel .xlsx, Word .docx, PDF with text or text .txt)"),
                           help_text=_("A table with the columns STT / Họ và tên / Chức vụ, đơn vị / Hình thức đề "
                                       "nghị; optional: Năm sinh, Giới tính, Số CCCD, Tóm tắt thành tích. "
                                       "Collectives start with “Tập thể” or stand under the section “I. Tập thể”. "
                                       "A decision or list without such a table (names numbered, lettered or "
                                       "separated by semicolons, under group headings) is read as well; scans "
                                       "are read in the archive digitisation wizard."))
    # Also the batch id: a resent upload commits nothing twice and shows the first result.
    idempotency_key = KeyField(required=False)


class PasteForm(forms.Form):
    rows = forms.CharField(label=_("Paste from Excel"), max_length=MAX_PASTE_CHARS, strip=False,
                           widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
                           help_text=_("Select the rows of the list in Excel (with or without the header row), "
                                       "copy and paste them here. Read, matched and checked as an uploaded file: "
                                       "all or nothing."))
    idempotency_key = KeyField(required=False)


class QuotaForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    award_type = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.none())
    unit = UnitField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    group_year = forms.ModelChoiceField(label=_("or cluster/block"), queryset=EmulationGroupYear.objects.none(),
                                        required=False)
    max_count = forms.IntegerField(label=_("At most"), min_value=0, max_value=100000)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["award_type"].queryset = _award_types()
        self.fields["award_type"].label_from_instance = lambda award: award.name
        self.fields["unit"].queryset = Unit.objects.filter(dissolved_on__isnull=True).order_by("name")
        self.fields["group_year"].queryset = EmulationGroupYear.objects.select_related("group").order_by(
            "-year", "group__name")

    def clean(self):
        data = super().clean()
        if bool(data.get("unit")) == bool(data.get("group_year")):
            raise forms.ValidationError(_("Choose either a unit or a cluster/block."))
        return data


EXPORT_STATE_CHOICES = [(state.value, state.label) for state in DossierState
                        if state in PROVINCE_STATES or state in {DossierState.CONSIDERED, DossierState.DECIDED}]


class SelectionExportForm(forms.Form):
    states = forms.MultipleChoiceField(label=_("Dossiers in the states"), choices=EXPORT_STATE_CHOICES,
                                       widget=forms.CheckboxSelectMultiple,
                                       initial=[DossierState.READY_FOR_COUNCIL.value])
    year = forms.IntegerField(label=_("Achievement year"), min_value=2000, max_value=2100, required=False)
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", "Excel (.xlsx)"), ("docx", "Word (.docx)")])
