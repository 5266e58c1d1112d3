"""The error pages officers meet are Vietnamese (DEBUG=False): 400, 403, 404, CSRF failure and 500 — the last
rendered with no context and no database."""

import re

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults

from tests.conftest import client_for
from tests.factories import PASSWORD

TITLE = re.compile(r"<title>([^<]*)</title>")
H1 = re.compile(r"<h1>([^<]*)</h1>")


def title_and_heading(response) -> tuple[str, str]:
    text = response.content.decode()
    return TITLE.search(text).group(1).split(" · ")[0].strip(), H1.search(text).group(1)


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def test_a_page_the_role_may_not_open_answers_the_vietnamese_403(world):
    response = client_for(world, "clerk_a").get(reverse("orgs:create"))
    assert response.status_code == 403
    assert title_and_heading(response) == ("Không có quyền truy cập", "Không có quyền truy cập")
    assert "Bạn không có quyền thực hiện thao tác này." in response.content.decode()


def test_an_unknown_address_answers_the_vietnamese_404(world):
    response = client_for(world, "clerk_a").get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert title_and_heading(response) == ("Không tìm thấy", "Không tìm thấy")


def test_another_units_object_answers_the_vietnamese_404(world):
    response = client_for(world, "clerk_b").get(reverse("orgs:detail", args=[world.unit_a.pk]))
    assert response.status_code == 404
    assert "Trang bạn yêu cầu không tồn tại hoặc bạn không có quyền xem." in response.content.decode()


def test_a_form_sent_without_its_csrf_token_answers_the_vietnamese_page(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "vanthu.a", "password": PASSWORD})
    assert response.status_code == 403
    text = response.content.decode()
    assert title_and_heading(response) == ("Biểu mẫu chưa được tiếp nhận", "Biểu mẫu chưa được tiếp nhận")
    assert "Hãy quay lại, tải lại trang rồi gửi lại biểu mẫu." in text
    assert "CSRF" not in text and "Forbidden" not in text  # Django's reason is not shown


def test_a_signed_in_officer_with_a_stale_form_keeps_the_menu(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["clerk_a"])
    response = client.post(reverse("accounts:password_change"), {"old_password": PASSWORD})
    assert response.status_code == 403
    assert 'class="mainnav"' in response.content.decode()


def test_a_request_django_refuses_answers_the_vietnamese_400(world):
    request = RequestFactory().get("/")
    request.user = world.users["clerk_a"]
    response = defaults.bad_request(request, SuspiciousOperation("bad"))
    assert response.status_code == 400
    assert "<h1>Không đọc được yêu cầu</h1>" in response.content.decode()


def test_the_500_page_renders_with_no_context_and_no_database():
    # No db fixture: pytest-django fails any query. Django's handler renders the template with no request.
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    text = response.content.decode()
    assert (TITLE.search(text).group(1), H1.search(text).group(1)) == ("Lỗi hệ thống", "Lỗi hệ thống")
    assert '<html lang="vi">' in text and '<a href="/">Về trang chủ</a>' in text
    assert "{%" not in text and "Server Error" not in text
