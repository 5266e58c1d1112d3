"""{% portal_chrome as chrome %}: the identity, the menu and the search text of a public page (base_portal.html).
A tag rather than a context processor: only public pages pay for it, and the other apps' public templates get
it by extending the layout."""

from django import template

from tdkt.portal import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_chrome(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    query = request.GET.get("q", "") if request is not None and view_name == "portal:search" else ""
    return chrome.identity() | {"menu": chrome.menu(view_name), "query": query[:100]}
