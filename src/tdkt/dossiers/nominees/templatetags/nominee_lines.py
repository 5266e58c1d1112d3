"""`{% line_rows %}`: the rows of the lines panel, written by tdkt.dossiers.nominees.rendering (see why there)."""

from django import template

from tdkt.dossiers.nominees.rendering import line_rows_html

register = template.Library()


@register.simple_tag(takes_context=True)
def line_rows(context):
    return line_rows_html(context.get("line_rows_shown", context["line_rows"]), context.get("request"), personal=context["lines_any_personal"],
                          returned=context["lines_returned"], can_edit=context["lines_can_edit"])
