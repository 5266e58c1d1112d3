"""Forms of the news pages; the services check everything again."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.lib.forms import DateInput
from tdkt.lib.images import MAX_UPLOAD_BYTES, limit_text
from tdkt.news.models import DEFAULT_PER_QUARTER
from tdkt.orgs.models import EmulationGroup
from tdkt.orgs.pickers import UnitField, UnitsField


class ArticleForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("news article", "Title"), max_length=300)
    summary = forms.CharField(label=pgettext_lazy("news article", "Summary"), max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Two or three sentences shown in the list of news."))
    body = forms.CharField(label=pgettext_lazy("news article", "Body"), widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("Plain text: leave an empty line between paragraphs."))
    unit = UnitField(label=_("Author unit"))
    photo = forms.FileField(label=_("Photo"), required=False)
    photo_description = forms.CharField(label=_("Photo description"), max_length=300, required=False,
                                        help_text=_("What the photo shows, in a few words (read out to blind visitors)."))

    def __init__(self, *args, units, with_unit=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["photo"].help_text = limit_text()
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png"
        if not with_unit:  # an existing article keeps its unit
            del self.fields["unit"]

    def photo_bytes(self) -> bytes | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        # read one byte more than the limit: publishable_image names the size; a larger file is not read whole
        return upload.read(MAX_UPLOAD_BYTES + 1)


class ApproveForm(forms.Form):
    publish_on = forms.DateField(label=_("Publication date"), widget=DateInput())
    publish_time = forms.TimeField(label=_("Publication time (hh:mm)"), widget=forms.TimeInput(format="%H:%M"))

    def publish_at(self) -> datetime.datetime:
        moment = datetime.datetime.combine(self.cleaned_data["publish_on"], self.cleaned_data["publish_time"])
        return timezone.make_aware(moment, timezone.get_current_timezone())


class TrackerForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2999)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int,
                                     choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")])


class AskForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2999)
    per_quarter = forms.IntegerField(label=_("Number per quarter"), min_value=1, max_value=50,
                                     initial=DEFAULT_PER_QUARTER,
                                     help_text=_("News items or exemplars each unit sends every quarter, as the plan "
                                                 "asks."))
    units = UnitsField(label=_("Units asked"), required=False)
    group = forms.ModelChoiceField(label=_("Or every member of an emulation group"), required=False,
                                   queryset=EmulationGroup.objects.order_by("name"))
    note = forms.CharField(label=_("Basis (plan)"), max_length=500, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
