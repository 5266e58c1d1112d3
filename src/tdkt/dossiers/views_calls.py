"""Calls for dossiers: the list (units see the open ones with their working days left and whether they
sent a dossier), and the specialists' screens to create, edit, close and reopen a call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required, signed_in
from tdkt.dossiers import calls
from tdkt.dossiers.forms_calls import DossierCallForm
from tdkt.dossiers.models import DossierCall
from tdkt.workcalendar import rules

FIELDS = ("name", "year", "kind", "cut_off", "note")


@signed_in
def call_list(request):
    today = timezone.localdate()
    can_edit = rules.can_edit(request.user)
    closed = list(DossierCall.objects.filter(is_open=False).order_by("-cut_off", "-id")[:50]) if can_edit else []
    return render(request, "dossiers/calls.html", {
        "open_calls": calls.open_calls_for(request.user, today), "closed_calls": closed, "can_edit": can_edit,
        "today": today})


@roles_required(*rules.EDITORS)
def call_create(request):
    form = DossierCallForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        call = calls.create_call(by=request.user, **{name: form.cleaned_data[name] for name in FIELDS})
        messages.success(request, _("The call “%(name)s” is open.") % {"name": call.name})
        return redirect("dossier_calls:calls")
    return render(request, "dossiers/call_form.html", {"form": form, "call": None})


@roles_required(*rules.EDITORS)
def call_edit(request, pk):
    call = get_object_or_404(DossierCall, pk=pk)
    form = DossierCallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        calls.update_call(call, by=request.user, **{name: form.cleaned_data[name] for name in FIELDS})
        messages.success(request, _("The call “%(name)s” has been saved.") % {"name": call.name})
        return redirect("dossier_calls:calls")
    return render(request, "dossiers/call_form.html", {"form": form, "call": call})


@roles_required(*rules.EDITORS)
@require_POST
def call_set_open(request, pk):
    call = get_object_or_404(DossierCall, pk=pk)
    is_open = request.POST.get("open") == "1"
    try:
        calls.set_call_open(call, by=request.user, is_open=is_open)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, (_("The call “%(name)s” is open again.") if is_open
                                   else _("The call “%(name)s” is closed.")) % {"name": call.name})
    return redirect("dossier_calls:calls")
