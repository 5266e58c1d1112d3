from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def coefficient(value):
    """A bonus coefficient without trailing zeros, Vietnamese style: 0,3 · 2,25 · 12 · "—" when none."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value)


