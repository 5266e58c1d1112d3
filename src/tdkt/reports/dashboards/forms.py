from django import forms

from tdkt.reports.models import EquityTarget


class EquityTargetForm(forms.ModelForm):
    """A target for one measure from a statistical year; the same measure and year again replaces it."""

    class Meta:
        model = EquityTarget
        fields = ["measure", "from_year", "percent", "note"]

    def validate_unique(self):
        pass  # an existing (measure, year) is updated by services.set_target, not refused
