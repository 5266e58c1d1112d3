"""The standing body's quarterly contribution tracker (units asked against what they sent) and the asks behind it."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import roles_required
from tdkt.lib.downloads import send_export
from tdkt.lib.forms import apply_validation_error
from tdkt.news import exports, rules, services, tracker
from tdkt.news.forms import AskForm, TrackerForm
from tdkt.news.models import ContributionAsk
from tdkt.orgs.models import Unit


def _period(request) -> tuple[TrackerForm, int, int]:
    """The year and quarter asked for (?year=&quarter=), today's when absent or wrong."""
    today = timezone.localdate()
    form = TrackerForm(request.GET if "year" in request.GET else None,
                       initial={"year": today.year, "quarter": (today.month - 1) // 3 + 1})
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"], form.cleaned_data["quarter"]
    return form, today.year, (today.month - 1) // 3 + 1


@roles_required(*rules.STANDING_BODY)
def contributions(request):
    form, year, quarter = _period(request)
    kinds = tracker.kinds()
    rows = tracker.tracker_rows(year, quarter)
    return render(request, "news/contributions.html", {
        "form": form, "year": year, "quarter": quarter, "kinds": kinds,
        "rows": [(row, row.counts([kind.key for kind in kinds])) for row in rows],
        "short": sum(1 for row in rows if row.missing), "asks": tracker.asks_of(year)})


@roles_required(*rules.STANDING_BODY)
def contributions_export(request):
    _form, year, quarter = _period(request)
    kinds = tracker.kinds()
    rows = tracker.tracker_rows(year, quarter)
    title = (f"Theo dõi tin bài, gương điển hình các đơn vị gửi quý {exports.ROMAN[quarter]} năm {year} — "
             f"{settings.PROVINCE_NAME}")
    return send_export(lambda path: exports.write_tracker_xlsx(path, rows, kinds, title=title),
                       f"tin-bai-quy-{quarter}-{year}.xlsx")


def _ask_page(request, ask):
    initial = {"year": timezone.localdate().year}
    if ask is not None:
        initial = {"year": ask.year, "per_quarter": ask.per_quarter, "units": list(ask.units.all()),
                   "group": ask.group_id, "note": ask.note}
    form = AskForm(request.POST or None, units=Unit.objects.active().order_by("name"), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.save_ask(ask, by=request.user, year=data["year"], per_quarter=data["per_quarter"],
                                      units=data["units"] or [], group=data["group"], note=data["note"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("What the units are asked has been saved."))
            return redirect(f"{_tracker_url()}?year={saved.year}")
    return render(request, "news/ask_form.html", {"form": form, "ask": ask})


def _tracker_url() -> str:
    return reverse("news:contributions")


@roles_required(*rules.STANDING_BODY)
def ask_new(request):
    return _ask_page(request, None)


@roles_required(*rules.STANDING_BODY)
def ask_edit(request, pk):
    return _ask_page(request, get_object_or_404(ContributionAsk, pk=pk))


@require_POST
@roles_required(*rules.STANDING_BODY)
def ask_delete(request, pk):
    ask = get_object_or_404(ContributionAsk, pk=pk)
    year = ask.year
    services.delete_ask(ask, by=request.user)
    messages.success(request, _("The ask has been deleted."))
    return redirect(f"{_tracker_url()}?year={year}")
