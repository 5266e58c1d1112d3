from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardType
from tdkt.jobs.idempotency import KeyField
from tdkt.movements.enums import DocumentKind, MilestoneKind, MovementKind, MovementLevel
from tdkt.movements.models import Movement
from tdkt.orgs.models import EmulationGroup, Unit
from tdkt.orgs.pickers import UnitField, UnitsField

DATE_HELP = _("dd/mm/yyyy")


def active_units():
    return Unit.objects.active().order_by("name")


class MovementFilterForm(forms.Form):
    level = forms.ChoiceField(label=_("launching level"), choices=[("", _("All"))] + MovementLevel.choices,
                              required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=[("", _("All"))] + MovementKind.choices, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100, required=False)


class MovementForm(forms.ModelForm):
    units = UnitsField(label=_("Units taking part"), queryset=Unit.objects.none(), required=False)
    groups = forms.ModelMultipleChoiceField(label=_("Clusters and blocks taking part"),
                                            queryset=EmulationGroup.objects.order_by("kind", "name"), required=False,
                                            widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Movement
        fields = ["name", "code", "level", "authority", "launching_unit", "kind", "start_date", "end_date",
                  "standing_unit", "target_scope", "scope", "objectives", "criteria", "source_note"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 4}), "criteria": forms.Textarea(attrs={"rows": 4}),
                   "name": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"start_date": DATE_HELP, "end_date": DATE_HELP,
                      "scope": _("Leave blank to derive it from the launching level and the participants.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = active_units()
        for name in ("launching_unit", "standing_unit"):
            model_field = self.fields[name]
            self.fields[name] = UnitField(label=model_field.label, required=model_field.required,
                                          help_text=model_field.help_text, queryset=active_units())
        if self.instance.pk:
            rows = list(self.instance.participants.values_list("unit_id", "group_id"))
            self.initial.setdefault("units", [u for u, _g in rows if u])
            self.initial.setdefault("groups", [g for _u, g in rows if g])


class PhaseForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255, help_text=_("For example “Giai đoạn 2026 - 2030”."))
    start_date = forms.DateField(label=_("start"), help_text=DATE_HELP)
    end_date = forms.DateField(label=_("end"), help_text=DATE_HELP)
    parent = forms.ModelChoiceField(label=_("part of"), queryset=None, required=False)

    def __init__(self, *args, movement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = movement.phases.filter(parent__isnull=True)


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=MilestoneKind.choices)
    on = forms.DateField(label=_("date"), help_text=DATE_HELP)
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("title"), max_length=500, required=False)
    file = forms.FileField(label=_("File"), help_text=_("PDF or Word (.docx)."))


def individual_titles():
    return AwardType.objects.filter(for_individual=True, category="title", active=True).order_by("sort_order", "code")


def collective_titles():
    return AwardType.objects.filter(for_collective=True, active=True).order_by("sort_order", "code")


class RegistrationForm(forms.Form):
    unit = UnitField(label=_("unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(label=_("movement"), queryset=Movement.objects.order_by("-start_date", "name"),
                                      required=False, empty_label=_("Year-round emulation"))
    collective_award = forms.ModelChoiceField(label=_("collective title aimed for"), queryset=None, required=False)
    targets = forms.CharField(label=_("targets"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, units, titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["collective_award"].queryset = collective_titles()
        self.titles = list(titles)
        for award in self.titles:
            self.fields[f"count_{award.pk}"] = forms.IntegerField(
                label=_("Number aiming for “%(title)s”") % {"title": award.name}, min_value=0, required=False)

    def items(self) -> dict:
        return {award: self.cleaned_data.get(f"count_{award.pk}") or 0 for award in self.titles}


class RegistrationImportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(label=_("movement"), queryset=Movement.objects.order_by("-start_date", "name"),
                                      required=False, empty_label=_("Year-round emulation"))
    file = forms.FileField(label=_("Excel file"), help_text=_("The template filled in (.xlsx)."))
    idempotency_key = KeyField(required=False)  # a resent form shows the first import's result


class RegistrationCallForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(label=_("movement"), queryset=Movement.objects.order_by("-start_date", "name"),
                                      required=False, empty_label=_("Year-round emulation"))
    opened_on = forms.DateField(label=_("date of the call"), required=False, help_text=DATE_HELP)
    working_days = forms.IntegerField(label=_("working days to register"), min_value=1, max_value=120,
                                      required=False, help_text=_("Counted from the date of the call on the "
                                                                  "province's working calendar."))
    due_on = forms.DateField(label=_("due date"), required=False,
                             help_text=_("dd/mm/yyyy; left empty when counted in working days"))
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class CovenantForm(forms.Form):
    signed_on = forms.DateField(label=_("signing date"), required=False, help_text=DATE_HELP)
    host_unit = forms.ModelChoiceField(label=_("host unit"), queryset=Unit.objects.none(), required=False,
                                       help_text=_("Empty: the head unit of the year."))
    content = forms.CharField(label=_("content"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    document = forms.FileField(label=_("signed document"), required=False, help_text=_("PDF or Word (.docx)."))

    def __init__(self, *args, group_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = [m.unit for m in sorted(group_year.memberships.all(), key=lambda m: m.pk)]
        self.fields["host_unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in self.members])
        for unit in self.members:
            self.fields[f"target_{unit.pk}"] = forms.CharField(
                label=_("Targets of %(unit)s") % {"unit": unit.name}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))

    def targets(self) -> dict:
        return {unit: self.cleaned_data.get(f"target_{unit.pk}", "") for unit in self.members}


class RotationForm(forms.Form):
    next_year = forms.IntegerField(label=_("Next year"), min_value=2000, max_value=2100)
    head = forms.ModelChoiceField(label=_("Head unit"), queryset=Unit.objects.none(), required=False,
                                  help_text=_("Empty: the default (this year's deputy)."))
    deputy = forms.ModelChoiceField(label=_("Deputy head unit"), queryset=Unit.objects.none(), required=False,
                                    help_text=_("Empty: the default (the next member in order)."))
    reason = forms.CharField(label=_("Reason for choosing otherwise than the default"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, group_year, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(group_memberships__group_year=group_year, dissolved_on__isnull=True).order_by("name")
        self.fields["head"].queryset = units
        self.fields["deputy"].queryset = units


class YearRotationForm(forms.Form):
    """All groups of a year on one screen: per group, rotate or not, and head / deputy / reason when the
    default is not followed (fields rotate_<id>, head_<id>, deputy_<id>, reason_<id>)."""

    next_year = forms.IntegerField(label=_("Next year"), min_value=2000, max_value=2100)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            key = row["group_year"].pk
            units = {unit.pk: unit for unit in row["units"]}
            choices = [("", _("(default)"))] + [(pk, unit.name) for pk, unit in units.items()]
            row["units_by_pk"] = units
            self.fields[f"rotate_{key}"] = forms.BooleanField(required=False, initial=not row["opened"],
                                                              label=row["group_year"].group.name)
            self.fields[f"head_{key}"] = forms.TypedChoiceField(choices=choices, coerce=int, empty_value=None,
                                                                required=False, label=_("Head unit"))
            self.fields[f"deputy_{key}"] = forms.TypedChoiceField(choices=choices, coerce=int, empty_value=None,
                                                                  required=False, label=_("Deputy head unit"))
            self.fields[f"reason_{key}"] = forms.CharField(required=False, max_length=1000, label=_("Reason"))
            row["fields"] = [self[f"rotate_{key}"], self[f"head_{key}"], self[f"deputy_{key}"],
                             self[f"reason_{key}"]]

    def choices(self):
        """(group_year, head unit or None, deputy unit or None, reason) of each group ticked for rotation."""
        data = self.cleaned_data
        picked = []
        for row in self.rows:
            key = row["group_year"].pk
            if data.get(f"rotate_{key}"):
                units = row["units_by_pk"]
                picked.append((row["group_year"], units.get(data.get(f"head_{key}")),
                               units.get(data.get(f"deputy_{key}")), data.get(f"reason_{key}", "")))
        return picked
