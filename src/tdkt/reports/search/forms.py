"""The history search form (GET). Its cleaned data are the criteria of tdkt.reports.search.filters; a background
export rebuilds the same form from the query string it was started with."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tdkt.awards.enums import AwardBasis, AwardLevel, AwardSource, RecipientKind
from tdkt.awards.models import AwardType
from tdkt.lib.forms import EARLIEST_YEAR, DateInput, PlainSelect
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import UnitField
from tdkt.people.enums import Gender, PersonGroup
from tdkt.people.groups import UNCLASSIFIED
from tdkt.reports.search.filters import ENTERPRISE, MINORITY

UNCLASSIFIED_CHOICE = "unclassified"
LATEST_YEAR = 2100
ANY = [("", _("(any)"))]


class HistorySearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the person, household head or collective"), required=False,
                           max_length=200)
    award_type = forms.ModelChoiceField(label=_("Title or form"), required=False, queryset=AwardType.objects.none(),
                                        empty_label=_("(any)"))
    level = forms.ChoiceField(label=_("Level"), required=False, choices=ANY + list(AwardLevel.choices))
    year = forms.IntegerField(label=_("Achievement year"), required=False)
    date_from = forms.DateField(label=_("Decided from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Decided to"), required=False, widget=DateInput())
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=64)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput())
    issuer = forms.CharField(label=_("Issuing authority"), required=False, max_length=255)
    unit = UnitField(label=_("Unit (with its sub-units and predecessors)"), required=False,
                     queryset=Unit.objects.none())
    group = forms.ChoiceField(label=_("Statistical group"), required=False,
                              choices=ANY + list(PersonGroup.choices) + [(UNCLASSIFIED_CHOICE, _("Not classified"))])
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=ANY + list(Gender.choices))
    ethnicity = forms.CharField(label=_("Ethnicity"), required=False, max_length=50,
                                help_text=_("An ethnicity as recorded (e.g. Tày), or tick “ethnic minority”."))
    minority = forms.BooleanField(label=_("Ethnic minority (not Kinh)"), required=False)
    areas = forms.MultipleChoiceField(label=_("Unit in a remote, border, especially difficult or ethnic-minority "
                                              "area (any of those ticked)"), required=False,
                                      widget=forms.CheckboxSelectMultiple, choices=[
                                          ("remote", _("remote area")), ("border", _("border area")),
                                          ("difficult", _("especially difficult area")),
                                          ("ethnic_area", _("ethnic minority area"))])
    recipient = forms.ChoiceField(label=_("Recipient"), required=False, choices=ANY + list(RecipientKind.choices) + [
        (ENTERPRISE, _("collective: enterprise"))])
    basis = forms.ChoiceField(label=_("Kind of commendation"), required=False, choices=ANY + list(AwardBasis.choices))
    source = forms.ChoiceField(label=_("Source"), required=False, choices=ANY + list(AwardSource.choices))

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # Django's own catalogue leaves this one untranslated
            field.error_messages["invalid_choice"] = _("This choice is not available.")
        self.fields["year"].error_messages["invalid"] = _("Enter the year in digits.")
        self.fields["award_type"].queryset = AwardType.objects.order_by("sort_order", "name")
        for field in self.fields.values():  # the selects written in Python: a template per option costs ~1 ms
            if type(field.widget) is forms.Select:
                field.widget = PlainSelect(choices=field.widget.choices)
        units = Unit.objects.order_by("name")
        if scope is not None and not scope.read_all:
            units = units.filter(pk__in=scope.readable_unit_ids)
        self.fields["unit"].queryset = units

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise ValidationError(_("The year must be between %(first)d and %(last)d.") % {
                "first": EARLIEST_YEAR, "last": LATEST_YEAR})
        return year

    def clean_group(self):
        group = self.cleaned_data.get("group")
        if not group:
            return None  # any group
        return UNCLASSIFIED if group == UNCLASSIFIED_CHOICE else group

    def clean_name(self):
        return " ".join((self.cleaned_data.get("name") or "").split())

    def clean(self):
        data = super().clean()
        for field in ("date_from", "date_to", "decision_date"):
            if data.get(field) and data[field].year < EARLIEST_YEAR:
                self.add_error(field, _("The date must be in %(year)d or later.") % {"year": EARLIEST_YEAR})
                data[field] = None
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end of the period is before its start."))
        if data.get("minority"):
            if data.get("ethnicity"):
                self.add_error("ethnicity", _("Give an ethnicity or tick “ethnic minority”, not both."))
            data["ethnicity"] = MINORITY
        return data

    def criteria(self) -> dict:
        """The cleaned values that filter (the search's criteria)."""
        criteria = {key: value for key, value in self.cleaned_data.items()
                    if key not in ("minority", "group") and value not in ("", [], False, None)}
        if self.cleaned_data.get("group") is not None:  # "" is a value here: "chưa phân loại"
            criteria["group"] = self.cleaned_data["group"]
        return criteria
