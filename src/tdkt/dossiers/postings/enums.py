from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.dossiers.enums import NominationState


class NoticeState(models.TextChoices):
    """Where a public notice (thông báo công khai danh sách đề nghị khen thưởng) stands."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published, open for comments")
    CLOSED = "closed", _("Closed")


# Notices the public may see.
PUBLIC_NOTICE_STATES = frozenset({NoticeState.PUBLISHED, NoticeState.CLOSED})


class CommentState(models.TextChoices):
    """How a public comment was handled."""

    NEW = "new", _("Not handled yet")
    DISMISSED = "dismissed", _("Dismissed with reason")
    LED_TO_HOLD = "led_to_hold", _("Led to a hold of the nominee")


HANDLED_COMMENT_STATES = frozenset({CommentState.DISMISSED, CommentState.LED_TO_HOLD})


# Lines that go on a notice, and that a comment may put on hold.
POSTABLE_LINE_STATES = frozenset({NominationState.PROPOSED, NominationState.ACCEPTED})
