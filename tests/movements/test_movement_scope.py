"""The form 0601.N's dimensions on the movement form and page: scope (recorded or derived), duration band, method."""

import datetime

from django.urls import reverse

from tdkt.movements.models import Movement
from tests.conftest import client_for
from tests.movements.support import make_movement


def _post(client, **extra):
    data = {"name": "Thi đua chuyển đổi số tỉnh", "code": "cds", "level": "province", "authority": "Chủ tịch UBND tỉnh",
            "kind": "thematic", "start_date": "01/03/2026", "end_date": "31/12/2030", "target_scope": "everyone"}
    return client.post(reverse("movements:create"), data | extra)


def test_the_form_records_a_chosen_scope(world):
    response = _post(client_for(world, "specialist"), scope="groups")
    movement = Movement.objects.get(code="CDS")
    assert response.status_code == 302
    assert (movement.scope, movement.statistical_scope) == ("groups", "groups")


def test_a_blank_scope_is_derived_and_says_so(world):
    client = client_for(world, "specialist")
    _post(client)
    movement = Movement.objects.get(code="CDS")
    assert movement.scope == ""
    page = client.get(reverse("movements:detail", kwargs={"pk": movement.pk})).content.decode()
    assert ('<dd id="statistical-scope">Bộ, ngành, địa phương (suy ra từ cấp phát động và đối tượng tham gia)</dd>'
            in page)
    assert '<dd id="duration-band">Từ 3 năm đến dưới 5 năm</dd>' in page  # 03/2026–12/2030: 58 months
    assert '<dd id="statistical-method">Chuyên đề</dd>' in page


def test_the_form_shows_the_help_text(world):
    page = client_for(world, "specialist").get(reverse("movements:create")).content.decode()
    assert "Để trống thì suy ra từ cấp phát động và đối tượng tham gia." in page


def test_a_movement_without_end_shows_the_band_as_not_set(world):
    movement = make_movement(end_date=None, scope="unit", kind="regular")
    page = client_for(world, "clerk_a").get(reverse("movements:detail", kwargs={"pk": movement.pk})).content.decode()
    assert '<dd id="duration-band">chưa xác định thời gian kết thúc</dd>' in page
    assert '<dd id="statistical-scope">Cơ quan, đơn vị</dd>' in page
    assert '<dd id="statistical-method">Thường xuyên (hằng năm)</dd>' in page


def test_a_one_year_movement_is_in_the_one_year_band(world):
    movement = make_movement(start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 12, 31))
    page = client_for(world, "clerk_a").get(reverse("movements:detail", kwargs={"pk": movement.pk})).content.decode()
    assert '<dd id="duration-band">1 năm</dd>' in page
