"""The portal's pages of exemplars: published ones only, no sign-in; a person is shown by name, unit and story
only (no personal data)."""

from django.shortcuts import render

from tdkt.accounts.access import public
from tdkt.exemplars import queries
from tdkt.exemplars.forms import PublicSearchForm
from tdkt.exemplars.views import photo_response
from tdkt.lib.paging import cheap_page

PER_PAGE = 20


@public
def public_list(request):
    form = PublicSearchForm(request.GET or None, years=queries.public_years())
    text, year = "", None
    if form.is_valid():
        text, year = form.cleaned_data["q"] or "", form.cleaned_data["year"]
    page = cheap_page(queries.public_search(text, year), request.GET.get("page"), PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "exemplars/public_list.html", {"form": form, "page": page, "query": query.urlencode(),
                                                          "searched": bool(text or year)})


@public
def public_detail(request, pk):
    exemplar = queries.get_public_exemplar(pk)
    return render(request, "exemplars/public_detail.html", {"exemplar": exemplar,
                                                            "awards": queries.linked_awards(exemplar)})


@public
def public_photo(request, pk):
    response = photo_response(queries.get_public_exemplar(pk))
    response["Cache-Control"] = "public, max-age=86400"
    return response
