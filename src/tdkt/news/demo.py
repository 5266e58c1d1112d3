"""Demo data of the news: a few articles written through the domain functions and the article machine, so the
history and audit rows are real — two of a unit published (written by its clerk, confirmed by its leader, approved
by the standing body), one of the standing body published, one scheduled for next week, one awaiting its
leader's confirmation — and what the Sơn La office's plan asks: each unit with a demo clerk, one item a quarter.
Called by seed_demo through settings.DEMO_DATA_HOOKS."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from PIL import Image, ImageDraw

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.news import services
from tdkt.news.models import Article, ContributionAsk
from tdkt.news.transitions import ARTICLE_MACHINE

SPECIALIST = "chuyenvien"
NOTE = "Kế hoạch: hàng quý mỗi đơn vị gửi 01 tin, bài hoặc gương điển hình có xác nhận của lãnh đạo (dữ liệu mẫu)"
ARTICLES = (
    ("Sơ kết phong trào thi đua “Dân vận khéo” 6 tháng đầu năm",
     "Các đơn vị đã biểu dương nhiều mô hình dân vận khéo tiêu biểu, góp phần hoàn thành nhiệm vụ chính trị.",
     "Hội nghị sơ kết đánh giá kết quả nửa đầu năm, chỉ ra những mô hình hay cần nhân rộng.\n\n"
     "Nhiều tập thể, cá nhân có thành tích xuất sắc được đề nghị khen thưởng.", "published"),
    ("Biểu dương gương người tốt, việc tốt trong ngành y tế",
     "Những y, bác sĩ tận tụy với người bệnh ở vùng sâu, vùng xa được tôn vinh.",
     "Trong năm, nhiều cán bộ y tế đã vượt khó, bám cơ sở, chăm sóc sức khỏe nhân dân.\n\n"
     "Các gương điển hình được giới thiệu để học tập và lan tỏa.", "published"),
    ("Hội đồng Thi đua - Khen thưởng tỉnh triển khai nhiệm vụ năm",
     "Cơ quan thường trực Hội đồng hướng dẫn các đơn vị thực hiện kế hoạch công tác thi đua, khen thưởng.",
     "Hội nghị quán triệt các văn bản mới về thi đua, khen thưởng và giao nhiệm vụ cho các đơn vị.", "standing"),
    ("Phát động thi đua chào mừng Đại hội",
     "Các đơn vị đăng ký thi đua với nhiều chỉ tiêu cụ thể.",
     "Phong trào được triển khai sâu rộng đến từng cơ quan, đơn vị.", "scheduled"),
    ("Kết quả phong trào thi đua quý này của đơn vị",
     "Đơn vị tổng kết các phong trào thi đua trong quý.",
     "Nội dung đang chờ lãnh đạo đơn vị xác nhận.", "awaiting"),
)


def _photo(index: int) -> bytes:
    """A plain picture drawn here (no file of anyone's): a coloured panel with a band."""
    image = Image.new("RGB", (960, 540), (30 + 40 * index, 90, 140))
    ImageDraw.Draw(image).rectangle((0, 400, 960, 540), fill=(240, 200, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _unit_people():
    """(clerk, leader, unit) of the first unit having both a clerk and a leader among the demo accounts."""
    leaders = {m.unit_id: m.user for m in Membership.objects.filter(role=Role.UNIT_LEADER, unit__isnull=False)
               .select_related("user", "unit").order_by("id")}
    for clerk in Membership.objects.filter(role=Role.UNIT_CLERK, unit_id__in=list(leaders)).select_related(
            "user", "unit").order_by("id"):
        return clerk.user, leaders[clerk.unit_id], clerk.unit
    return None


def load_demo(year: int) -> str:
    specialist = User.objects.filter(username=SPECIALIST).first()
    people = _unit_people()
    if specialist is None or people is None:
        return "Tin tức mẫu: bỏ qua (chưa có tài khoản chuyenvien, văn thư và lãnh đạo cùng một đơn vị)."
    clerk, leader, unit = people
    home = specialist.memberships.filter(unit__isnull=False).values_list("unit", flat=True).first()
    now = timezone.now()
    for index, (title, summary, body, fate) in enumerate(ARTICLES):
        writer = specialist if fate == "standing" else clerk
        article = services.create_article(
            by=writer, unit=unit if writer is clerk else type(unit).objects.get(pk=home), title=title,
            summary=summary, body=body, photo=_photo(index), photo_description=f"Ảnh minh họa: {title}")
        if fate == "standing":
            services.approve_article(article, by=specialist, publish_at=now - datetime.timedelta(days=1))
            continue
        ARTICLE_MACHINE.perform(article, "send", by=clerk)
        if fate == "awaiting":
            continue
        services.confirm_article(article, by=leader)
        publish_at = now + datetime.timedelta(days=7) if fate == "scheduled" else now - datetime.timedelta(days=index + 1)
        services.approve_article(article, by=specialist, publish_at=publish_at)
    clerks_units = list(Membership.objects.filter(role=Role.UNIT_CLERK, unit__isnull=False)
                        .values_list("unit", flat=True).distinct())
    services.save_ask(None, by=specialist, year=year, per_quarter=1,
                      units=type(unit).objects.filter(pk__in=clerks_units), note=NOTE)
    return f"Tin tức mẫu: {len(ARTICLES)} bài (1 hẹn giờ đăng, 1 chờ lãnh đạo xác nhận), {len(clerks_units)} đơn vị được giao."


def wipe_demo() -> int:
    ContributionAsk.objects.filter(note=NOTE).delete()
    return Article.objects.filter(title__in=[article[0] for article in ARTICLES]).delete()[1].get(
        Article._meta.label, 0)
