"""The signed copy of a published decision with its recorded signature check; the public movements."""

from django.test import Client

from tdkt.decisions.enums import DecisionState
from tdkt.movements.models import Milestone, MovementPhase
from tests.certificates.support import issued_decision
from tests.conftest import client_for
from tests.movements.support import make_movement
from tests.portal.support import SIGNED_BYTES, future_movement, launched_movement, with_signed_file


def test_anyone_downloads_the_signed_copy_of_a_published_decision(world):
    decision = with_signed_file(world)
    for persona in ("anonymous", "clerk_b"):
        response = client_for(world, persona).get(f"/portal/decisions/{decision.pk}/ban-ky-so.pdf")
        assert (response.status_code, response["Content-Type"], b"".join(response.streaming_content)) == (
            200, "application/pdf", SIGNED_BYTES)
        assert response["Content-Disposition"].endswith("quyet-dinh-123-Q%C4%90-UBND.pdf")


def test_the_signed_copy_of_a_decision_not_published_is_a_404(world):
    signed = with_signed_file(world, number=124, state=DecisionState.SIGNED)
    draft = issued_decision(world, number=125, state=DecisionState.DRAFT)
    published_without_file = issued_decision(world, number=126)
    for decision in (signed, draft, published_without_file):
        assert Client().get(f"/portal/decisions/{decision.pk}/ban-ky-so.pdf").status_code == 404
    assert Client().get(f"/portal/decisions/{signed.pk}/").status_code == 404


def test_the_decision_page_links_the_signed_copy_and_shows_the_recorded_check(world):
    decision = with_signed_file(world)
    html = Client().get(f"/portal/decisions/{decision.pk}/").content.decode()
    assert f'<a class="button primary" id="signed-copy-link" href="/portal/decisions/{decision.pk}/ban-ky-so.pdf">' \
        "Tải bản quyết định có chữ ký số (PDF)</a>" in html
    assert ('<p class="done" data-signature="valid">Hợp lệ: do NGUYỄN VĂN BÌNH ký (chứng thư số do Ban Cơ yếu Chính '
            "phủ cấp)") in html
    assert "Thời điểm ký: 15/12/2026 09:30 (có dấu thời gian)." in html


def test_a_decision_recorded_from_a_scan_says_it_has_no_digital_signature(world):
    decision = with_signed_file(world, signature=False)
    html = Client().get(f"/portal/decisions/{decision.pk}/").content.decode()
    assert ('<p data-signature="none">Không có chữ ký số: quyết định được lưu từ bản quét của bản giấy đã ký.</p>'
            in html)


def test_movements_are_public_from_their_launch_only(world):
    launched = launched_movement("Phong trào “Lào Cai xanh”", objectives="Trồng 1 triệu cây xanh.")
    MovementPhase.objects.create(movement=launched, name="Giai đoạn 2026 - 2030", start_date=launched.start_date,
                                 end_date=launched.end_date)
    Milestone.objects.create(movement=launched, kind="launch", on=launched.start_date, note="Ghi chú nội bộ")
    later = future_movement()
    for persona in ("anonymous", "clerk_a"):
        client = client_for(world, persona)
        listing = client.get("/portal/phong-trao/").content.decode()
        assert "Lào Cai xanh" in listing and later.name not in listing
        detail = client.get(f"/portal/phong-trao/{launched.pk}/").content.decode()
        assert "Trồng 1 triệu cây xanh." in detail and "Giai đoạn 2026 - 2030" in detail
        assert "Ghi chú nội bộ" not in detail  # the officers' notes stay internal
        assert client.get(f"/portal/phong-trao/{later.pk}/").status_code == 404


def test_the_movement_list_runs_a_fixed_number_of_queries(world, django_assert_num_queries):
    make_movement("Phong trào 1", start_date=launched_movement().start_date)
    with django_assert_num_queries(1):
        Client().get("/portal/phong-trao/")
    launched_movement("Phong trào 2")
    launched_movement("Phong trào 3")
    with django_assert_num_queries(1):
        Client().get("/portal/phong-trao/")
