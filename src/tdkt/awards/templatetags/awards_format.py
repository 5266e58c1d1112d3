from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext_lazy

register = template.Library()


@register.filter
def coefficient(value):
    """A bonus coefficient without trailing zeros, Vietnamese style: 0,3 · 2,25 · 12 · "—" when none."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value)


# The engine's verdict codes as people read them (the JSON of check_eligibility keeps the codes).
VERDICT_LABELS = {
    "eligible": gettext_lazy("Eligible"),
    "ineligible": gettext_lazy("Not eligible"),
    "needs_review": gettext_lazy("For the council"),
    "on_hold": gettext_lazy("On hold"),
}


@register.filter
def verdict_label(snapshot):
    """The label of a stored eligibility snapshot's verdict (or of a bare verdict code); "" when none."""
    code = snapshot.get("verdict") if isinstance(snapshot, dict) else snapshot
    return VERDICT_LABELS.get(code, "") if code else ""
