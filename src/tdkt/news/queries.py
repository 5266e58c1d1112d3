"""Reading articles: the officers' lists scoped by unit (another unit's article is a 404), the portal's published
articles (approved, their publication time come: news.clock), the portal's search and the quarterly counts."""

import datetime

from django.db.models import Count, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.scope import get_scope
from tdkt.lib.portal_sections import PortalHit
from tdkt.news import clock
from tdkt.news.enums import CONFIRMED_STATES
from tdkt.news.models import Article, ArticleImage


def visible_to(user):
    """Articles the user may read on the officers' pages: its units' (with sub-units), or all for the province."""
    scope = get_scope(user)
    articles = Article.objects.select_related("unit")
    return articles if scope.read_all else articles.filter(unit_id__in=scope.readable_unit_ids)


def get_article_for_user(user, pk, *, write=False) -> Article:
    """The article, or Http404 when it does not exist or belongs to a unit the user may not read (or, with
    `write`, may not write for)."""
    article = Article.objects.select_related("unit").filter(pk=pk).first()
    scope = get_scope(user)
    if article is None or not scope.can_read_unit(article.unit_id):
        raise Http404
    if write and not scope.can_write_unit(article.unit_id):
        raise Http404
    return article


def published():
    """The portal's articles now, newest first, with their photos (one query more)."""
    return (Article.objects.published(clock.now()).select_related("unit").order_by("-publish_at", "-id")
            .prefetch_related(Prefetch("images", queryset=ArticleImage.objects.order_by("sort_order", "id"))))


def get_published(pk) -> Article:
    article = published().filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def search(folded: str, limit: int) -> list[PortalHit]:
    """The portal's search (tdkt.lib.portal_sections): published articles whose title or summary holds every word
    of the folded text; one query."""
    words = folded.split()
    if not words:
        return []
    articles = Article.objects.published(clock.now())
    for word in words:
        articles = articles.filter(search_text__contains=word)
    return _portal_hits(articles, limit)


def portal_latest(limit: int) -> list[PortalHit]:
    """The portal home's newest published articles (tdkt.lib.portal_sections), one query."""
    return _portal_hits(Article.objects.published(clock.now()), limit)


def _portal_hits(articles, limit: int) -> list[PortalHit]:
    return [PortalHit(title=article.title, url=reverse("news:public_article", args=[article.pk]),
                      summary=article.summary, date=timezone.localtime(article.publish_at).date())
            for article in articles.only("pk", "title", "summary", "publish_at").order_by("-publish_at", "-id")[:limit]]


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) of a quarter in the local time zone."""
    first_month = 3 * (quarter - 1) + 1
    start = datetime.datetime(year, first_month, 1)
    end = datetime.datetime(year + 1, 1, 1) if quarter == 4 else datetime.datetime(year, first_month + 3, 1)
    zone = timezone.get_current_timezone()
    return timezone.make_aware(start, zone), timezone.make_aware(end, zone)


def confirmed_counts(year: int, quarter: int) -> dict[int, int]:
    """{unit id: articles its leader confirmed in the quarter and not returned or withdrawn since}; one query."""
    start, end = quarter_bounds(year, quarter)
    rows = (Article.objects.filter(state__in=CONFIRMED_STATES, confirmed_at__gte=start, confirmed_at__lt=end)
            .values("unit_id").annotate(n=Count("id")).order_by())
    return {row["unit_id"]: row["n"] for row in rows}
