"""The header's search, the in-app user guide, the import templates and the "Giới thiệu" page."""

from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from tdkt.accounts.access import public, signed_in
from tdkt.core import guide, import_templates
from tdkt.core.search import search_everything
from tdkt.lib.downloads import send_export


@signed_in
def search(request):
    return render(request, "core/search.html", {"results": search_everything(request.user, request.GET.get("q", ""))})


def _guide(request, page):
    rendered = guide.render_page(page)
    if rendered is None:
        raise Http404
    return render(request, "core/guide.html", {"page": rendered, "is_index": page == guide.INDEX})


@public
def guide_index(request):
    return _guide(request, guide.INDEX)


@public
def guide_page(request, page):
    return _guide(request, page)


def _version() -> str:
    try:
        return version("tdkt")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0.1.0"


@public
def about(request):
    return render(request, "core/about.html", {
        "version": _version(), "support_name": settings.SUPPORT_NAME, "support_phone": settings.SUPPORT_PHONE,
        "support_email": settings.SUPPORT_EMAIL, "support_hours": settings.SUPPORT_HOURS,
        "source_url": settings.SOURCE_URL})


@signed_in
def import_template(request, layout):
    chosen = import_templates.LAYOUTS.get(layout)
    if chosen is None:
        raise Http404
    return send_export(lambda path: import_templates.write_template(path, chosen), chosen.filename)
