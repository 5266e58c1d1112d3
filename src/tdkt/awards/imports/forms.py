"""Forms of the import wizard: upload, column mapping, review of a doubtful match."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.imports.columns import fields_of
from tdkt.awards.imports.models import ImportKind
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import UnitField

NEW_PERSON = "new"


class UnitUploadForm(forms.Form):
    """An upload that belongs to a unit: its `unit` field offers the units in `unit_ids` (None: all)."""

    def __init__(self, *args, unit_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.order_by("name")
        if unit_ids is not None:
            units = units.filter(pk__in=unit_ids)
        self.fields["unit"].queryset = units


class UploadForm(UnitUploadForm):
    kind = forms.ChoiceField(label=_("The file holds"), choices=ImportKind.choices)
    unit = UnitField(label=_("From the unit"), queryset=Unit.objects.none(),
                     help_text=_("Rows without a unit belong to this one."))
    file = forms.FileField(label=_("File (Excel .xlsx or CSV UTF-8)"))


class MappingForm(forms.Form):
    """One choice per field of the kind: which column holds it (or none)."""

    def __init__(self, *args, batch, **kwargs):
        super().__init__(*args, **kwargs)
        columns = [("", _("— not in the file —"))] + [(str(i), heading) for i, heading in enumerate(batch.header)]
        for field in fields_of(batch.kind):
            self.fields[field.name] = forms.ChoiceField(
                label=field.label, choices=columns, required=False,
                initial=str(batch.mapping[field.name]) if field.name in batch.mapping else "")

    def mapping(self) -> dict[str, int]:
        return {name: int(value) for name, value in self.cleaned_data.items() if value not in ("", None)}


class ReviewForm(forms.Form):
    choice = forms.ChoiceField(label=_("This row is about"), widget=forms.RadioSelect)

    def __init__(self, *args, row, **kwargs):
        super().__init__(*args, **kwargs)
        options = [(str(c["id"]), f"{c['name']} — {c['birth'] or '?'} — {c['unit']} (#{c['id']})")
                   for c in row.parsed.get("candidates", [])]
        self.fields["choice"].choices = options + [(NEW_PERSON, _("A new person (none of these)"))]

    def person_id(self) -> int | None:
        value = self.cleaned_data["choice"]
        return None if value == NEW_PERSON else int(value)
