"""The article's life through the domain functions: writing with photos (re-encoded, refused with the field's
name), editing only while a draft, the machine's actors (clerk sends, leader confirms, standing body approves),
history and audit rows."""

import datetime
import io
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from tdkt.audit.models import AuditEvent
from tdkt.news import services
from tdkt.news.enums import ArticleState
from tdkt.news.models import Article
from tdkt.news.transitions import ARTICLE_MACHINE
from tests.news.support import confirmed_article, jpeg, leader_of, make_article


def _exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x0110] = "Camera X-100"
    exif[0x8825] = {1: "N", 2: (21.0, 2.0, 3.0)}
    return exif.tobytes()


def test_a_clerk_writes_a_draft_of_his_unit_with_a_photo_stripped_of_its_metadata(world):
    article = make_article(world, photo=jpeg(exif=_exif_with_gps()))
    assert (article.state, article.unit, article.by_standing_body) == (ArticleState.DRAFT, world.unit_a, False)
    photo = article.images.get()
    with photo.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"\xff\xd8\xff")
    assert Image.open(io.BytesIO(data)).getexif() == {}
    assert (photo.width, photo.height, photo.content_type) == (64, 48, "image/jpeg")
    assert photo.file.name.startswith("news/") and photo.file.name.endswith(".jpg")
    assert [(c.from_state, c.to_state) for c in article.state_changes.all()] == [("", "draft")]
    assert AuditEvent.objects.filter(object_type="news.article", object_id=str(article.pk), action="create").count() == 1


def test_the_search_text_is_the_title_and_summary_without_diacritics(world):
    article = make_article(world, title="Gương Người tốt", summary="Việc tốt ở Đà Lạt")
    assert article.search_text == "guong nguoi tot viec tot o da lat"


def test_a_file_that_is_not_a_photo_is_refused_naming_the_field_and_nothing_is_saved(world):
    with pytest.raises(ValidationError, match="Ảnh: tệp không phải là ảnh"):
        make_article(world, photo=b"%PDF-1.4 not a photo")
    assert Article.objects.count() == 0


def _png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares a huge picture (a decompression bomb's first bytes)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def test_a_huge_photo_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError, match=r"Ảnh: ảnh có kích thước 50000 × 50000 điểm ảnh"):
        make_article(world, photo=_png_declaring(50_000, 50_000))
    assert Article.objects.count() == 0


def test_an_article_needs_a_photo_and_its_description(world):
    with pytest.raises(ValidationError, match="Ảnh: tin, bài cần có ít nhất một ảnh"):
        services.create_article(by=world.users["clerk_a"], unit=world.unit_a, title="T", summary="S", body="B")
    with pytest.raises(ValidationError, match="Mô tả ảnh: ghi vài chữ"):
        services.create_article(by=world.users["clerk_a"], unit=world.unit_a, title="T", summary="S", body="B",
                                photo=jpeg(), photo_description="  ")


def test_an_empty_title_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError, match="Tiêu đề: chưa được ghi"):
        make_article(world, title="   ")


def test_a_clerk_may_not_write_for_another_unit(world):
    with pytest.raises(ValidationError, match="Đơn vị viết bài: bạn không được viết tin, bài cho đơn vị này"):
        make_article(world, by="clerk_b", unit=world.unit_a)


def test_the_standing_bodys_own_article_is_marked_and_approved_from_its_draft(world):
    article = make_article(world, by="specialist", unit=world.home_affairs)
    assert article.by_standing_body is True
    assert [t.name for t in ARTICLE_MACHINE.allowed(world.users["specialist"], article)] == ["approve", "withdraw"]
    services.approve_article(article, by=world.users["specialist"])
    assert article.state == ArticleState.APPROVED


def test_a_clerk_edits_a_draft_of_his_unit_and_adds_a_photo(world):
    article = make_article(world)
    services.update_article(article, by=world.users["clerk_a"], title="Tiêu đề mới", summary="Tóm tắt",
                            body="Nội dung", photo=jpeg(colour=(1, 2, 3)), photo_description="Ảnh thứ hai")
    article.refresh_from_db()
    assert (article.title, article.search_text) == ("Tiêu đề mới", "tieu de moi tom tat")
    assert [image.description for image in article.images.all()] == ["Lễ tuyên dương tại hội trường", "Ảnh thứ hai"]


def test_another_units_clerk_may_not_edit(world):
    article = make_article(world)
    with pytest.raises(PermissionDenied, match="Bạn không được sửa tin, bài này"):
        services.update_article(article, by=world.users["clerk_b"], title="X", summary="Y", body="Z")


def test_a_sent_article_can_no_longer_be_edited(world):
    article = make_article(world)
    ARTICLE_MACHINE.perform(article, "send", by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match="Tin, bài đang ở trạng thái “Chờ lãnh đạo đơn vị xác nhận”"):
        services.update_article(article, by=world.users["clerk_a"], title="X", summary="Y", body="Z")


def test_the_last_photo_cannot_be_removed(world):
    article = make_article(world)
    with pytest.raises(ValidationError, match="Tin, bài phải có ít nhất một ảnh"):
        services.remove_photo(article.images.get(), by=world.users["clerk_a"])


def test_clerk_sends_leader_confirms_specialist_approves_with_a_publication_time(world):
    leader = leader_of(world)
    article = make_article(world)
    clerk, specialist = world.users["clerk_a"], world.users["specialist"]
    assert [t.name for t in ARTICLE_MACHINE.allowed(clerk, article)] == ["send", "withdraw"]
    assert [t.name for t in ARTICLE_MACHINE.allowed(specialist, article)] == ["withdraw"]  # a unit's draft
    ARTICLE_MACHINE.run(article, "send", by=clerk)
    assert [t.name for t in ARTICLE_MACHINE.allowed(clerk, article)] == ["withdraw"]
    assert [t.name for t in ARTICLE_MACHINE.allowed(leader, article)] == ["confirm", "leader_return", "withdraw"]
    ARTICLE_MACHINE.run(article, "confirm", by=leader)
    assert article.state == ArticleState.SUBMITTED and article.confirmed_at is not None
    moment = timezone.now() + datetime.timedelta(days=2)
    services.approve_article(article, by=specialist, publish_at=moment)
    article.refresh_from_db()
    assert (article.state, article.publish_at) == (ArticleState.APPROVED, moment)
    assert [(c.to_state, c.by.username) for c in article.state_changes.all()] == [
        ("draft", "vanthu.a"), ("awaiting_confirmation", "vanthu.a"), ("submitted", "lanhdao.a"),
        ("approved", "chuyenvien")]


def test_another_units_leader_may_not_confirm(world):
    leader_of(world)
    other = leader_of(world, world.unit_b, "lanhdao.b")
    article = make_article(world)
    ARTICLE_MACHINE.perform(article, "send", by=world.users["clerk_a"])
    with pytest.raises(PermissionDenied, match="Bạn không được làm việc này với tin, bài này"):
        services.confirm_article(article, by=other)


def test_the_clerk_may_not_confirm_his_own_article(world):
    article = make_article(world)
    ARTICLE_MACHINE.perform(article, "send", by=world.users["clerk_a"])
    with pytest.raises(PermissionDenied, match="Bạn không được làm việc này với tin, bài này"):
        services.confirm_article(article, by=world.users["clerk_a"])


def test_returning_needs_a_reason_and_the_writer_sends_it_again(world):
    leader = leader_of(world)
    article = confirmed_article(world, leader)
    with pytest.raises(ValidationError, match="Hãy ghi lý do"):
        ARTICLE_MACHINE.run(article, "return", by=world.users["specialist"], reason=" ")
    ARTICLE_MACHINE.run(article, "return", by=world.users["specialist"], reason="Ảnh chưa rõ")
    assert article.state == ArticleState.RETURNED
    services.update_article(article, by=world.users["clerk_a"], title="Sửa lại", summary="S", body="B")
    ARTICLE_MACHINE.run(article, "send", by=world.users["clerk_a"])
    assert article.state == ArticleState.AWAITING_CONFIRMATION


def test_a_unit_may_not_withdraw_an_approved_article_the_standing_body_may(world):
    leader = leader_of(world)
    article = confirmed_article(world, leader)
    services.approve_article(article, by=world.users["specialist"])
    assert not ARTICLE_MACHINE.may(world.users["clerk_a"], article, "withdraw")
    ARTICLE_MACHINE.run(article, "withdraw", by=world.users["specialist"], reason="Thông tin chưa chính xác")
    assert article.state == ArticleState.WITHDRAWN
    assert article.state_changes.last().reason == "Thông tin chưa chính xác"


def test_each_step_tells_the_next_actor_in_the_app(world):
    from tdkt.notifications.models import Notification

    leader = leader_of(world)
    article = make_article(world)
    ARTICLE_MACHINE.run(article, "send", by=world.users["clerk_a"])
    services.confirm_article(article, by=leader)
    ARTICLE_MACHINE.run(article, "return", by=world.users["specialist"], reason="Ảnh chưa rõ")
    texts = {(n.user.username, n.text) for n in Notification.objects.select_related("user")}
    title = article.title
    assert texts == {
        ("lanhdao.a", f"Tin, bài “{title}” đang chờ ông/bà xác nhận."),
        ("chuyenvien", f"Sở Y tế đã gửi tin, bài “{title}” đề nghị đăng."),
        ("vanthu.a", f"Tin, bài “{title}” bị trả lại. Lý do: Ảnh chưa rõ"),
    }
