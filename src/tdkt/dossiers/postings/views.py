"""Công khai screens: the public portal pages (no sign-in) and the specialist's (publish, handle comments)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import public, roles_required
from tdkt.accounts.middleware import client_ip
from tdkt.dossiers.consultations.queries import nominee_rows
from tdkt.dossiers.models import Nomination
from tdkt.dossiers.postings import queries, rules, services
from tdkt.dossiers.postings.enums import CommentState, NoticeState
from tdkt.dossiers.postings.forms import HandleCommentForm, PublicCommentForm, PublishNoticeForm
from tdkt.dossiers.postings.models import PostingPolicy
from tdkt.dossiers.queries import get_dossier_for_user
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page

PER_PAGE = 30


@public
def public_list(request):
    page = cheap_page(queries.public_notices(), request.GET.get("page"), PER_PAGE)
    return render(request, "postings/public_list.html", {"page": page, "today": timezone.localdate()})


@public
def public_detail(request, pk):
    """A notice with its nominees (name, position and unit, proposed award only) and the comment form."""
    notice = queries.get_public_notice(pk)
    lines = nominee_rows(notice.nominations.all())
    is_open = services.accepts_comments(notice)
    form = PublicCommentForm(request.POST or None, lines=lines) if is_open else None
    status = 200
    if form is not None:
        chosen = form["nomination"].value()
        form.chosen_nomination = int(chosen) if str(chosen or "").isdigit() else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("The time for comments is over."))
            status = 409
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.submit_comment(notice, name=data["name"], contact=data["contact"], text=data["text"],
                                        nomination=data["nomination"], ip=client_ip(request))
            except services.CommentFlood as exc:
                form.add_error(None, exc.messages[0])
                status = 429
            except ValidationError as exc:
                apply_validation_error(form, exc)
                status = 400
            else:
                messages.success(request, _("Thank you. Your comment has been received and will be considered."))
                return redirect("postings:public_detail", pk=notice.pk)
        else:
            status = 400
    return render(request, "postings/public_detail.html", {
        "notice": notice, "lines": lines, "form": form, "is_open": is_open}, status=status)


@roles_required(*rules.STAFF)
def staff_list(request):
    page = cheap_page(queries.staff_notices(), request.GET.get("page"), PER_PAGE)
    return render(request, "postings/staff_list.html", {"page": page})


@roles_required(*rules.STAFF)
def dossier_notices(request, pk):
    """The notices of one dossier, and the form publishing its lines that must be posted."""
    dossier = get_dossier_for_user(request.user, pk, write=True)
    lines = services.lines_to_post(dossier)
    can_publish = dossier.state in services.POSTABLE_DOSSIER_STATES and bool(lines)
    form = PublishNoticeForm(request.POST or None) if can_publish else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            notice = services.publish_notice(dossier, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The notice has been published; comments are open until %(date)s.") % {
                "date": notice.ends_on.strftime("%d/%m/%Y")})
            return redirect("postings:manage", pk=notice.pk)
    return render(request, "postings/dossier_notices.html", {
        "dossier": dossier, "notices": queries.notices_of_dossier(dossier),
        "lines": nominee_rows(Nomination.objects.filter(pk__in=[line.pk for line in lines])),
        "form": form, "policy": PostingPolicy.current(), "blockers": queries.open_blockers(dossier)})


@roles_required(*rules.STAFF)
def manage(request, pk):
    notice = queries.get_notice_for_staff(pk)
    today = timezone.localdate()
    return render(request, "postings/manage.html", {
        "notice": notice, "lines": nominee_rows(notice.nominations.all()), "comments": queries.comments_of(notice),
        "can_close": notice.state == NoticeState.PUBLISHED and notice.ends_on < today, "states": CommentState})


@roles_required(*rules.STAFF)
@require_POST
def close(request, pk):
    notice = queries.get_notice_for_staff(pk)
    try:
        services.close_notice(notice, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The notice has been closed."))
    return redirect("postings:manage", pk=notice.pk)


@roles_required(*rules.STAFF)
def handle(request, pk):
    comment = queries.get_comment_for_staff(pk)
    lines = nominee_rows(comment.notice.nominations.all())
    form = HandleCommentForm(request.POST or None, lines=lines)
    if request.method == "POST" and comment.state == CommentState.NEW and form.is_valid():
        try:
            services.handle_comment(comment, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The comment has been handled."))
            return redirect("postings:manage", pk=comment.notice_id)
    return render(request, "postings/handle.html", {"comment": comment, "form": form})
