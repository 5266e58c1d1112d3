"""The province's hiệp y configuration, kept by the standing body: the consulted agencies and the
parameters (answer limit in working days, proceed without an answer). Every change is audited."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.audit.services import record_create, record_update, snapshot
from tdkt.dossiers.consultations import rules
from tdkt.dossiers.consultations.models import ConsultationPolicy, ConsultedAgency
from tdkt.orgs.models import Unit


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ConsultationPolicy
        fields = ["answer_working_days", "proceed_without_answer", "inbound_answer_working_days"]

    def clean_answer_working_days(self):
        days = self.cleaned_data["answer_working_days"]
        if not 1 <= days <= 60:
            raise forms.ValidationError(_("Enter a number of working days from 1 to 60."))
        return days

    def clean_inbound_answer_working_days(self):
        days = self.cleaned_data["inbound_answer_working_days"]
        if not 1 <= days <= 60:
            raise forms.ValidationError(_("Enter a number of working days from 1 to 60."))
        return days


class AgencyForm(forms.ModelForm):
    class Meta:
        model = ConsultedAgency
        fields = ["name", "short_name", "kind", "unit", "active", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active().order_by("name")
        self.fields["unit"].help_text = _("Its unit clerks and leaders answer in the system; empty: answers on paper.")


@transaction.atomic
def _save(form, user, *, created: bool):
    before = None if created else snapshot(type(form.instance).objects.get(pk=form.instance.pk))
    obj = form.save()
    if created:
        record_create(user, obj)
    else:
        record_update(user, obj, before)
    return obj


@roles_required(*rules.STAFF)
def consultation_settings(request):
    policy = ConsultationPolicy.current()
    form = PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        _save(form, request.user, created=False)
        messages.success(request, _("The consultation settings have been saved."))
        return redirect("consultations:settings")
    agencies = ConsultedAgency.objects.select_related("unit")
    return render(request, "consultations/settings.html", {"form": form, "agencies": agencies})


@roles_required(*rules.STAFF)
def agency_edit(request, pk=None):
    agency = get_object_or_404(ConsultedAgency, pk=pk) if pk else None
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        _save(form, request.user, created=agency is None)
        messages.success(request, _("The agency has been saved."))
        return redirect("consultations:settings")
    return render(request, "consultations/agency_form.html", {"form": form, "agency": agency})
