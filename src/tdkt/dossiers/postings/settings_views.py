"""The province's công khai parameters, kept by the standing body (audited): the comment period in working
days (NĐ152 Đ44.2: at least 10) and the flood limits of the public comment form."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required
from tdkt.audit.services import record_update, snapshot
from tdkt.dossiers.postings import rules
from tdkt.dossiers.postings.models import PostingPolicy

# NĐ152 Đ44.2 [V]: the list is published at least 10 working days before the council meets.
LEGAL_MINIMUM_POSTING_DAYS = 10


class PostingPolicyForm(forms.ModelForm):
    class Meta:
        model = PostingPolicy
        fields = ["posting_working_days", "comments_per_hour_per_ip", "comments_per_hour_per_notice"]

    def clean_posting_working_days(self):
        days = self.cleaned_data["posting_working_days"]
        if not LEGAL_MINIMUM_POSTING_DAYS <= days <= 60:
            raise forms.ValidationError(_("Enter a number of working days from %(low)s to 60 (NĐ152 Đ44.2: at "
                                          "least %(low)s).") % {"low": LEGAL_MINIMUM_POSTING_DAYS})
        return days

    def clean_comments_per_hour_per_ip(self):
        return self._at_least_one("comments_per_hour_per_ip")

    def clean_comments_per_hour_per_notice(self):
        return self._at_least_one("comments_per_hour_per_notice")

    def _at_least_one(self, name):
        value = self.cleaned_data[name]
        if value < 1:
            raise forms.ValidationError(_("Enter at least 1."))
        return value


@roles_required(*rules.STAFF)
def posting_settings(request):
    policy = PostingPolicy.current()
    form = PostingPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = snapshot(PostingPolicy.objects.get(pk=policy.pk))
            record_update(request.user, form.save(), before)
        messages.success(request, _("The public posting settings have been saved."))
        return redirect("postings:settings")
    return render(request, "postings/settings.html", {"form": form})
