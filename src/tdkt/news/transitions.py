"""The news article's state machine (tdkt.workflow), declared once here.

A unit's article: draft → awaiting the leader's confirmation (sent by the unit's clerk) → submitted (confirmed by
the unit's leader) → approved by the standing body with a publication time (tdkt.news.services.approve_article).
The standing body's own article is approved from its draft. The leader or the standing body return an article
with a reason; the unit withdraws its article before approval, the standing body at any time (reason kept)."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import get_scope
from tdkt.lib.portal_sections import ContributionKind, Section, register_contribution, register_section
from tdkt.news import queries, rules
from tdkt.news.enums import ArticleState
from tdkt.news.models import Article, ArticleStateChange
from tdkt.news.queries import get_article_for_user
from tdkt.workflow.machine import Notice, StateMachine, transition

S = ArticleState


def _has_a_photo(article) -> None:
    if not article.images.exists():
        raise ValidationError(_("Add at least one photo to the article first."))


def _current_members(role, **filters) -> list[int]:
    today = timezone.localdate()
    return list(Membership.objects.filter(role=role, user__is_active=True, **filters)
                .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).values_list("user_id", flat=True))


def _to_leaders(article, _transition):
    """The unit's leaders: an article waits for their confirmation (in-app notice; no e-mail)."""
    text = gettext("The article “%(title)s” waits for your confirmation.") % {"title": article.title}
    yield Notice(users=_current_members(Role.UNIT_LEADER, unit_id=article.unit_id), text=text,
                 url=reverse("news:detail", args=[article.pk]))


def _to_standing_body(article, _transition):
    text = gettext("%(unit)s sent the article “%(title)s” for publication.") % {
        "unit": article.unit.name, "title": article.title}
    yield Notice(users=_current_members(Role.PROVINCE_SPECIALIST), text=text,
                 url=reverse("news:detail", args=[article.pk]))


def _to_writer(article, transition):
    """The article's writer: approved (with the publication time) or returned (with the reason)."""
    if article.state == S.APPROVED:
        text = gettext("The article “%(title)s” is approved; the portal shows it from %(moment)s.") % {
            "title": article.title, "moment": timezone.localtime(article.publish_at).strftime("%H:%M %d/%m/%Y")}
    else:
        reason = article.state_changes.order_by("-id").values_list("reason", flat=True).first() or ""
        text = gettext("The article “%(title)s” is returned. Reason: %(reason)s") % {
            "title": article.title, "reason": reason}
    yield Notice(users=[article.created_by_id] if article.created_by_id else [], text=text,
                 url=reverse("news:detail", args=[article.pk]))


def _get_for_user(user, pk, write=True):
    return get_article_for_user(user, pk)


def _agenda_articles(user):
    """The home's articles: its units' (a leader's and a clerk's), or every one for the standing body."""
    scope = get_scope(user)
    articles = Article.objects.select_related("unit").order_by("state_changed_at", "pk")
    if rules.is_standing_body(user):
        return articles
    return articles.filter(unit_id__in=scope.writable_unit_ids)


ARTICLE_MACHINE = StateMachine(
    name="news_article",
    label=_("news article"),
    model=Article,
    states=ArticleState,
    history_model=ArticleStateChange,
    history_owner="article",
    actors={"unit_writer": rules.is_unit_writer, "unit_leader": rules.is_unit_leader,
            "approver": rules.is_approver, "standing_body": lambda user, article: rules.is_standing_body(user),
            "withdrawer": rules.may_withdraw},
    initial=S.DRAFT,
    timestamps=("state_changed_at",),
    get_for_user=_get_for_user,
    visible_to=_agenda_articles, url_of=lambda article: reverse("news:detail", args=[article.pk]),
    title_of=lambda article: article.title, unit_of=lambda article: article.unit.name,
    raced_message=_("Someone else changed this article first. Reload the page and try again."),
    forbidden_message=_("You may not do this on this article."),
    docs="news.md",
    transitions=[
        transition("send", _("Send to the leader for confirmation"), {S.DRAFT, S.RETURNED}, S.AWAITING_CONFIRMATION,
                   "unit_writer", requires=(_has_a_photo,), takes_reason=False, primary=True, notifies=_to_leaders,
                   waits=frozenset({S.RETURNED}),
                   description=_("The unit's clerk sends the article with its photos to the unit's leader.")),
        transition("confirm", _("Confirm and send to the standing body"), {S.AWAITING_CONFIRMATION}, S.SUBMITTED,
                   "unit_leader", requires=(_has_a_photo,), takes_reason=False, primary=True,
                   notifies=_to_standing_body,
                   description=_("The unit's leader confirms the article (it counts as the unit's contribution "
                                 "of the quarter) and sends it to the standing body.")),
        transition("leader_return", _("Return to the writer"), {S.AWAITING_CONFIRMATION}, S.RETURNED, "unit_leader",
                   reason_required=True, waits=False, notifies=_to_writer,
                   description=_("The unit's leader sends the article back to its writer with the reason.")),
        transition("approve", _("Approve for publication"), {S.DRAFT, S.SUBMITTED}, S.APPROVED, "approver",
                   requires=(_has_a_photo,), form_url="news:approve", primary=True, waits=frozenset({S.SUBMITTED}),
                   notifies=_to_writer,
                   description=_("The standing body approves the article with its publication time; the portal "
                                 "shows it from that time on.")),
        transition("return", _("Return to the unit"), {S.SUBMITTED}, S.RETURNED, "standing_body",
                   reason_required=True, waits=False, notifies=_to_writer,
                   description=_("The standing body sends the article back to its unit with the reason.")),
        transition("withdraw", _("Withdraw the article"), {S.DRAFT, S.RETURNED, S.AWAITING_CONFIRMATION,
                                                          S.SUBMITTED, S.APPROVED}, S.WITHDRAWN, "withdrawer",
                   reason_required=True, danger=True, waits=False,
                   description=_("The article is no longer published or processed; the reason is kept.")),
    ],
)

# The domain functions (@ARTICLE_MACHINE.implements) register when their module is loaded; it imports this one.
from tdkt.news import services  # noqa: E402, F401

# The portal's section and the quarterly tracker's count (tdkt.lib.portal_sections, below the portal, which so
# imports nothing of this app): registered here because WorkflowConfig.ready() autodiscovers this module once the
# models exist, so the app needs no import inside ready() (docs/architecture.md, "Layers and import contracts").
register_section(Section("news", _("News"), "news:public_list", order=50, search=queries.search,
                         latest=queries.portal_latest))
register_contribution(ContributionKind("news", _("News items"), queries.confirmed_counts))
