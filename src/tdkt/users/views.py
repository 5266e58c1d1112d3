"""/users/: the users and roles screen (Người dùng) of the standing body, the administrators and unit leaders.

Every view reaches accounts through tdkt.accounts.user_rules (another unit's account is a 404) and writes
through tdkt.accounts.user_admin (checked, audited). A temporary password is drawn into the answer of the POST
that chose it, once: it is never stored in the session or a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts import user_admin
from tdkt.accounts.access import roles_required
from tdkt.accounts.models import Membership
from tdkt.accounts.user_rules import MANAGER_ROLES, get_user_for_manager, managed_users, manager_for
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.lib.downloads import send_export
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.orgs.pickers import UnitFilterForm
from tdkt.users import queries
from tdkt.users.forms import EndMembershipForm, MembershipForm, UserCreateForm, UserDetailsForm, UserFilterForm

PER_PAGE = 50
managers_only = roles_required(*MANAGER_ROLES)


def _filters(request):
    """The list's filter forms and what they chose; a unit outside the manager's reach is refused by the
    picker's queryset (its message), never shown."""
    form = UserFilterForm(request.GET or None)
    units = queries.manageable_units(request.user)
    unit_form = UnitFilterForm(request.GET or None, units=units)
    unit = unit_form.typed_unit() or (unit_form.cleaned_data.get("unit") if unit_form.is_valid() else None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = queries.Filters(query=data.get("q", ""), unit=unit, role=data.get("role", ""),
                              active=data.get("active", ""))
    return form, unit_form, filters


@managers_only
def user_list(request):
    form, unit_form, filters = _filters(request)
    users = queries.filtered_users(request.user, filters).prefetch_related(queries.memberships_prefetch())
    page = cheap_page(users, request.GET.get("page"), PER_PAGE)
    for user in page:
        user.roles_today = [m for m in user.memberships.all() if queries.is_current(m)]
    return render(request, "users/list.html", {"form": form, "unit_form": unit_form, "page": page})


@managers_only
def user_export(request):
    _form, _unit_form, filters = _filters(request)
    users = queries.filtered_users(request.user, filters)
    written = []
    response = send_export(lambda path: written.append(queries.write_users_xlsx(path, users)), "nguoi-dung.xlsx")
    record(request.user, AuditAction.EXPORT, object_type="accounts.user", object_repr=_("Users"),
           changes={"rows": written[0] if written else 0, "query": filters.query})
    return response


@managers_only
def user_detail(request, pk):
    user = get_user_for_manager(request.user, pk)
    memberships = list(user.memberships.select_related("unit", "council", "emulation_group")
                       .order_by("-valid_to", "role", "pk"))
    user._prefetched_objects_cache = {"memberships": memberships}  # the history reads the same rows
    return render(request, "users/detail.html", {
        "account": user, "memberships": memberships, "is_self": user.pk == request.user.pk,
        "current_ids": {m.pk for m in memberships if queries.is_current(m)}, "locked": user_admin.is_locked(user),
        "failures": user_admin.failed_sign_ins(user), "history": queries.history(user),
        "may_grant": manager_for(request.user).may_manage})


def _saved_or_form(request, form, save, template, context):
    """Run `save(cleaned_data)`; its ValidationError lands on the fields it names (nothing is half-saved)."""
    if request.method == "POST" and form.is_valid():
        try:
            return save(form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
    return render(request, template, {"form": form, **context})


@managers_only
def user_create(request):
    units = queries.manageable_units(request.user)
    form = UserCreateForm(request.POST or None, actor=request.user, units=units)

    def save(data):
        user, password = user_admin.create_user(by=request.user, **data)
        return render(request, "users/password_shown.html", {"account": user, "password": password, "created": True})

    return _saved_or_form(request, form, save, "users/form.html", {"title": _("New user")})


@managers_only
def user_edit(request, pk):
    user = get_user_for_manager(request.user, pk)
    form = UserDetailsForm(request.POST or None, initial={"full_name": user.full_name, "email": user.email,
                                                          "phone": user.phone})

    def save(data):
        user_admin.update_user(user, by=request.user, **data)
        messages.success(request, _("The changes have been saved."))
        return redirect("users:detail", pk=user.pk)

    return _saved_or_form(request, form, save, "users/form.html", {"title": user.get_full_name(), "account": user})


@managers_only
def membership_add(request, pk):
    user = get_user_for_manager(request.user, pk)
    form = MembershipForm(request.POST or None, actor=request.user, units=queries.manageable_units(request.user),
                          province_wide=manager_for(request.user).province_wide)

    def save(data):
        user_admin.add_membership(user, by=request.user, **data)
        messages.success(request, _("The role has been given."))
        return redirect("users:detail", pk=user.pk)

    return _saved_or_form(request, form, save, "users/form.html", {"title": _("Give a role"), "account": user})


@managers_only
def membership_end(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("unit", "user"), pk=pk,
                                   user__in=managed_users(request.user))
    form = EndMembershipForm(request.POST or None)

    def save(data):
        user_admin.end_membership(membership, by=request.user, on=data["on"])
        messages.success(request, _("The role has been ended."))
        return redirect("users:detail", pk=membership.user_id)

    return _saved_or_form(request, form, save, "users/confirm.html", {
        "account": membership.user, "membership": membership, "action_title": _("End the role"),
        "explanation": _("%(role)s in %(unit)s ends; it stays in the account's history.")
        % {"role": membership.get_role_display(), "unit": membership.unit.name}})


# action slug -> (title, explanation, function(user, by) -> temporary password or None, message after)
ACTIONS = {
    "deactivate": (gettext_lazy("Deactivate the account"),
                   gettext_lazy("The person can no longer sign in; a session open now ends at its next page. "
                                "The account and its history are kept and can be reactivated."),
                   lambda user, by: user_admin.set_active(user, by=by, active=False),
                   gettext_lazy("The account has been deactivated.")),
    "reactivate": (gettext_lazy("Reactivate the account"),
                   gettext_lazy("The person can sign in again with the roles still valid."),
                   lambda user, by: user_admin.set_active(user, by=by, active=True),
                   gettext_lazy("The account has been reactivated.")),
    "reset-password": (gettext_lazy("Reset the password"),
                       gettext_lazy("A temporary password is shown once, on the next page. Give it to the person "
                                    "in person or by telephone; the person must choose a new one at the first "
                                    "sign-in. The current password stops working at once."),
                       lambda user, by: user_admin.reset_password(user, by=by), None),
    "reset-second-factor": (gettext_lazy("Reset the authenticator"),
                            gettext_lazy("For a lost or replaced phone: the authenticator app registered for this "
                                         "account stops working, and the person registers a new one at the next "
                                         "sign-in."),
                            lambda user, by: user_admin.reset_second_factor(user, by=by),
                            gettext_lazy("The authenticator has been reset.")),
    "unlock": (gettext_lazy("Unlock the sign-in"),
               gettext_lazy("Failed sign-ins of this account are forgotten from every address: the person can "
                            "try again at once."),
               lambda user, by: user_admin.unlock(user, by=by), gettext_lazy("The sign-in has been unlocked.")),
}


@managers_only
def user_action(request, pk, action):
    """Confirm (GET), then do (POST) one of ACTIONS; a reset password is shown in the answer, once."""
    if action not in ACTIONS:
        raise Http404
    user = get_user_for_manager(request.user, pk)
    title, explanation, act, done = ACTIONS[action]
    error = ""
    if request.method == "POST":
        try:
            result = act(user, request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if action == "reset-password":
                return render(request, "users/password_shown.html", {"account": user, "password": result})
            messages.success(request, str(done))
            return redirect("users:detail", pk=user.pk)
    return render(request, "users/confirm.html", {"account": user, "action_title": title,
                                                  "explanation": explanation, "error": error, "form": None})
