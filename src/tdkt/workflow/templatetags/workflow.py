"""`{% transition_buttons machine_name obj %}`: the actions the signed-in user may take on `obj` now,
generated from the machine's declaration: a link to a page of its own (`form_url`) or to the confirm page,
or a POST form drawn on the page (`one_click`, `inline_reason`) posting to the transition's own view
(`post_url`) or to the generic action view. `only` limits the buttons to some transitions' names."""

from django import template
from django.urls import reverse

from tdkt.workflow.actors import with_actor_roles as actor_roles
from tdkt.workflow.machine import machine as get_machine

register = template.Library()


def _action_url(machine, item, obj):
    if machine.action_url:
        return reverse(machine.action_url, args=[obj.pk, item.name])
    return reverse("workflow:act", args=[machine.name, obj.pk, item.name])


@register.inclusion_tag("workflow/buttons.html", takes_context=True)
def transition_buttons(context, machine_name, obj, primary="", only=""):
    machine = get_machine(machine_name)
    primary_names = set(primary.split()) if primary else set()
    only_names = set(only.split()) if only else None
    buttons = []
    for item in machine.allowed(context["request"].user, obj):
        if only_names is not None and item.name not in only_names:
            continue
        if item.shown_if is not None and not item.shown_if(obj):
            continue
        inline = not item.form_url and (item.one_click or item.inline_reason)
        if item.form_url:
            url = reverse(item.form_url, args=[obj.pk])
        elif inline and item.post_url:
            url = reverse(item.post_url, args=[obj.pk])
        else:
            url = _action_url(machine, item, obj)
        buttons.append({"name": item.name, "label": item.label, "url": url, "danger": item.danger,
                        "primary": item.primary or item.name in primary_names, "anchor": item.button_id,
                        "post": inline, "reason": inline and item.inline_reason and item.takes_reason,
                        "reason_required": item.reason_required, "reason_label": item.reason_label})
    return {"buttons": buttons, "csrf_token": context.get("csrf_token")}


@register.filter
def with_actor_roles(events, unit_id=None):
    """`{% for event in events|with_actor_roles:dossier.unit_id %}`: each event gets `actor_label`, the actor's
    name and role ("Nguyễn Văn An (Chuyên viên Sở Nội vụ)"), a role held in that unit first."""
    return actor_roles(events, (unit_id,) if unit_id else ())
