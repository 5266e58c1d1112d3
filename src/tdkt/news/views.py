"""Screens of the news: the officers' pages (scoped by unit: another unit's article is a 404), the portal's
public pages (published articles only) and the standing body's contribution tracker. Each view fetches with
access checked and calls one domain function."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.access import public, roles_required, signed_in
from tdkt.accounts.scope import get_scope
from tdkt.lib.downloads import send_stored
from tdkt.lib.feedback import error_messages
from tdkt.lib.forms import apply_validation_error
from tdkt.lib.paging import cheap_page
from tdkt.news import clock, queries, rules, services
from tdkt.news.enums import ArticleState
from tdkt.news.forms import ApproveForm, ArticleForm
from tdkt.news.models import Article, ArticleImage
from tdkt.news.transitions import ARTICLE_MACHINE
from tdkt.orgs.models import Unit
from tdkt.orgs.pickers import own_unit_id
from tdkt.workflow.actors import with_actor_roles

PER_PAGE = 30
PUBLIC_PER_PAGE = 10


def _writable_units(user):
    scope = get_scope(user)
    units = Unit.objects.active().order_by("name")
    return units if scope.write_all else units.filter(pk__in=scope.writable_unit_ids)


@signed_in
def article_list(request):
    state = request.GET.get("state", "")
    articles = queries.visible_to(request.user).order_by("-created_at", "-id")
    if state in ArticleState.values:
        articles = articles.filter(state=state)
    page = cheap_page(articles, request.GET.get("page"), PER_PAGE)
    return render(request, "news/list.html", {
        "page": page, "state": state, "states": ArticleState.choices, "now": clock.now(),
        "can_create": get_scope(request.user).has_role(*rules.WRITERS),
        "can_track": rules.is_standing_body(request.user)})


@roles_required(*rules.WRITERS)
def article_new(request):
    form = ArticleForm(request.POST or None, request.FILES or None, units=_writable_units(request.user),
                       initial={"unit": own_unit_id(request.user)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article = services.create_article(
                by=request.user, unit=data["unit"], photo=form.photo_bytes(),
                photo_description=data["photo_description"], **{name: data[name] for name in services.ARTICLE_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The article has been saved as a draft."))
            return redirect(article.get_absolute_url())
    return render(request, "news/form.html", {"form": form, "article": None})


@signed_in
def article_detail(request, pk):
    article = queries.get_article_for_user(request.user, pk)
    history = with_actor_roles(article.state_changes.select_related("by"), prefer_units=[article.unit_id])
    return render(request, "news/detail.html", {
        "article": article, "images": list(article.images.all()),
        "history": [(change, ARTICLE_MACHINE.state_label(change.to_state)) for change in history],
        "can_edit": rules.can_edit(request.user, article),
        "is_public": article.state == ArticleState.APPROVED and article.publish_at <= clock.now()})


@roles_required(*rules.WRITERS)
def article_edit(request, pk):
    article = queries.get_article_for_user(request.user, pk, write=True)
    if not rules.can_edit(request.user, article):
        messages.error(request, _("The article is “%(state)s”: it can no longer be changed.") % {
            "state": article.get_state_display()})
        return redirect(article.get_absolute_url())
    initial = {name: getattr(article, name) for name in services.ARTICLE_FIELDS}
    form = ArticleForm(request.POST or None, request.FILES or None, units=Unit.objects.none(), with_unit=False,
                       initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_article(article, by=request.user, photo=form.photo_bytes(),
                                    photo_description=data["photo_description"],
                                    **{name: data[name] for name in services.ARTICLE_FIELDS})
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The article has been saved."))
            return redirect(article.get_absolute_url())
    return render(request, "news/form.html", {"form": form, "article": article, "images": article.images.all()})


@roles_required(*rules.STANDING_BODY)
def approve(request, pk):
    article = queries.get_article_for_user(request.user, pk)
    if not ARTICLE_MACHINE.acts_as(request.user, article, "approver"):
        raise PermissionDenied
    now = timezone.localtime(clock.now())
    form = ApproveForm(request.POST or None, initial={"publish_on": now.date(), "publish_time": now.strftime("%H:%M")})
    if request.method == "POST" and form.is_valid():
        try:
            services.approve_article(article, by=request.user, publish_at=form.publish_at())
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The article is approved: the portal shows it from %(moment)s.") % {
                "moment": timezone.localtime(article.publish_at).strftime("%H:%M %d/%m/%Y")})
            return redirect(article.get_absolute_url())
    return render(request, "news/approve.html", {"article": article, "form": form,
                                                 "allowed": article.state in ARTICLE_MACHINE["approve"].sources})


@require_POST
@roles_required(*rules.WRITERS)
def photo_remove(request, pk):
    photo = get_object_or_404(ArticleImage.objects.select_related("article"), pk=pk)
    queries.get_article_for_user(request.user, photo.article_id, write=True)
    try:
        services.remove_photo(photo, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("news:edit", pk=photo.article_id)


@public
def photo(request, pk):
    """A photo of a published article for everyone; of an unpublished one for the officers who may read it."""
    image = get_object_or_404(ArticleImage.objects.select_related("article"), pk=pk)
    article = image.article
    public_now = Article.objects.published(clock.now()).filter(pk=article.pk).exists()
    if not public_now and not (request.user.is_authenticated and rules.can_read(request.user, article)):
        raise Http404
    return send_stored(image.file, content_type=image.content_type, inline=True)


# --- the portal ---------------------------------------------------------------------------------------------

@public
def public_list(request):
    page = cheap_page(queries.published(), request.GET.get("page"), PUBLIC_PER_PAGE)
    return render(request, "news/public_list.html", {"page": page})


@public
def public_article(request, pk):
    article = queries.get_published(pk)
    return render(request, "news/public_article.html", {"article": article, "images": article.images.all()})
