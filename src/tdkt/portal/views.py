"""Public pages: no sign-in, personal data limited to name, position and unit."""

from django.shortcuts import redirect, render

from tdkt.accounts.access import public
from tdkt.decisions.certificates.services import normalise_code, verify
from tdkt.decisions.documents import decision_filename
from tdkt.lib.downloads import send_stored
from tdkt.lib.paging import cheap_page
from tdkt.portal import home, queries
from tdkt.portal.search import search as portal_search

PDF_TYPE = "application/pdf"


@public
def index(request):
    return render(request, "portal/index.html", {"home": home.home_page()})


@public
def decisions(request):
    page = cheap_page(queries.published_decisions().order_by("-published_at", "-id"), request.GET.get("page"), 50)
    return render(request, "portal/decisions.html", {"page": page})


@public
def decision(request, pk):
    published = queries.get_published_decision(pk)
    lines = published.lines.select_related("award_type").only(
        "display_name", "position_and_unit", "group", "award_type__name", "award_type__short_name", "sort_order", "snapshot",
        "decision_id").order_by("group", "sort_order", "id")
    return render(request, "portal/decision.html", {"decision": published, "lines": lines,
                                                    "signatures": queries.signatures_of(published)})


@public
def decision_signed_pdf(request, pk):
    """The signed copy of a published decision (404 for any other decision, and when no file is stored)."""
    published = queries.get_published_decision(pk)
    return send_stored(published.signed_pdf, decision_filename(published, "pdf"), content_type=PDF_TYPE)


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


@public
def search(request):
    return render(request, "portal/search.html", {"results": portal_search(request.GET.get("q", ""))})


@public
def movements(request):
    page = cheap_page(queries.launched_movements().order_by("-start_date", "name"), request.GET.get("page"), 50)
    return render(request, "portal/movements.html", {"page": page})


@public
def movement(request, pk):
    launched = queries.get_launched_movement(pk)
    return render(request, "portal/movement.html", {
        "movement": launched, "phases": launched.phases.order_by("start_date", "end_date"),
        "milestones": launched.milestones.order_by("on", "id")})
