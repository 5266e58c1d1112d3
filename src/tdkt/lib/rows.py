"""Helpers for the table rows written in Python instead of templates (the few tables with hundreds of rows
on one page: tdkt.dossiers.nominees.rendering, tdkt.dossiers.appraisal_rows)."""

from collections.abc import Callable

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

SAMPLE_ID = 987654321  # reversed once, then replaced by each row's id


def csrf_input(request) -> SafeString | str:
    """The hidden field {% csrf_token %} writes; nothing without a request, as the tag."""
    if request is None:
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))


def url_with_id(name: str) -> Callable[[int], str]:
    """pk -> the URL `name` of that object, reversed once (a reverse() per row weighed on a 300-row page)."""
    head, tail = reverse(name, args=[SAMPLE_ID]).split(str(SAMPLE_ID))
    return lambda pk: f"{head}{pk}{tail}"
