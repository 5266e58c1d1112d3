from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardType
from tdkt.decisions.certificates.render import FIELD_LABELS, PAPER_MM, FieldBox, Layout, layout_from_config
from tdkt.orgs.models import IssuingAuthority

ALIGNS = [("C", _("centre")), ("L", _("left")), ("R", _("right"))]
ORIENTATION_CHOICES = [("L", _("landscape")), ("P", _("portrait"))]


class TemplateForm(forms.Form):
    """The template's name and paper, then one row per field: shown or not, position, width, size, style."""

    name = forms.CharField(label=_("Name"), max_length=255)
    award_types = forms.ModelMultipleChoiceField(label=_("Used for"), required=False,
                                                 queryset=AwardType.objects.filter(active=True))
    authority = forms.ModelChoiceField(label=_("Issuing authority"), required=False,
                                       queryset=IssuingAuthority.objects.filter(active=True),
                                       empty_label=_("(every authority)"))
    paper = forms.ChoiceField(label=_("Paper"), choices=[(key, key) for key in PAPER_MM])
    orientation = forms.ChoiceField(label=_("Orientation"), choices=ORIENTATION_CHOICES)
    preprinted = forms.BooleanField(label=_("Print onto the pre-printed blank (fields only)"),
                                    required=False)
    is_default = forms.BooleanField(label=_("Default template"), required=False)
    qr_x_mm = forms.FloatField(label=_("QR code: from the left (mm)"), min_value=0)
    qr_y_mm = forms.FloatField(label=_("QR code: from the top (mm)"), min_value=0)
    qr_size_mm = forms.FloatField(label=_("QR code: size (mm)"), min_value=0, max_value=80)

    def __init__(self, *args, config=None, **kwargs):
        super().__init__(*args, **kwargs)
        layout = layout_from_config(config) if config else None
        placed = {box.key: box for box in layout.fields} if layout else {}
        self.field_rows = []
        for key, label in FIELD_LABELS.items():
            box = placed.get(key)
            prefix = f"f_{key}_"
            self.fields[prefix + "on"] = forms.BooleanField(label=label, required=False, initial=box is not None)
            self.fields[prefix + "x"] = forms.FloatField(min_value=0, initial=box.x_mm if box else 30, label=_("x (mm)"))
            self.fields[prefix + "y"] = forms.FloatField(min_value=0, initial=box.y_mm if box else 30, label=_("y (mm)"))
            self.fields[prefix + "w"] = forms.FloatField(min_value=5, initial=box.width_mm if box else 100,
                                                         label=_("width (mm)"))
            self.fields[prefix + "size"] = forms.FloatField(min_value=6, max_value=72,
                                                            initial=box.size_pt if box else 14, label=_("size (pt)"))
            self.fields[prefix + "bold"] = forms.BooleanField(required=False, initial=bool(box and box.bold),
                                                              label=_("bold"))
            self.fields[prefix + "italic"] = forms.BooleanField(required=False, initial=bool(box and box.italic),
                                                                label=_("italic"))
            self.fields[prefix + "align"] = forms.ChoiceField(choices=ALIGNS, initial=box.align if box else "C",
                                                              label=_("alignment"))
            self.field_rows.append((label, [self[prefix + name] for name in
                                            ("on", "x", "y", "w", "size", "bold", "italic", "align")]))

    def clean(self):
        data = super().clean()
        paper = data.get("paper") or "A4"
        width, height = Layout(paper=paper, orientation=data.get("orientation") or "L").size
        for key, label in FIELD_LABELS.items():
            prefix = f"f_{key}_"
            if not data.get(prefix + "on"):
                continue
            x, y, w = data.get(prefix + "x"), data.get(prefix + "y"), data.get(prefix + "w")
            if None not in (x, y, w) and (x + w > width or y > height):
                self.add_error(prefix + "x", _("“%(field)s” falls outside the %(paper)s sheet (%(width)s × %(height)s mm).")
                               % {"field": label, "paper": paper, "width": width, "height": height})
        return data

    def layout(self) -> Layout:
        data = self.cleaned_data
        boxes = tuple(
            FieldBox(key, data[f"f_{key}_x"], data[f"f_{key}_y"], data[f"f_{key}_w"], data[f"f_{key}_size"],
                     bold=data[f"f_{key}_bold"], italic=data[f"f_{key}_italic"], align=data[f"f_{key}_align"],
                     uppercase=key in {"issuer_line", "award_title", "verb", "signer_title"})
            for key in FIELD_LABELS if data.get(f"f_{key}_on"))
        return Layout(paper=data["paper"], orientation=data["orientation"], preprinted=data["preprinted"],
                      fields=boxes, qr_x_mm=data["qr_x_mm"],
                      qr_y_mm=data["qr_y_mm"], qr_size_mm=data["qr_size_mm"])
