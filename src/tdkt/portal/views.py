"""Public pages: no sign-in, personal data limited to name, position and unit."""

from django.shortcuts import get_object_or_404, redirect, render

from tdkt.accounts.access import public
from tdkt.decisions.certificates.services import normalise_code, verify
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision
from tdkt.lib.paging import cheap_page

PUBLISHED = Decision.objects.filter(state=DecisionState.PUBLISHED).select_related("authority", "award_type")


@public
def index(request):
    return render(request, "portal/index.html", {"latest": PUBLISHED.order_by("-published_at", "-id")[:10]})


@public
def decisions(request):
    page = cheap_page(PUBLISHED.order_by("-published_at", "-id"), request.GET.get("page"), 50)
    return render(request, "portal/decisions.html", {"page": page})


@public
def decision(request, pk):
    published = get_object_or_404(PUBLISHED, pk=pk)
    lines = published.lines.select_related("award_type").only(
        "display_name", "position_and_unit", "group", "award_type__name", "award_type__short_name", "sort_order", "snapshot",
        "decision_id").order_by("group", "sort_order", "id")
    return render(request, "portal/decision.html", {"decision": published, "lines": lines})


@public
def verify_form(request):
    code = request.GET.get("code", "").strip()
    if code:
        return redirect("portal:verify_code", code=normalise_code(code) or "-")
    return render(request, "portal/verify.html", {"result": None})


@public
def verify_code(request, code):
    result = verify(code)
    return render(request, "portal/verify.html", {"result": result, "code": code},
                  status=200 if result.status == "genuine" else 404 if result.status == "unknown" else 200)
