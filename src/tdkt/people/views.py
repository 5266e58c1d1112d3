from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import roles_required, signed_in
from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.audit.access import PAGE, record_personal_access, revealed
from tdkt.awards.proposals import proposable_awards, proposal_context
from tdkt.awards.queries import person_timeline
from tdkt.eligibility.codes import Recipient
from tdkt.jobs import idempotency
from tdkt.jobs.exporting import export_or_job, scope_params
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.pickers import results_json
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.people import groups, jobs, queries, services
from tdkt.people.exports import MAX_ROWS, write_people_xlsx
from tdkt.people.forms import ChoicesForm, PersonForm, PersonImportForm, PersonSearchForm
from tdkt.people.imports import import_people
from tdkt.people.pickers import person_label
from tdkt.people.validators import mask_national_id

EDITORS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)


def _writable_unit_ids(user):
    scope = get_scope(user)
    return None if scope.write_all else scope.writable_unit_ids


@signed_in
def person_list(request):
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = queries.search_page(request.user, query, request.GET.get("page"))
    scope = get_scope(request.user)
    return render(request, "people/person_list.html", {
        "form": form, "query": query, "page": page,
        "can_edit": scope.has_role(*EDITORS),
    })


@signed_in
def person_choices(request):
    """The person picker's search (tdkt.lib.pickers contract): JSON, within the user's scope."""
    form = ChoicesForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"results": [], "more": False, "error": _("The search is not valid.")}, status=400)
    people, more = queries.pick_people(request.user, form.cleaned_data["q"], form.cleaned_data["unit"])
    return JsonResponse(results_json(people, person_label, more))


@signed_in
def person_detail(request, pk):
    person = queries.get_person_for_user(request.user, pk)
    scope = get_scope(request.user)
    show_personal = scope.can_see_personal_data(person.unit_id)
    if show_personal:  # the full citizen ID and birth date are on the page: logged (tdkt.audit.access)
        record_personal_access(request.user, [(person.pk, person.full_name, revealed(person.national_id,
                                                                                     person.birth_date))],
                               via=PAGE, where=request.path)
    proposal_year = timezone.localdate().year
    return render(request, "people/person_detail.html", {
        "person": person,
        "suggested_group": None if person.statistical_group else groups.suggestion_label(person),
        "show_personal": show_personal,
        "national_id_display": person.national_id if show_personal else mask_national_id(person.national_id or ""),
        "can_edit": scope.can_write_unit(person.unit_id),
        "timeline": person_timeline(person),
        **proposal_context(proposable_awards(Recipient.INDIVIDUAL, person.pk, year=proposal_year)),
        "proposal_year": proposal_year,
        "can_record_history": scope.can_write_unit(person.unit_id),
    })


@roles_required(*EDITORS)
def person_create(request):
    form = PersonForm(request.POST or None, unit_ids=_writable_unit_ids(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(by=request.user, group=form.cleaned_data["statistical_group"],
                                            **{f: form.cleaned_data[f] for f in services.PERSON_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("“%(name)s” has been added.") % {"name": person})
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "title": _("New person")})


@roles_required(*EDITORS)
def person_edit(request, pk):
    person = queries.get_person_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST or None, instance=person, unit_ids=_writable_unit_ids(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(person, by=request.user, group=form.cleaned_data["statistical_group"],
                                   **{f: form.cleaned_data[f] for f in services.PERSON_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person, "title": _("Edit person")})


@roles_required(*EDITORS)
def person_import(request):
    form = PersonImportForm(request.POST or None, request.FILES or None, unit_ids=_writable_unit_ids(request.user))
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = read_upload(form.cleaned_data["file"], allowed={"xlsx", "csv"},
                                 max_bytes=settings.UPLOAD_MAX_BYTES, field_label=str(form.fields["file"].label))
        except UploadError as exc:
            form.add_error("file", str(exc))
        else:
            unit = form.cleaned_data["unit"]

            def run():
                report = import_people(upload, unit=unit, by=request.user)
                done = _("%(count)d people have been imported.") % {"count": report.created}
                return report, None if report.errors else reverse("orgs:detail", args=[unit.pk]), done

            once = idempotency.commit_once(form.cleaned_data["idempotency_key"], by=request.user,
                                           kind="people.import", run=run)
            if once.earlier:
                return idempotency.show_earlier(request, once.earlier)
            report = once.value
            if not report.errors:
                messages.success(request, _("%(count)d people have been imported.") % {"count": report.created})
                return redirect("orgs:detail", pk=unit.pk)
    return render(request, "people/person_import.html", {"form": form, "report": report})


@signed_in
def person_export(request):
    """The search result as Excel. Full personal data only for units the user may see it for; audited. More
    than EXPORT_JOB_THRESHOLD persons are written by a background job, within the user's scope of now."""
    query = request.GET.get("q", "")
    people = queries.search_people(request.user, query)
    scope = get_scope(request.user)
    shown, filename = [], jobs.export_filename()
    return export_or_job(
        request, rows=min(people.count(), MAX_ROWS), kind=jobs.PEOPLE_EXPORT,
        params={"query": query, "scope": scope_params(request.user, personal=True)},
        write=lambda path: write_people_xlsx(path, people[:MAX_ROWS], can_see_personal_data=scope.can_see_personal_data,
                                             revealed_out=shown),
        filename=filename,
        audit=lambda rows: jobs.record_people_export(request.user, query, rows, shown, filename))
