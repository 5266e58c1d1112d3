"""The users screen per persona: the standing body, the administrator, a leader with his own unit's clerks
(another unit's account is a 404), clerks refused, the anonymous sent to sign in; forms, confirmations, the
temporary password shown once, the first sign-in's password change, the Django admin for administrators only."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.audit.models import AuditEvent
from tests.conftest import client_for
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_a(world):
    return make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a, full_name="Trần Văn Lãnh")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _names(response) -> list[str]:
    return [u.get_full_name() for u in response.context["page"]]


def test_specialist_lists_every_account_but_the_administrators(world, leader_a):
    response = client_for(world, "specialist").get(reverse("users:list"))
    assert response.status_code == 200
    # ordered by the database's collation of full names (binary on SQLite, the locale's on PostgreSQL)
    assert set(_names(response)) == {"chutich", "chuyenvien", "Trần Văn Lãnh", "uyvien", "vanthu.a", "vanthu.b"}
    assert "quantri" not in response.content.decode()


def test_search_ignores_accents_and_filters_by_unit_role_and_state(world, leader_a):
    client = client_for(world, "specialist")
    assert _names(client.get(reverse("users:list"), {"q": "tran van lanh"})) == ["Trần Văn Lãnh"]
    assert _names(client.get(reverse("users:list"), {"unit": world.unit_a.pk})) == ["Trần Văn Lãnh", "vanthu.a"]
    assert _names(client.get(reverse("users:list"), {"role": Role.UNIT_CLERK})) == ["vanthu.a", "vanthu.b"]
    User.objects.filter(pk=world.users["clerk_b"].pk).update(is_active=False)
    assert _names(client.get(reverse("users:list"), {"active": "no"})) == ["vanthu.b"]


def test_leader_sees_only_his_units_clerks(world, leader_a):
    client = _client(leader_a)
    assert _names(client.get(reverse("users:list"))) == ["vanthu.a"]
    assert client.get(reverse("users:detail", args=[world.users["clerk_a"].pk])).status_code == 200
    assert client.get(reverse("users:detail", args=[world.users["clerk_b"].pk])).status_code == 404
    assert client.get(reverse("users:edit", args=[world.users["clerk_b"].pk])).status_code == 404
    assert client.post(reverse("users:action", args=[world.users["clerk_b"].pk, "deactivate"])).status_code == 404
    assert User.objects.get(pk=world.users["clerk_b"].pk).is_active is True
    membership_b = world.users["clerk_b"].memberships.get()
    assert client.get(reverse("users:membership_end", args=[membership_b.pk])).status_code == 404


def test_clerk_and_council_member_are_refused_and_the_anonymous_sent_to_sign_in(world):
    for persona in ("clerk_a", "council_member", "signer"):
        assert client_for(world, persona).get(reverse("users:list")).status_code == 403
    response = Client().get(reverse("users:list"))
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/users/")


def test_administrator_sees_administrators_and_the_specialist_does_not(world):
    admin = world.users["admin"]
    assert client_for(world, "admin").get(reverse("users:detail", args=[admin.pk])).status_code == 200
    assert client_for(world, "specialist").get(reverse("users:detail", args=[admin.pk])).status_code == 404


def test_list_is_a_fixed_number_of_queries(world, leader_a):
    client = client_for(world, "specialist")
    client.get(reverse("users:list"))  # the session and the menu's caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("users:list"), {"q": "vanthu"})
    for n in range(3):
        make_user(f"vanthu.them{n}", role=Role.UNIT_CLERK, unit=world.unit_a)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("users:list"), {"q": "vanthu"})
    assert len(_names(response)) == 5
    assert len(many) == len(few)


def test_leader_list_is_a_fixed_number_of_queries(world, leader_a):
    client = _client(leader_a)
    client.get(reverse("users:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("users:list"))
    for n in range(3):
        make_user(f"vanthu.them{n}", role=Role.UNIT_CLERK, unit=world.unit_a_child)
    with CaptureQueriesContext(connection) as many:
        assert len(_names(client.get(reverse("users:list")))) == 4
    assert len(many) == len(few)


def test_account_page_shows_the_sign_in_name_roles_and_history(world):
    specialist, clerk = world.users["specialist"], world.users["clerk_a"]
    client = client_for(world, "specialist")
    client.post(reverse("users:action", args=[clerk.pk, "reset-password"]))
    page = client.get(reverse("users:detail", args=[clerk.pk]))
    text = page.content.decode()
    assert '<dd id="sign-in-name">vanthu.a</dd>' in text
    assert "Cán bộ phụ trách TĐKT đơn vị" in text and "Sở Y tế" in text
    rows = page.context["history"]
    assert [(row.actor, row.action) for row in rows] == [(specialist.get_full_name(), "Cập nhật")]
    # the password itself is hidden; that it must be changed (a yes/no) is shown
    assert [(d.label, d.value) for d in rows[0].details] == [
        ("Mật khẩu", "(đã thay đổi, không hiển thị)"), ("phải đổi mật khẩu", "có")]
    assert "phải đặt mật khẩu mới khi đăng nhập lần tới" in text


def test_specialist_creates_an_account_and_sees_its_temporary_password_once(world):
    client = client_for(world, "specialist")
    form = client.get(reverse("users:create"))
    assert form.status_code == 200
    response = client.post(reverse("users:create"), {
        "full_name": "Lò Thị Hoa", "username": "vanthu.sobnv", "email": "", "phone": "", "role": Role.UNIT_CLERK,
        "unit": world.unit_b.pk, "valid_from": ""})
    assert response.status_code == 200
    password = response.context["password"]
    user = User.objects.get(username="vanthu.sobnv")
    assert user.check_password(password) and user.must_change_password
    assert f'<code id="temporary-password" lang="zxx">{password}</code>' in response.content.decode()
    assert list(user.memberships.values_list("role", "unit")) == [(Role.UNIT_CLERK, world.unit_b.pk)]
    assert password not in client.get(reverse("users:detail", args=[user.pk])).content.decode()


def test_create_form_names_the_field_of_a_taken_user_name(world):
    response = client_for(world, "specialist").post(reverse("users:create"), {
        "full_name": "Ai Đó", "username": "VanThu.A", "role": "", "valid_from": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"username": ["Tên đăng nhập: “VanThu.A” đã có người dùng."]}


def test_leader_is_offered_only_the_clerks_role_and_his_units(world, leader_a):
    client = _client(leader_a)
    form = client.get(reverse("users:membership_add", args=[world.users["clerk_a"].pk])).context["form"]
    assert list(form.fields["role"].choices) == [(Role.UNIT_CLERK, "Cán bộ phụ trách TĐKT đơn vị")]
    assert set(form.fields["unit"].queryset) == {world.unit_a, world.unit_a_child}
    assert "council" not in form.fields
    response = client.post(reverse("users:membership_add", args=[world.users["clerk_a"].pk]),
                           {"role": Role.PROVINCE_SPECIALIST, "unit": world.unit_a.pk})
    assert "role" in response.context["form"].errors
    assert world.users["clerk_a"].memberships.count() == 1


def test_leader_gives_and_ends_a_clerks_seat(world, leader_a):
    client, clerk = _client(leader_a), world.users["clerk_a"]
    response = client.post(reverse("users:membership_add", args=[clerk.pk]),
                           {"role": Role.UNIT_CLERK, "unit": world.unit_a_child.pk, "valid_from": "", "valid_to": ""})
    assert response.status_code == 302
    seat = clerk.memberships.get(unit=world.unit_a_child)
    confirm = client.get(reverse("users:membership_end", args=[seat.pk]))
    assert "Bệnh viện Đa khoa tỉnh kết thúc" in confirm.content.decode()
    assert client.post(reverse("users:membership_end", args=[seat.pk]), {"on": ""}).status_code == 302
    seat.refresh_from_db()
    assert seat.valid_to is not None
    assert AuditEvent.objects.filter(object_type="accounts.membership", object_id=str(seat.pk)).count() == 2


def test_deactivation_is_confirmed_first_and_audited(world):
    client, clerk = client_for(world, "specialist"), world.users["clerk_a"]
    confirm = client.get(reverse("users:action", args=[clerk.pk, "deactivate"]))
    assert "Người dùng không đăng nhập được nữa" in confirm.content.decode()
    assert User.objects.get(pk=clerk.pk).is_active is True
    response = client.post(reverse("users:action", args=[clerk.pk, "deactivate"]))
    assert response.status_code == 302
    assert User.objects.get(pk=clerk.pk).is_active is False
    assert AuditEvent.objects.filter(object_type="accounts.user", object_id=str(clerk.pk),
                                     changes={"is_active": [True, False]}).count() == 1
    assert client.get(reverse("users:action", args=[clerk.pk, "explode"])).status_code == 404


def test_own_account_is_shown_without_actions_and_refused_in_vietnamese(world):
    client, specialist = client_for(world, "specialist"), world.users["specialist"]
    page = client.get(reverse("users:detail", args=[specialist.pk])).content.decode()
    assert 'id="deactivate"' not in page
    response = client.post(reverse("users:action", args=[specialist.pk, "deactivate"]))
    assert response.status_code == 200
    assert response.context["error"] == ("Anh/chị không thể tự thay đổi tài khoản của mình ở trang này; "
                                         "hãy nhờ một người quản trị khác.")


def test_export_lists_the_filtered_accounts_without_sign_in_names_and_is_audited(world):
    response = client_for(world, "specialist").get(reverse("users:export"), {"role": Role.UNIT_CLERK})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["STT", "Họ và tên", "Thư điện tử", "Điện thoại", "Vai trò hiện có", "Trạng thái",
                       "Đăng nhập lần cuối"]
    assert [row[1] for row in rows[1:]] == ["vanthu.a", "vanthu.b"]
    assert rows[1][4] == "Cán bộ phụ trách TĐKT đơn vị — Sở Y tế"
    event = AuditEvent.objects.get(action="export", object_type="accounts.user")
    assert event.changes == {"rows": 2, "query": ""}


def test_temporary_password_must_be_changed_at_the_first_sign_in(world):
    clerk = world.users["clerk_a"]
    User.objects.filter(pk=clerk.pk).update(must_change_password=True)
    client = Client()
    assert client.post(reverse("accounts:login"), {"username": "vanthu.a", "password": PASSWORD}).status_code == 302
    response = client.get(reverse("core:dashboard"))
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:password_change"))
    assert client.get(reverse("dossiers:inbox")).status_code == 302
    new = "Hoa-Ban-2026!"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert User.objects.get(pk=clerk.pk).must_change_password is False
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_django_admin_is_for_administrators_only(world):
    specialist = client_for(world, "specialist").get("/admin/")
    assert specialist.status_code == 302
    followed = client_for(world, "specialist").get(specialist["Location"])
    assert followed.status_code == 302 and followed["Location"] == reverse("users:list")
    assert client_for(world, "clerk_a").get("/admin/login/").status_code == 403
    User.objects.filter(pk=world.users["specialist"].pk).update(is_staff=True)  # staff is not enough
    assert client_for(world, "specialist").get("/admin/").status_code == 302
    User.objects.filter(pk=world.users["admin"].pk).update(is_staff=True)
    assert client_for(world, "admin").get("/admin/").status_code == 200
    Membership.objects.filter(user=world.users["admin"]).delete()
    root = User.objects.create_superuser("goc", password=PASSWORD)
    assert _client(root).get("/admin/").status_code == 200
    assert Client().get("/admin/login/").status_code == 200  # the one sign-in page
