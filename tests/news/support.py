"""Articles built through the domain functions, as the pages build them, and the clock moved by tests."""

import datetime
import io

from django.utils import timezone
from PIL import Image

from tdkt.accounts.enums import Role
from tdkt.news import services
from tdkt.news.transitions import ARTICLE_MACHINE
from tests.factories import make_user

NOON = timezone.make_aware(datetime.datetime(2026, 5, 4, 12, 0))  # quarter II


def jpeg(size=(64, 48), colour=(20, 120, 200), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, colour)
    image.save(out, "JPEG", exif=exif) if exif is not None else image.save(out, "JPEG")
    return out.getvalue()


def leader_of(world, unit=None, username="lanhdao.a"):
    return make_user(username, role=Role.UNIT_LEADER, unit=unit or world.unit_a)


def make_article(world, *, by="clerk_a", unit=None, title="Biểu dương gương người tốt, việc tốt ngành y tế",
                 summary="Những y, bác sĩ tận tụy ở vùng sâu được tôn vinh.",
                 body="Đoạn thứ nhất.\n\nĐoạn thứ hai.", photo=None):
    user = world.users[by] if isinstance(by, str) else by
    return services.create_article(by=user, unit=unit or world.unit_a, title=title, summary=summary, body=body,
                                   photo=photo or jpeg(), photo_description="Lễ tuyên dương tại hội trường")


def confirmed_article(world, leader, **options):
    article = make_article(world, **options)
    ARTICLE_MACHINE.perform(article, "send", by=world.users["clerk_a"])
    services.confirm_article(article, by=leader)
    article.refresh_from_db()
    return article


def published_article(world, leader, *, publish_at=None, **options):
    article = confirmed_article(world, leader, **options)
    services.approve_article(article, by=world.users["specialist"],
                             publish_at=publish_at or timezone.now() - datetime.timedelta(hours=1))
    article.refresh_from_db()
    return article
