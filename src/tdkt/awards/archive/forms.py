"""Forms of the archive wizard: upload of many files, a document's header, the settling of a line."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.archive.models import ArchivedDocument
from tdkt.awards.imports.forms import UnitUploadForm
from tdkt.orgs.models import IssuingAuthority, Unit
from tdkt.orgs.pickers import UnitField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input: the cleaned value is the list of them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.txt,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(UnitUploadForm):
    unit = UnitField(label=_("Whose archive"), queryset=Unit.objects.none(),
                     help_text=_("Persons are matched among this unit, its sub-units and the units "
                                 "they replaced."))
    files = MultipleFileField(label=_("Files (PDF, scans, Word .docx, text .txt, images)"))


class HeaderForm(forms.ModelForm):
    class Meta:
        model = ArchivedDocument
        fields = ["number", "date", "issuing_authority", "year", "scope"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_authority"].queryset = IssuingAuthority.objects.filter(active=True).order_by("name")
        self.fields["number"].required = True
        self.fields["year"].required = True
        if self.instance.recognises_initiatives:
            self.fields["scope"].required = True
        else:
            del self.fields["scope"]  # an award decision has no scope of effect


class LineForm(forms.Form):
    """"link:<pk>" (one of the line's candidates), "create" or "drop"."""

    choice = forms.CharField(max_length=32)
