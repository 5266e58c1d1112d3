from django import template

from tdkt.movements.scoring.sheets import format_points

register = template.Library()


@register.filter
def points(value) -> str:
    """Points with the Vietnamese decimal comma and no grouping: 12,5 · -2 · 100."""
    if value is None or value == "":
        return ""
    return format_points(value)
