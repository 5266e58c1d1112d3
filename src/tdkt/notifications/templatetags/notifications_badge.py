"""The unread count for the top bar, without a context processor (settings are shared):

    {% load notifications_badge %}
    <a href="{% url 'notifications:list' %}">{% translate "Notifications" %}{% unread_badge %}</a>

renders ` <span class="badge unread" data-unread="3">3</span>` (nothing when all are read, or for an
anonymous user). One COUNT query per page."""

from django import template
from django.utils.html import format_html

from tdkt.notifications.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_badge(context):
    request = context.get("request")
    count = unread_count(getattr(request, "user", None) or context.get("user"))
    if not count:
        return ""
    return format_html(' <span class="badge unread" data-unread="{}">{}</span>', count, count)
