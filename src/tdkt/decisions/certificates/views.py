from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required
from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.decisions import rules as decision_rules
from tdkt.decisions.certificates import services
from tdkt.decisions.certificates.forms import TemplateForm
from tdkt.decisions.certificates.models import Certificate, CertificateTemplate
from tdkt.decisions.certificates.render import default_layout, layout_from_config, layout_to_config
from tdkt.decisions.enums import LineKind
from tdkt.decisions.models import Decision
from tdkt.orgs.enums import CENTRAL_AUTHORITY_KINDS
from tdkt.orgs.models import IssuingAuthority

FULL = ("line__decision__authority", "line__award_type", "template")


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _managed_decision(request, pk):
    """The decision's certificates are issued and printed by those who manage its authority's decisions (a unit's
    officers for its own, the province's specialists for the province's); anyone else gets a 404."""
    decision = get_object_or_404(Decision.objects.select_related("authority", "award_type"), pk=pk)
    if not decision_rules.manages(request.user, decision):
        raise Http404
    return decision


@roles_required(*decision_rules.DRAFTERS)
def decision_certificates(request, pk):
    decision = _managed_decision(request, pk)
    if request.method == "POST":
        try:
            services.issue_certificates(decision, by=request.user)
            messages.success(request, _("Certificates issued."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("certificates:decision", pk=decision.pk)
    certificates = Certificate.objects.filter(line__decision=decision).select_related(*FULL).order_by(
        "line__group", "line__sort_order", "line__id")
    return render(request, "certificates/decision.html", {
        "decision": decision, "certificates": certificates,
        "missing": decision.lines.filter(certificate__isnull=True, kind=LineKind.AWARD).count(),
        "templates": CertificateTemplate.objects.all()})


@roles_required(*decision_rules.DRAFTERS)
@require_POST
def print_decision(request, pk):
    decision = _managed_decision(request, pk)
    certificates = list(Certificate.objects.filter(line__decision=decision).select_related(*FULL).order_by(
        "line__group", "line__sort_order", "line__id"))
    template = CertificateTemplate.objects.filter(pk=request.POST.get("template") or None).first()
    try:
        data = services.print_certificates(certificates, by=request.user, template=template,
                                           base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("certificates:decision", pk=decision.pk)
    return _pdf(data, f"bang-khen-qd-{decision.pk}.pdf")


@roles_required(*decision_rules.DRAFTERS)
@require_POST
def print_one(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related(*FULL), pk=pk)
    if not decision_rules.manages(request.user, certificate.line.decision):
        raise Http404
    data = services.print_certificates([certificate], by=request.user, base_url=_base_url(request))
    return _pdf(data, f"bang-khen-{certificate.code}.pdf")


@roles_required(*PROVINCE_WIDE_ROLES)
def template_list(request):
    return render(request, "certificates/template_list.html", {
        "templates": CertificateTemplate.objects.select_related("authority").prefetch_related("award_types"),
        "authorities": IssuingAuthority.objects.filter(active=True).exclude(kind__in=CENTRAL_AUTHORITY_KINDS)})


def _edit(request, template, *, authority=None, preprinted=False):
    """The layout form (positions in mm, sizes in pt), saved, or printed with a sample as a test."""
    if template:
        layout = layout_from_config(template.config)
        initial = {"name": template.name, "authority": template.authority, "is_default": template.is_default,
                   "award_types": list(template.award_types.all())}
    else:
        layout = default_layout("A4", preprinted=preprinted)
        initial = {"authority": authority, "is_default": authority is not None,
                   "name": _("Certificate blank of %(authority)s") % {"authority": authority} if authority else ""}
    initial |= {"paper": layout.paper, "orientation": layout.orientation, "preprinted": layout.preprinted,
                "qr_x_mm": layout.qr_x_mm, "qr_y_mm": layout.qr_y_mm, "qr_size_mm": layout.qr_size_mm}
    form = TemplateForm(request.POST or None, initial=initial, config=layout_to_config(layout))
    if authority is not None:  # the authority's own page saves its own layout only
        form.fields["authority"].queryset = IssuingAuthority.objects.filter(pk=authority.pk)
        form.fields["authority"].required = True
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            return _pdf(services.preview_pdf(form.layout(), form.cleaned_data["authority"]), "in-thu.pdf")
        template = services.save_template(template, name=form.cleaned_data["name"], layout=form.layout(),
                                          award_types=form.cleaned_data["award_types"],
                                          authority=form.cleaned_data["authority"],
                                          is_default=form.cleaned_data["is_default"], by=request.user)
        messages.success(request, _("Template saved."))
        if authority is not None:
            return redirect("certificates:authority_layout", pk=authority.pk)
        return redirect("certificates:template_edit", pk=template.pk)
    return render(request, "certificates/template_form.html", {"form": form, "template": template,
                                                                "authority": authority})


@roles_required(*PROVINCE_WIDE_ROLES)
def template_edit(request, pk=None):
    template = get_object_or_404(CertificateTemplate.objects.select_related("authority"), pk=pk) if pk else None
    return _edit(request, template)


@roles_required(*PROVINCE_WIDE_ROLES, *UNIT_ROLES)
def authority_layout(request, pk):
    """An issuing authority's own blank: its default layout, opened for editing, or started from the
    pre-printed A4 landscape defaults. The province's specialists set any authority's; a unit's officers
    set their own unit's authority's (another unit's is a 404)."""
    authority = get_object_or_404(IssuingAuthority, pk=pk, active=True)
    scope = get_scope(request.user)
    if not scope.has_role(*PROVINCE_WIDE_ROLES) and not (authority.unit_id and scope.can_write_unit(authority.unit_id)):
        raise Http404
    template = (CertificateTemplate.objects.select_related("authority")
                .filter(authority=authority, is_default=True).first())
    return _edit(request, template, authority=authority, preprinted=True)


@roles_required(*PROVINCE_WIDE_ROLES)
def template_preview(request, pk):
    template = get_object_or_404(CertificateTemplate.objects.select_related("authority"), pk=pk)
    try:
        layout = layout_from_config(template.config)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    return _pdf(services.preview_pdf(layout, template.authority), "xem-truoc.pdf")
