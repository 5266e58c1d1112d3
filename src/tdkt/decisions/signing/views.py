"""The signing pages: the signer signs on the server with the key it holds; or the hash-out / CMS-in pages, where
the văn thư (or the signer) gives the remote signer's certificate and gets the digest to sign, then uploads the
CMS the plug-in or the remote service returned."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.decisions import queries
from tdkt.decisions import rules as decision_rules
from tdkt.decisions.signing import rules, services
from tdkt.decisions.signing.forms import RemoteFinishForm, RemoteStartForm, ServerSignForm
from tdkt.decisions.signing.models import PendingSignature
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.uploads import UploadError


def _recordable(request, pk):
    """As the signed-copy page: another unit's decision is a 404, a decision not to be recorded by him a 403."""
    decision = queries.get_decision_for_user(request.user, pk)
    if not decision_rules.sees_everything(request.user, decision):
        raise Http404
    if not decision_rules.can_record_signed(request.user, decision):
        raise PermissionDenied
    return decision


@roles_required(*decision_rules.RECORDING_ROLES)
def remote_start(request, pk):
    decision = _recordable(request, pk)
    form = RemoteStartForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            pending = services.start_remote(decision, by=request.user, signing_cert=form.cleaned_data["certificate"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("signing:remote_finish", pk=pending.pk)
    return render(request, "decisions/form.html", {"decision": decision, "form": form, "multipart": True,
                                                   "title": _("Sign with a remote signer")})


@roles_required(*decision_rules.RECORDING_ROLES)
def remote_finish(request, pk):
    pending = get_object_or_404(PendingSignature.objects.only("id", "decision_id", "document_digest"), pk=pk)
    decision = _recordable(request, pending.decision_id)
    form = RemoteFinishForm(request.POST or None, request.FILES or None)
    form.fields["signature"].help_text = _("Digest to sign (SHA-256, hex): %(digest)s") % {
        "digest": pending.document_digest}
    if request.method == "POST" and form.is_valid():
        try:
            services.finish_remote(PendingSignature.objects.get(pk=pending.pk), form.cleaned_data["signature"],
                                   by=request.user, signed_on=form.cleaned_data["signed_on"])
        except UploadError as exc:
            form.add_error("signature", str(exc))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The decision is signed; its awards are in the history."))
            return redirect("decisions:detail", pk=decision.pk)
    return render(request, "decisions/form.html", {"decision": decision, "form": form, "multipart": True,
                                                   "title": _("Sign with a remote signer")})


@roles_required(*decision_rules.SIGNING_ROLES)
def sign_server(request, pk):
    """The signer signs the approved draft with the server's key (a confirm page with the decision's date)."""
    decision = queries.get_decision_for_user(request.user, pk)
    if not decision_rules.sees_everything(request.user, decision):
        raise Http404
    if not rules.can_sign_on_server(request.user, decision):
        raise PermissionDenied
    form = ServerSignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_on_server(decision, by=request.user, signed_on=form.cleaned_data["signed_on"])
        except UploadError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Decision %(number)s is signed digitally; its awards are in the history.") % {
                "number": decision.number_text})
            return redirect("decisions:detail", pk=decision.pk)
    return render(request, "decisions/form.html", {"decision": decision, "form": form,
                                                   "title": _("Sign with the server's certificate")})
