"""The demo hook writes its articles through the services and the machine, and wipes them again."""

from tdkt.news import demo
from tdkt.news.enums import ArticleState
from tdkt.news.models import Article, ContributionAsk
from tests.news.support import leader_of


def test_the_demo_publishes_schedules_and_leaves_one_waiting_then_wipes(world):
    leader_of(world)
    message = demo.load_demo(2026)
    assert message == "Tin tức mẫu: 5 bài (1 hẹn giờ đăng, 1 chờ lãnh đạo xác nhận), 2 đơn vị được giao."
    states = sorted(Article.objects.values_list("state", flat=True))
    assert states == [ArticleState.APPROVED] * 4 + [ArticleState.AWAITING_CONFIRMATION]
    assert Article.objects.filter(by_standing_body=True).count() == 1
    assert ContributionAsk.objects.get().per_quarter == 1
    assert demo.wipe_demo() == 5
    assert (Article.objects.count(), ContributionAsk.objects.count()) == (0, 0)


def test_the_demo_is_skipped_without_a_leader(world):
    assert demo.load_demo(2026).startswith("Tin tức mẫu: bỏ qua")
    assert Article.objects.count() == 0
