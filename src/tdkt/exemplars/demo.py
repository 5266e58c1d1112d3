"""Demo data of exemplars: stories of the demo's Sở Y tế proposed by its clerk (vanthu.soyte), confirmed by its
leader (lanhdao.soyte) and published by the standing body (chuyenvien), one still waiting for the standing body,
each with a small generated photo (a drawn landscape: no real person's picture). Made through the domain
functions, so each has its state history and audit rows. Called by seed_demo through settings.DEMO_DATA_HOOKS."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone
from PIL import Image, ImageDraw

from tdkt.accounts.models import User
from tdkt.exemplars import services
from tdkt.exemplars.models import Exemplar
from tdkt.people.models import Person

CLERK, LEADER, SPECIALIST = "vanthu.soyte", "lanhdao.soyte", "chuyenvien"
DEMO_UNIT_CODES = r"^P[0-9]+-"  # every demo unit's code carries the province prefix (tdkt.orgs.demo)

# (headline, story, quarter, published?)
STORIES = (
    ("Người thầy thuốc bám bản hơn hai mươi năm",
     "Hơn hai mươi năm công tác tại trạm y tế xã vùng cao, chị đã cùng đồng nghiệp đi bộ tới từng thôn, bản để "
     "tiêm chủng cho trẻ em và khám bệnh cho người cao tuổi.\n\nNhiều đêm mưa lũ, chị vượt suối đỡ đẻ cho sản phụ "
     "ở bản xa; tỷ lệ trẻ được tiêm chủng đầy đủ của xã tăng từ 70% lên 98%.", 1, True),
    ("Tập thể đi đầu chuyển đổi số trong khám chữa bệnh",
     "Khoa Khám bệnh triển khai đặt lịch khám qua điện thoại và hồ sơ sức khỏe điện tử, rút thời gian chờ của người "
     "bệnh từ hai giờ xuống còn ba mươi phút.\n\nCách làm đã được nhân rộng ra các bệnh viện tuyến huyện trong tỉnh.",
     2, True),
    ("Hiến máu tình nguyện mười lăm lần",
     "Anh đã mười lăm lần hiến máu tình nguyện và vận động hơn trăm đoàn viên thanh niên cùng tham gia.", 3, False),
)
COLOURS = ((46, 125, 50), (21, 101, 192), (198, 40, 40))


def _photo(index: int) -> SimpleUploadedFile:
    """A 320 × 200 drawn landscape: sky, sun, a hill in the story's colour."""
    image = Image.new("RGB", (320, 200), (187, 222, 251))
    draw = ImageDraw.Draw(image)
    draw.ellipse((230, 20, 290, 80), fill=(255, 202, 40))
    draw.polygon([(0, 200), (120, 90 + 10 * index), (320, 200)], fill=COLOURS[index % len(COLOURS)])
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile(f"minh-hoa-{index + 1}.jpg", out.getvalue(), content_type="image/jpeg")


def load_demo(year: int) -> str:
    users = {user.username: user for user in User.objects.filter(username__in=(CLERK, LEADER, SPECIALIST))}
    clerk = users.get(CLERK)
    if len(users) < 3 or not clerk.memberships.exists():
        return "Điển hình tiên tiến mẫu: thiếu tài khoản văn thư, lãnh đạo Sở Y tế hoặc chuyên viên nên bỏ qua."
    unit = clerk.memberships.select_related("unit").first().unit
    people = list(Person.objects.filter(Q(unit=unit) | Q(unit__parent=unit), merged_into__isnull=True)
                  .order_by("unit_id", "id")[:2])
    if not people:
        return "Điển hình tiên tiến mẫu: Sở Y tế chưa có cá nhân nào nên bỏ qua."
    year = min(year, timezone.localdate().year)
    made = 0
    for index, (headline, story, quarter, publish) in enumerate(STORIES):
        collective = index == 1
        exemplar = services.create_exemplar(
            by=clerk, unit=unit, kind="collective" if collective else "person",
            person=None if collective else people[min(index // 2, len(people) - 1)],
            collective=unit if collective else None, photo=_photo(index), headline=headline, story=story,
            year=year, quarter=quarter)
        services.submit_exemplar(exemplar, by=clerk)
        services.confirm_exemplar(exemplar, by=users[LEADER])
        if publish:
            services.publish_exemplar(exemplar, by=users[SPECIALIST])
        made += 1
    return f"Điển hình tiên tiến mẫu: {made} điển hình của {unit.name} (2 đã đăng lên cổng thông tin, 1 chờ duyệt)."


def wipe_demo() -> int:
    exemplars = Exemplar.objects.filter(unit__code__regex=DEMO_UNIT_CODES)
    for exemplar in exemplars.exclude(photo=""):
        exemplar.photo.delete(save=False)
    return exemplars.delete()[0]
