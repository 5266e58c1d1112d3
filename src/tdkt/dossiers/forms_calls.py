"""The form of a call for dossiers (views_calls)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.dossiers.models import DossierCall


class DossierCallForm(forms.ModelForm):
    class Meta:
        model = DossierCall
        fields = ["name", "year", "kind", "cut_off", "note"]
        help_texts = {"cut_off": _("dd/mm/yyyy; dossiers sent after this day need a written justification.")}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100."))
        return year
