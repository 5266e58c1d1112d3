"""`{% transition_buttons machine_name obj %}`: the actions the signed-in user may take on `obj` now,
generated from the machine's declaration (a page of its own when the transition has one)."""

from django import template
from django.urls import reverse

from tdkt.workflow.machine import machine as get_machine

register = template.Library()


@register.inclusion_tag("workflow/buttons.html", takes_context=True)
def transition_buttons(context, machine_name, obj, primary=""):
    machine = get_machine(machine_name)
    primary_names = set(primary.split()) if primary else set()
    buttons = []
    for item in machine.allowed(context["request"].user, obj):
        url = (reverse(item.form_url, args=[obj.pk]) if item.form_url
               else reverse(machine.action_url, args=[obj.pk, item.name]) if machine.action_url
               else reverse("workflow:act", args=[machine.name, obj.pk, item.name]))
        buttons.append({"name": item.name, "label": item.label, "url": url, "danger": item.danger,
                        "primary": item.name in primary_names})
    return {"buttons": buttons}
