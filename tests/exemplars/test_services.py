"""The exemplar's rules: who may do each step, the photo re-encoded without metadata, bad input refused with a
Vietnamese message naming the field and nothing saved, the history and the contribution count."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from PIL import Image

from tdkt.audit.models import AuditEvent
from tdkt.exemplars import queries, services
from tdkt.exemplars.enums import ExemplarState
from tdkt.exemplars.models import Exemplar
from tdkt.exemplars.transitions import EXEMPLAR_MACHINE
from tdkt.lib.images import MAX_UPLOAD_BYTES
from tdkt.lib.portal_sections import CONTRIBUTIONS, SECTIONS
from tdkt.notifications.models import Notification
from tests.exemplars.support import bomb_png, draft, leader_of, photo, proposed, published
from tests.factories import make_award


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"
    with translation.override("vi"):
        yield


@pytest.fixture
def leader(world):
    return leader_of(world)


def test_a_draft_keeps_only_the_reencoded_photo_without_gps_or_camera(world):
    exemplar = draft(world)
    with exemplar.photo.open("rb") as handle, Image.open(io.BytesIO(handle.read())) as stored:
        assert (stored.format, stored.size, dict(stored.getexif())) == ("JPEG", (40, 30), {})
    assert (exemplar.photo_type, exemplar.photo_width, exemplar.photo_height) == ("image/jpeg", 40, 30)
    assert exemplar.photo.name == f"exemplars/{world.unit_a.pk}/{exemplar.photo_sha256}.jpg"


def test_the_whole_way_from_draft_to_archive_keeps_each_step_in_the_history(world, leader):
    exemplar = published(world, leader)
    services.archive_exemplar(exemplar, by=world.users["specialist"])
    steps = list(exemplar.state_changes.values_list("from_state", "to_state", "by__username"))
    assert steps == [("draft", "submitted", "vanthu.a"), ("submitted", "proposed", "lanhdao.a"),
                     ("proposed", "published", "chuyenvien"), ("published", "archived", "chuyenvien")]
    exemplar.refresh_from_db()
    assert exemplar.state == ExemplarState.ARCHIVED and exemplar.confirmed_at and exemplar.published_at


def test_a_clerk_cannot_confirm_his_own_units_exemplar(world):
    exemplar = services.submit_exemplar(draft(world), by=world.users["clerk_a"])
    with pytest.raises(PermissionDenied, match="Bạn không được làm việc này với điển hình này."):
        services.confirm_exemplar(exemplar, by=world.users["clerk_a"])


def test_a_leader_of_another_unit_cannot_confirm(world):
    exemplar = services.submit_exemplar(draft(world), by=world.users["clerk_a"])
    other = leader_of(world, unit=world.unit_b, username="lanhdao.b")
    assert EXEMPLAR_MACHINE.allowed(other, exemplar) == []
    with pytest.raises(PermissionDenied, match="Bạn không được làm việc này"):
        services.confirm_exemplar(exemplar, by=other)


def test_only_the_standing_body_publishes(world, leader):
    exemplar = proposed(world, leader)
    for persona in ("clerk_a", "council_member"):
        with pytest.raises(PermissionDenied, match="Bạn không được làm việc này"):
            services.publish_exemplar(exemplar, by=world.users[persona])
    with pytest.raises(PermissionDenied, match="Bạn không được làm việc này"):
        services.publish_exemplar(exemplar, by=leader)
    assert services.publish_exemplar(exemplar, by=world.users["specialist"]).state == ExemplarState.PUBLISHED


def test_a_return_needs_a_reason_and_the_clerk_may_then_correct_and_send_again(world, leader):
    exemplar = proposed(world, leader)
    with pytest.raises(ValidationError, match="Give the reason|lý do"):
        services.return_to_unit(exemplar, by=world.users["specialist"], reason="  ")
    services.return_to_unit(exemplar, by=world.users["specialist"], reason="Bổ sung ảnh rõ hơn")
    services.edit_exemplar(exemplar, by=world.users["clerk_a"], headline="Tiêu đề mới", story="Đoạn một.",
                           year=2025, quarter=2)
    again = services.submit_exemplar(Exemplar.objects.get(pk=exemplar.pk), by=world.users["clerk_a"])
    assert (again.state, again.headline, again.quarter) == (ExemplarState.SUBMITTED, "Tiêu đề mới", 2)
    assert exemplar.state_changes.filter(to_state="returned").values_list("reason", flat=True).get() == \
        "Bổ sung ảnh rõ hơn"


def test_a_proposed_exemplar_can_no_longer_be_edited(world, leader):
    exemplar = proposed(world, leader)
    with pytest.raises(ValidationError, match="Điển hình đang ở trạng thái “Đơn vị đã đề xuất” thì không sửa được nữa."):
        services.edit_exemplar(exemplar, by=world.users["clerk_a"], headline="Khác")


def test_a_clerk_of_unit_b_may_not_edit_unit_as_exemplar(world):
    exemplar = draft(world)
    with pytest.raises(PermissionDenied, match="Bạn không được sửa điển hình này."):
        services.edit_exemplar(exemplar, by=world.users["clerk_b"], headline="Sửa trộm")
    assert Exemplar.objects.get(pk=exemplar.pk).headline == "Người tốt hiến đất làm đường"


def test_a_clerk_may_not_propose_for_another_unit(world):
    with pytest.raises(ValidationError, match="Chỉ được đề xuất điển hình của đơn vị mình."):
        draft(world, by="clerk_b")
    with pytest.raises(ValidationError, match="Chỉ được đề xuất điển hình của đơn vị mình."):
        draft(world, by="specialist")
    assert Exemplar.objects.count() == 0


def test_a_file_that_is_not_a_photo_is_refused_naming_the_field_and_nothing_is_saved(world):
    with pytest.raises(ValidationError, match="Ảnh: tệp không phải là ảnh") as refused:
        services.create_exemplar(by=world.users["clerk_a"], unit=world.unit_a, kind="person", person=world.person_a,
                                 photo=photo("anh.jpg", b"%PDF-1.4 not a photo"), headline="Tiêu đề", story="Chuyện.",
                                 year=2025, quarter=None)
    assert list(refused.value.message_dict) == ["photo"]
    assert (Exemplar.objects.count(), AuditEvent.objects.filter(object_type="exemplars.exemplar").count()) == (0, 0)


def test_a_huge_photo_and_a_decompression_bomb_are_refused(world):
    huge = photo("to.jpg", b"\xff\xd8\xff" + b"\0" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ValidationError, match="Ảnh: ") as refused:
        services.create_exemplar(by=world.users["clerk_a"], unit=world.unit_a, kind="person", person=world.person_a,
                                 photo=huge, headline="Tiêu đề", story="Chuyện.", year=2025)
    assert "15" in refused.value.message_dict["photo"][0]
    with pytest.raises(ValidationError, match="50000 × 50000|50.000 × 50.000|50,000 × 50,000") as bomb:
        services.create_exemplar(by=world.users["clerk_a"], unit=world.unit_a, kind="person", person=world.person_a,
                                 photo=photo("bom.png", bomb_png()), headline="Tiêu đề", story="Chuyện.", year=2025)
    assert list(bomb.value.message_dict) == ["photo"]
    assert Exemplar.objects.count() == 0


def test_each_missing_field_is_named(world):
    with pytest.raises(ValidationError, match="Chọn cá nhân được nêu gương.") as refused:
        services.create_exemplar(by=world.users["clerk_a"], unit=world.unit_a, kind="person", person=None,
                                 headline=" ", story="", year=1800)
    assert refused.value.message_dict == {
        "person": ["Chọn cá nhân được nêu gương."], "headline": ["Ghi tiêu đề."], "story": ["Ghi câu chuyện."],
        "year": [f"Năm phải từ 1945 đến {timezone.localdate().year}."]}


def test_awards_of_the_subject_are_linked_and_anothers_award_is_refused(world):
    own = make_award(person=world.person_a, year=2023, decision_number="12/QĐ-UBND")
    other = make_award(person=world.person_b, year=2023)
    exemplar = draft(world)
    assert list(exemplar.awards.all()) == [own]
    with pytest.raises(ValidationError, match="Chỉ gắn khen thưởng của chính cá nhân hoặc tập thể được nêu gương."):
        services.edit_exemplar(exemplar, by=world.users["clerk_a"], awards=[own, other])
    assert list(Exemplar.objects.get(pk=exemplar.pk).awards.all()) == [own]


def test_the_folded_search_finds_a_name_without_diacritics(world, leader):
    exemplar = published(world, leader)
    assert list(queries.public_search("nguyen van an")) == [exemplar]
    assert list(queries.public_search("NGUYEN  an hien dat")) == [exemplar]
    assert list(queries.public_search("giang a pao")) == []


def test_the_portal_section_searches_published_exemplars_only(world, leader):
    draft(world, headline="Chưa đăng")
    exemplar = published(world, leader)
    section = SECTIONS["exemplars"]
    assert (str(section.label), section.url_name, section.order) == ("Điển hình tiên tiến", "exemplars:public_list", 40)
    hits = section.search("nguyen van an", 10)
    assert [(hit.title, hit.url, hit.summary) for hit in hits] == [
        ("Nguyễn Văn An — Người tốt hiến đất làm đường", f"/dien-hinh/{exemplar.pk}/", "Sở Y tế")]


def test_the_contribution_counts_what_the_leader_confirmed_in_the_quarter(world, leader):
    exemplar = proposed(world, leader)
    draft(world)  # not confirmed: not counted
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    count = CONTRIBUTIONS["exemplars"].count
    assert count(today.year, quarter) == {world.unit_a.pk: 1}
    assert count(today.year - 1, quarter) == {}
    services.return_to_unit(exemplar, by=world.users["specialist"], reason="Thiếu ảnh")
    assert count(today.year, quarter) == {}


def test_archiving_a_past_year_moves_its_published_exemplars_only(world, leader):
    old = published(world, leader, year=2024)
    current = published(world, leader, year=timezone.localdate().year)
    assert services.archive_year(2024, by=world.users["specialist"]) == 1
    assert dict(Exemplar.objects.values_list("pk", "state")) == {old.pk: "archived", current.pk: "published"}
    with pytest.raises(ValidationError, match="Chỉ lưu trữ được năm đã qua."):
        services.archive_year(timezone.localdate().year, by=world.users["specialist"])
    with pytest.raises(PermissionDenied, match="Chỉ cơ quan thường trực được lưu trữ điển hình."):
        services.archive_year(2024, by=leader)


def test_quarter_bounds_cover_the_year():
    assert [queries.quarter_bounds(2025, q)[0].date() for q in (1, 2, 3, 4)] == [
        datetime.date(2025, 1, 1), datetime.date(2025, 4, 1), datetime.date(2025, 7, 1), datetime.date(2025, 10, 1)]
    assert queries.quarter_bounds(2025, 4)[1].date() == datetime.date(2026, 1, 1)


def test_each_step_tells_the_next_actor(world, leader):
    exemplar = services.submit_exemplar(draft(world), by=world.users["clerk_a"])
    assert list(Notification.objects.filter(user=leader).values_list("text", "url")) == [
        ("Điển hình “Nguyễn Văn An — Người tốt hiến đất làm đường” đang chờ bạn xác nhận.",
         f"/exemplars/{exemplar.pk}/")]
    services.return_to_clerk(exemplar, by=leader, reason="Ảnh mờ")
    assert list(Notification.objects.filter(user=world.users["clerk_a"]).values_list("text", flat=True)) == [
        "Điển hình “Nguyễn Văn An — Người tốt hiến đất làm đường” bị trả lại. Lý do: Ảnh mờ"]
