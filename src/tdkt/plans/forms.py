from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.orgs.models import Council, EmulationGroup, Unit
from tdkt.orgs.pickers import UnitField, UnitsField
from tdkt.plans.enums import DeadlineKind, Period, TaskKind, TaskState
from tdkt.plans.kinds import KIND_FIELDS


def active_units():
    return Unit.objects.active().order_by("name")


class PlanUploadForm(forms.Form):
    file = forms.FileField(label=_("Plan document"),
                           help_text=_("Word (.docx), PDF with a text layer, text (.txt, .md) or web page (.html)."))


class DraftRowForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    number = forms.CharField(label=_("Number as written"), max_length=16, required=False)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 5}))
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices)
    due_text = forms.CharField(label=_("Deadline as written"), max_length=255, required=False,
                               help_text=_("For example “Quý I/2026”, “Tháng 7/2026”, “Hàng tháng”. Empty: the end "
                                           "of the period."))
    kind = forms.ChoiceField(label=_("Kind"), choices=TaskKind.choices)


class DraftSplitForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    first = forms.CharField(label=_("First task"), widget=forms.Textarea(attrs={"rows": 5}))
    second = forms.CharField(label=_("Second task"), widget=forms.Textarea(attrs={"rows": 5}))


class DraftUnitForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    role = forms.ChoiceField(choices=[("lead", "lead"), ("coordinating", "coordinating")], widget=forms.HiddenInput)
    position = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    unit = UnitField(label=_("Unit in the registry"), queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()


class TaskUpdateForm(forms.Form):
    unit = UnitField(label=_("On behalf of"), queryset=Unit.objects.none(), required=False)
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("Evidence"), required=False,
                               help_text=_("PDF, Word, Excel or an image (JPEG, PNG)."))

    def __init__(self, *args, units=(), required_unit=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units]).order_by("name")
        self.fields["unit"].required = required_unit
        if len(units) == 1 and required_unit:
            self.fields["unit"].initial = units[0].pk


class TaskStateForm(forms.Form):
    state = forms.ChoiceField(label=_("New status"))
    completed_on = forms.DateField(label=_("Completed on"), required=False,
                                   help_text=_("For a task done: dd/mm/yyyy (today when empty)."))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, transitions=(), **kwargs):
        """`transitions`: the declared ones the user may take now (tdkt.plans.transitions.form_transitions)."""
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(item.target, TaskState(item.target).label) for item in transitions]


class TaskUnitResolveForm(forms.Form):
    unit = UnitField(label=_("Unit in the registry"), queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()


class TaskKindForm(forms.Form):
    """The kind and, below it, the fields of the chosen kind (all optional)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=TaskKind.choices, widget=forms.HiddenInput)

    def __init__(self, *args, kind=TaskKind.ORDINARY, data_initial=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        initial = data_initial or {}
        for field in KIND_FIELDS.get(kind, ()):
            name = f"data_{field.name}"
            if field.type == "date":
                self.fields[name] = forms.DateField(label=field.label, required=False)
            elif field.type == "int":
                self.fields[name] = forms.IntegerField(label=field.label, required=False, min_value=0)
            elif field.type == "units":
                self.fields[name] = UnitsField(label=field.label, required=False, queryset=active_units())
            elif field.type == "council":
                self.fields[name] = forms.ModelChoiceField(label=field.label, required=False,
                                                           queryset=Council.objects.order_by("name"))
            else:
                self.fields[name] = forms.CharField(label=field.label, required=False,
                                                    widget=forms.Textarea(attrs={"rows": 2}))
            if field.name in initial:
                self.fields[name].initial = initial[field.name]

    def kind_data(self) -> dict:
        data = {}
        for field in KIND_FIELDS.get(self.cleaned_data["kind"], ()) if self.cleaned_data["kind"] == self.kind else ():
            value = self.cleaned_data.get(f"data_{field.name}")
            if field.type == "units":
                value = [unit.pk for unit in value or []]
            elif field.type == "council":
                value = value.pk if value else None
            data[field.name] = value
        return data


class RequirementForm(forms.Form):
    deadline_kind = forms.ChoiceField(label=_("Deadline"), choices=DeadlineKind.choices,
                                      initial=DeadlineKind.WORKING_DAYS)
    due_on = forms.DateField(label=_("Due on"), required=False, help_text=_("dd/mm/yyyy"))
    working_days = forms.IntegerField(label=_("Working days after the plan is issued"), required=False, min_value=1)
    groups = forms.ModelMultipleChoiceField(label=_("Emulation groups (all their members)"), required=False,
                                            queryset=EmulationGroup.objects.none())
    units = UnitsField(label=_("Units"), required=False, queryset=Unit.objects.none())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    counted_from = forms.DateField(
        label=_("Count the working days from"), required=False,
        help_text=_("dd/mm/yyyy. The plan has no issue date: the deadline is counted from this date instead."))

    def __init__(self, *args, plan=None, counted_from_default=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None and plan.issued_on:
            del self.fields["counted_from"]  # asked for only when the plan has no issue date
        else:
            self.fields["counted_from"].initial = counted_from_default
        self.fields["groups"].queryset = EmulationGroup.objects.order_by("kind", "name")
        self.fields["units"].queryset = active_units()
        self.fields["groups"].widget.attrs["size"] = 8


class UnitPlanUploadForm(forms.Form):
    file = forms.FileField(label=_("The unit's plan"), help_text=_("PDF or Word (.docx)."))


def month_param(value: str | None, default):
    """(year, month) from "YYYY-MM", else the default date's."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            return year, month
    except ValueError:
        pass
    default = default or timezone.localdate()
    return default.year, default.month
