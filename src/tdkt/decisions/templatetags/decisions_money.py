"""{{ amount|vnd }}: VND with dots as thousands separators ("7.590.000"), whatever the locale settings."""

from django import template

from tdkt.decisions.money import vnd as format_vnd

register = template.Library()


@register.filter
def vnd(amount) -> str:
    try:
        return format_vnd(int(amount or 0))
    except (TypeError, ValueError):
        return ""
