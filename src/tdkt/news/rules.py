"""Who may do what with news articles and the contribution tracker."""

from django.db.models import Q
from django.utils import timezone

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, Role
from tdkt.accounts.models import Membership
from tdkt.accounts.scope import expand_units, get_scope, unit_graph
from tdkt.news.enums import EDITABLE_STATES, ArticleState

# Roles that write articles (the pages' buttons); the predicates below decide per unit.
WRITERS = (Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST, Role.UNIT_CLERK, Role.UNIT_LEADER)
# The standing body (cơ quan thường trực): approves, returns and withdraws articles; keeps the tracker.
STANDING_BODY = tuple(PROVINCE_WIDE_ROLES)


def led_unit_ids(user) -> frozenset:
    """Units whose leader the user is today (with their sub-units): one query, cached on the user. (The movements
    app asks the same for registrations; news sits beside it, so it asks on its own.)"""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_tdkt_news_led_units", None)
    if cached is None:
        today = timezone.localdate()
        roots = set(Membership.objects.filter(user=user, role=Role.UNIT_LEADER, unit__isnull=False)
                    .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
                    .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).values_list("unit_id", flat=True))
        cached = frozenset(expand_units(roots, *unit_graph())) if roots else frozenset()
        user._tdkt_news_led_units = cached
    return cached


def is_standing_body(user) -> bool:
    return get_scope(user).has_role(*STANDING_BODY)


def can_write_for(user, unit_id) -> bool:
    """A unit's clerk or leader writes its articles; the standing body writes for any unit."""
    return get_scope(user).can_write_unit(unit_id)


def can_read(user, article) -> bool:
    return get_scope(user).can_read_unit(article.unit_id)


def can_edit(user, article) -> bool:
    return article.state in EDITABLE_STATES and can_write_for(user, article.unit_id)


# --- the machine's actors ------------------------------------------------------------------------------------

def is_unit_writer(user, article) -> bool:
    """The author unit's officers send a unit's article to their leader (the standing body's own article is not)."""
    return not article.by_standing_body and unit_officer(user, article.unit_id)


def unit_officer(user, unit_id) -> bool:
    return unit_id in get_scope(user).writable_unit_ids


def is_unit_leader(user, article) -> bool:
    return not article.by_standing_body and article.unit_id in led_unit_ids(user)


def is_approver(user, article) -> bool:
    """The standing body approves a unit's article its leader confirmed, or its own article from the draft."""
    if not is_standing_body(user):
        return False
    return article.by_standing_body or article.state == ArticleState.SUBMITTED


def may_withdraw(user, article) -> bool:
    """The standing body withdraws any article; the author unit's officers their own one before it is approved."""
    if is_standing_body(user):
        return True
    return article.state != ArticleState.APPROVED and unit_officer(user, article.unit_id)
