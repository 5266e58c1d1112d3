"""States of a news article (tin tức) on the public portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ArticleState(models.TextChoices):
    """A unit's article is written (draft), sent to the unit's leader, confirmed by the leader (submitted to the
    standing body), then approved by the standing body with a publication time; the standing body's own article
    is approved straight from its draft. Returned articles go back to their writers with a reason; a withdrawn
    article is no longer published."""

    DRAFT = "draft", pgettext_lazy("news article", "Draft")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting the leader's confirmation")
    SUBMITTED = "submitted", pgettext_lazy("news article", "Sent to the standing body")
    APPROVED = "approved", pgettext_lazy("news article", "Approved for publication")
    RETURNED = "returned", pgettext_lazy("news article", "Returned")
    WITHDRAWN = "withdrawn", pgettext_lazy("news article", "Withdrawn")


# The writers may still change the text and the photos.
EDITABLE_STATES = frozenset({ArticleState.DRAFT, ArticleState.RETURNED})
# A unit's leader confirmed it and it was not sent back or withdrawn since: what counts as the unit's contribution.
CONFIRMED_STATES = frozenset({ArticleState.SUBMITTED, ArticleState.APPROVED})
