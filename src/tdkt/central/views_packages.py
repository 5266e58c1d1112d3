"""Document packages (provisional edXML mapping, tdkt.central.packages): the downloads of the decision, tờ trình
and notice pages, and the standing body's import page. Only the province's specialists send and receive
packages (tdkt.central.queries.check_manager: a unit's user gets a 404)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.accounts.access import signed_in
from tdkt.central import packages, queries
from tdkt.central.forms import PackageForm
from tdkt.central.models import IncomingPackage
from tdkt.decisions import queries as decision_queries
from tdkt.dossiers.postings import queries as posting_queries
from tdkt.lib.downloads import content_disposition
from tdkt.lib.feedback import error_messages


def _download(request, build, back):
    try:
        data, name = build()
    except ValidationError as exc:
        error_messages(request, exc)
        return redirect(back)
    response = HttpResponse(data, content_type=packages.ZIP_TYPE)
    response["Content-Disposition"] = content_disposition(name)
    return response


@signed_in
def decision_package(request, pk):
    queries.check_manager(request.user)
    decision = decision_queries.get_decision_for_user(request.user, pk)
    return _download(request, lambda: packages.decision_package(decision, decision_queries.all_lines(decision)),
                     decision.get_absolute_url())


@signed_in
def proposal_package(request, pk):
    proposal = queries.get_proposal_for_user(request.user, pk)
    return _download(request, lambda: packages.proposal_package(proposal), reverse("central:proposal", args=[proposal.pk]))


@signed_in
def notice_package(request, pk):
    queries.check_manager(request.user)
    notice = posting_queries.get_notice_for_staff(pk)
    return _download(request, lambda: packages.notice_package(notice), reverse("postings:manage", args=[notice.pk]))


@signed_in
def package_import(request):
    queries.check_manager(request.user)
    form = PackageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["package"]
        try:
            package = packages.import_package(upload.read(settings.EDXML_MAX_PACKAGE_BYTES + 1),
                                              name=upload.name or "", by=request.user)
        except ValidationError as exc:
            form.add_error("package", exc)
        else:
            messages.success(request, _("Package %(name)s is imported.") % {"name": package.original_name})
            return redirect("central:packages")
    incoming = IncomingPackage.objects.select_related("dossier", "decision__authority", "proposal__award_type",
                                                      "central_decision", "imported_by")[:100]
    return render(request, "central/packages.html", {"form": form, "incoming": incoming,
                                                     "format_label": packages.FORMAT_LABEL})
