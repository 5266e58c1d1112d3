"""Delegations of sending (ủy quyền gửi hồ sơ): the unit's leader gives a named clerk the right to approve and
send the unit's dossiers for a period, and revokes it; clerks see the delegations given to them. Each view
calls one function of tdkt.dossiers.delegations; another unit's delegation is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import Role
from tdkt.dossiers import delegations
from tdkt.dossiers.forms_delegations import DelegationForm
from tdkt.lib.forms import apply_validation_error
from tdkt.orgs.models import Unit

UNIT_PEOPLE = (Role.UNIT_LEADER, Role.UNIT_CLERK)


def _status(item, today) -> str:
    if item.revoked_at:
        return _("Revoked")
    if item.valid_to < today:
        return _("Over")
    if item.valid_from > today:
        return _("Not yet begun")
    return _("In force")


@roles_required(*UNIT_PEOPLE)
def delegation_list(request):
    """The delegations the user gives or holds, with who gave and revoked each and when; the leader's form."""
    today = timezone.localdate()
    led = delegations.led_unit_ids(request.user)
    form = None
    if led:
        form = DelegationForm(request.POST or None, units=Unit.objects.filter(pk__in=led).order_by("name"),
                              clerks=delegations.unit_clerks_for(led))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                delegation = delegations.delegate_sending(
                    unit=data["unit"], clerk=data["clerk"], valid_from=data["valid_from"], valid_to=data["valid_to"],
                    note=data["note"], by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                apply_validation_error(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
            else:
                messages.success(request, _("%(name)s may approve and send the dossiers of “%(unit)s” from %(start)s "
                                            "to %(end)s.") % {
                    "name": delegations.person_name(delegation.clerk), "unit": delegation.unit,
                    "start": delegation.valid_from.strftime("%d/%m/%Y"),
                    "end": delegation.valid_to.strftime("%d/%m/%Y")})
                return redirect("dossiers:delegations")
    elif request.method == "POST":
        raise PermissionDenied
    rows = list(delegations.delegations_for_user(request.user))
    revoked = delegations.revocations(rows)
    for item in rows:
        item.period_status = _status(item, today)
        item.revocation = revoked.get(item.pk)
        item.may_revoke = item.unit_id in led and not item.revoked_at and item.valid_to >= today
    return render(request, "dossiers/delegations.html", {"rows": rows, "form": form, "today": today})


@roles_required(*UNIT_PEOPLE)
def delegation_revoke(request, pk):
    """Confirm, then revoke (the leader of the delegation's unit only)."""
    delegation = delegations.get_delegation_for_user(request.user, pk)
    if not delegations.leads_unit(request.user, delegation.unit_id):
        raise PermissionDenied
    if request.method == "POST":
        try:
            delegations.revoke_delegation(delegation, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))
        else:
            messages.success(request, _("The delegation to %(name)s is revoked.") % {
                "name": delegations.person_name(delegation.clerk)})
        return redirect("dossiers:delegations")
    return render(request, "dossiers/delegation_revoke.html", {"delegation": delegation})
