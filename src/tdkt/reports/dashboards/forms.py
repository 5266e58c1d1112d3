from django import forms

from tdkt.reports.models import EquityTarget


class EquityTargetForm(forms.ModelForm):
    """A target for one measure from a statistical year; the same measure and year again replaces it."""

    class Meta:
        model = EquityTarget
        fields = ["measure", "from_year", "percent", "note"]

    def clean(self):
        data = super().clean()
        # The row of the same measure and year is the one being replaced: the uniqueness check must not refuse it.
        existing = EquityTarget.objects.filter(measure=data.get("measure"), from_year=data.get("from_year")).first()
        if existing is not None:
            self.instance = existing
        return data
