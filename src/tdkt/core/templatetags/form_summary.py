"""`{% error_summary form [other forms or formsets…] %}`: at the top of a form, "Có N lỗi cần sửa:" and one
link per error to its field, for forms that failed validation; app.js moves the focus to it when the page
loads, so that a keyboard or screen-reader user starts where the problems are listed (GOV.UK's pattern)."""

from django import template

register = template.Library()


def _forms(items):
    for item in items:
        if item is None or item == "":
            continue
        if hasattr(item, "forms"):  # a formset: its own errors, then each row's
            yield from _non_form(item)
            yield from item.forms
        else:
            yield item


def _non_form(formset):
    class _Errors:  # the formset's own errors shown like a form's non-field errors
        fields: dict = {}
        is_bound = True

        def __init__(self, errors):
            self.errors = {"__all__": errors} if errors else {}

        def __getitem__(self, name):
            raise KeyError(name)
    try:
        errors = list(formset.non_form_errors())
    except (AttributeError, ValueError):
        errors = []
    return [_Errors(errors)] if errors else []


def error_links(*items) -> list[dict]:
    """[{"href": "#id" or "", "label": field label or "", "message": text}] over every error of the forms."""
    links = []
    for form in _forms(items):
        if not getattr(form, "is_bound", False):
            continue
        for name, errors in form.errors.items():
            field = form.fields.get(name) if name != "__all__" else None
            href = label = ""
            if field is not None:
                bound = form[name]
                href = "#" + (bound.id_for_label or bound.auto_id or name)
                label = bound.label
            for message in errors:
                links.append({"href": href, "label": label, "message": message})
    return links


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*items):
    links = error_links(*items)
    return {"links": links, "count": len(links)}
