"""The generated action page of every declared transition: confirm (with a reason when the transition
takes one), perform through the machine, go back to the object. Refusals are shown on the same form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import signed_in
from tdkt.lib.forms import apply_validation_error
from tdkt.workflow.forms import transition_form
from tdkt.workflow.machine import MACHINES


@signed_in
def act(request, machine_name, pk, name):
    machine = MACHINES.get(machine_name)
    if machine is None or machine.get_for_user is None:
        raise Http404
    try:
        item = machine[name]
    except KeyError:
        raise Http404 from None
    if item.form_url:  # a step with a page of its own
        raise Http404
    return transition_page(request, machine, machine.get_for_user(request.user, pk), item)


def transition_page(request, machine, obj, item, *, template="workflow/act.html", done_message=None,
                    context=None):
    """Confirm and perform `item` on `obj` (refusals shown on the same form), then go back to the object.
    The generic page and an app's own confirm page (the dossier's) share it."""
    if not machine.acts_as(request.user, obj, item.actor):
        raise PermissionDenied
    form = transition_form(item, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            machine.run(obj, item.name, by=request.user, reason=form.cleaned_data.get("reason", ""))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            state = machine.state_label(machine.state_of(obj))
            messages.success(request, (done_message or _("Done: it is now “%(state)s”.")) % {"state": state})
            return redirect(obj.get_absolute_url())
    return render(request, template, {
        "object": obj, "machine": machine, "transition": item, "form": form,
        "state": machine.state_label(machine.state_of(obj)), "allowed": machine.state_of(obj) in item.sources,
        **(context or {})})
