import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts import freshness, idle, services
from tdkt.accounts.access import public, signed_in
from tdkt.accounts.forms import SignInForm, TotpForm
from tdkt.accounts.middleware import SESSION_PENDING_SECOND_FACTOR

SESSION_ENROL_SECRET = "tdkt_totp_enrol_secret"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse_lazy("core:dashboard")


@public
def sign_in(request):
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = services.sign_in(request, form.cleaned_data["username"], form.cleaned_data["password"])
        if result.user is None:
            form.add_error(None, result.error)
            status = 429 if result.locked else 200  # the same for a known and an unknown user name
        else:
            login(request, result.user)
            if services.second_factor_required(result.user):
                request.session[SESSION_PENDING_SECOND_FACTOR] = True
                request.session["tdkt_next"] = str(_next_url(request))
                return redirect("accounts:second_factor")
            return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")},
                  status=status)


def second_factor(request):
    """Second sign-in step: enter a TOTP code, or enrol an authenticator app first."""
    if not request.session.get(SESSION_PENDING_SECOND_FACTOR):
        return redirect("core:dashboard")
    user = request.user
    enrolling = not user.has_second_factor
    secret = user.totp_secret if not enrolling else request.session.get(SESSION_ENROL_SECRET)
    if enrolling and not secret:
        secret = request.session[SESSION_ENROL_SECRET] = services.new_totp_secret()
    form = TotpForm(request.POST or None)
    if request.method == "POST" and (refusal := services.second_factor_locked(request, user)):
        return _back_to_sign_in(request, refusal)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        ok = (services.confirm_second_factor(user, secret, code, by=user) if enrolling
              else services.verify_totp(user, code))
        if ok:
            services.second_factor_passed(request, user)
            request.session.pop(SESSION_PENDING_SECOND_FACTOR, None)
            request.session.pop(SESSION_ENROL_SECRET, None)
            request.session.cycle_key()
            freshness.mark_verified(request)
            return redirect(request.session.pop("tdkt_next", None) or "core:dashboard")
        failure = services.second_factor_failed(request, user)
        if failure.user is None:
            return _back_to_sign_in(request, failure)
        form.add_error("code", _("The code is wrong or has expired."))
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        uri = services.provisioning_uri(user, secret)
        context.update(secret=secret, qr_svg=segno.make(uri).svg_inline(scale=4))
    return render(request, "accounts/second_factor.html", context)


def _back_to_sign_in(request, refusal):
    """The pair is locked: sign out the half-signed-in session; start again from the password once it ends."""
    logout(request)
    messages.error(request, refusal.error)
    return redirect("accounts:login")


second_factor.access = "signed_in"
second_factor.allowed_before_second_factor = True


@require_POST
def sign_out(request):
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("accounts:login")


sign_out.access = "public"


@public
def session_status(request):
    """The page asks how long its session has left; asking is not activity (it would never expire)."""
    idle.mark_passive(request)
    return JsonResponse(idle.status(request))


@signed_in
@require_POST
def session_renew(request):
    """"Continue working": a signed-in POST, activity like any other request, answered with the new time left."""
    idle.mark_active(request)
    return JsonResponse(idle.status(request))


session_renew.allowed_before_password_change = True


@signed_in
def password_change(request):
    view = auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("core:dashboard")
    )
    response = view(request)
    if request.method == "POST" and response.status_code == 302:
        services.record_password_change(request.user)
        messages.success(request, _("Your password has been changed."))
    elif request.user.must_change_password:
        messages.info(request, _("The password you were given is temporary: choose your own before you go on."))
    return response


password_change.allowed_before_password_change = True
