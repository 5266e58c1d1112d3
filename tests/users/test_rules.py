"""Who may manage which accounts and grant which roles (tdkt.accounts.user_rules), and the audited writes
(tdkt.accounts.user_admin): each refusal names its field in Vietnamese, each write leaves one audit row."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from tdkt.accounts import user_admin
from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.accounts.services import second_factor_required
from tdkt.accounts.user_rules import GRANTABLE_ROLES, get_user_for_manager, managed_users
from tdkt.audit.models import AuditEvent
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def leader_a(world):
    return make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a, full_name="Trần Văn Lãnh")


def _events(user):
    return list(AuditEvent.objects.filter(object_type="accounts.user", object_id=str(user.pk))
                .order_by("id").values_list("action", "changes"))


def test_grantable_roles_table_is_named_per_role():
    assert GRANTABLE_ROLES[Role.UNIT_LEADER] == {Role.UNIT_CLERK}
    assert Role.SYSTEM_ADMIN not in GRANTABLE_ROLES[Role.PROVINCE_SPECIALIST]
    assert GRANTABLE_ROLES[Role.SYSTEM_ADMIN] == set(Role)
    assert Role.UNIT_CLERK not in GRANTABLE_ROLES  # a clerk manages no account


def test_leader_granting_province_specialist_is_refused_in_vietnamese(world, leader_a):
    clerk = world.users["clerk_a"]
    with pytest.raises(ValidationError, match="Vai trò: anh/chị không được cấp vai trò “Chuyên viên") as caught:
        user_admin.add_membership(clerk, by=leader_a, role=Role.PROVINCE_SPECIALIST, unit=world.unit_a)
    assert list(caught.value.message_dict) == ["role"]
    assert list(clerk.memberships.values_list("role", flat=True)) == [Role.UNIT_CLERK]
    assert AuditEvent.objects.filter(object_type="accounts.membership").count() == 0


def test_leader_may_not_grant_a_clerk_seat_in_another_unit(world, leader_a):
    with pytest.raises(ValidationError, match="Đơn vị: anh/chị chỉ được giao vai trò trong đơn vị mình lãnh đạo"):
        user_admin.add_membership(world.users["clerk_a"], by=leader_a, role=Role.UNIT_CLERK, unit=world.unit_b)


def test_leader_manages_his_units_clerks_and_their_sub_units_only(world, leader_a):
    clerk_child = make_user("vanthu.bv", role=Role.UNIT_CLERK, unit=world.unit_a_child)
    assert set(managed_users(leader_a)) == {world.users["clerk_a"], clerk_child}
    with pytest.raises(Http404, match="^$"):
        get_user_for_manager(leader_a, world.users["clerk_b"].pk)
    with pytest.raises(Http404, match="^$"):  # his own account is not a clerk's
        get_user_for_manager(leader_a, leader_a.pk)


def test_a_clerk_with_a_role_elsewhere_is_out_of_the_leaders_reach(world, leader_a):
    clerk = world.users["clerk_a"]
    Membership.objects.create(user=clerk, role=Role.UNIT_CLERK, unit=world.unit_b)
    with pytest.raises(Http404, match="^$"):
        get_user_for_manager(leader_a, clerk.pk)


def test_specialist_manages_everyone_but_administrators(world):
    specialist = world.users["specialist"]
    assert world.users["admin"] not in set(managed_users(specialist))
    assert set(managed_users(specialist)) == set(User.objects.exclude(pk=world.users["admin"].pk))
    assert set(managed_users(world.users["admin"])) == set(User.objects.all())
    assert list(managed_users(world.users["clerk_a"])) == []


def test_specialist_may_not_grant_system_admin(world):
    with pytest.raises(ValidationError, match="không được cấp vai trò “Quản trị hệ thống”"):
        user_admin.add_membership(world.users["clerk_a"], by=world.users["specialist"], role=Role.SYSTEM_ADMIN,
                                  unit=world.province)


def test_create_user_with_temporary_password_and_clerk_seat_is_audited(world, leader_a):
    user, password = user_admin.create_user(
        by=leader_a, username="vanthu.moi", full_name="  Lê  Thị Mai ", email="mai@example.org", phone="0912 345 678",
        role=Role.UNIT_CLERK, unit=world.unit_a_child)
    user.refresh_from_db()
    assert (user.full_name, user.last_name, user.first_name, user.phone) == ("Lê Thị Mai", "Lê", "Thị Mai",
                                                                              "0912 345 678")
    assert user.must_change_password is True
    assert user.check_password(password)
    assert list(user.memberships.values_list("role", "unit_id", "valid_from", "valid_to")) == [
        (Role.UNIT_CLERK, world.unit_a_child.pk, TODAY, None)]
    assert _events(user) == [("create", {"after": {
        "username": "vanthu.moi", "full_name": "Lê Thị Mai", "email": "mai@example.org", "phone": "0912 345 678",
        "must_change_password": True}})]
    membership_event = AuditEvent.objects.get(object_type="accounts.membership")
    assert (membership_event.actor, membership_event.changes) == (leader_a, {"after": {
        "role": "unit_clerk", "units": ["Bệnh viện Đa khoa tỉnh"], "valid_from": str(TODAY), "valid_to": None}})
    assert password not in str(list(AuditEvent.objects.values_list("changes", flat=True)))


def test_create_user_refuses_a_taken_name_whatever_its_case(world):
    with pytest.raises(ValidationError, match="Tên đăng nhập: “VANTHU.A” đã có người dùng."):
        user_admin.create_user(by=world.users["specialist"], username="VANTHU.A", full_name="Ai Đó")
    assert User.objects.filter(username__iexact="vanthu.a").count() == 1


def test_a_leaders_new_account_needs_its_role_and_unit(world, leader_a):
    with pytest.raises(ValidationError, match="Vai trò: hãy chọn vai trò và đơn vị của tài khoản mới."):
        user_admin.create_user(by=leader_a, username="vanthu.x", full_name="Lò Văn Xa")
    assert not User.objects.filter(username="vanthu.x").exists()


def test_a_refused_role_leaves_no_half_created_account(world, leader_a):
    with pytest.raises(ValidationError, match="không được cấp vai trò"):
        user_admin.create_user(by=leader_a, username="vanthu.y", full_name="Lò Thị Y", role=Role.UNIT_LEADER,
                               unit=world.unit_a)
    assert not User.objects.filter(username="vanthu.y").exists()


def test_deactivate_and_reactivate_are_audited_and_never_on_oneself(world):
    specialist, clerk = world.users["specialist"], world.users["clerk_a"]
    user_admin.set_active(clerk, by=specialist, active=False)
    clerk.refresh_from_db()
    assert clerk.is_active is False
    user_admin.set_active(clerk, by=specialist, active=True)
    assert _events(clerk) == [("update", {"is_active": [True, False]}), ("update", {"is_active": [False, True]})]
    with pytest.raises(ValidationError, match="không thể tự thay đổi tài khoản của mình"):
        user_admin.set_active(specialist, by=specialist, active=False)


def test_reset_password_gives_a_new_temporary_password_to_change(world):
    clerk = world.users["clerk_a"]
    password = user_admin.reset_password(clerk, by=world.users["specialist"])
    clerk.refresh_from_db()
    assert clerk.check_password(password) and clerk.must_change_password
    assert len(password) == 17 and any(c.isdigit() for c in password) and "-" in password
    assert _events(clerk) == [("update", {"password": ["***", "***"], "must_change_password": True})]


def test_reset_second_factor_forgets_the_authenticator(world):
    signer = world.users["signer"]
    signer.totp_secret, signer.totp_confirmed_at, signer.totp_last_step = "JBSWY3DPEHPK3PXP", timezone.now(), 5
    signer.save()
    user_admin.reset_second_factor(signer, by=world.users["specialist"])
    signer.refresh_from_db()
    assert (signer.totp_secret, signer.totp_confirmed_at, signer.totp_last_step) == ("", None, None)
    assert second_factor_required(signer)  # a signer enrols again at the next sign-in
    assert _events(signer) == [("update", {"second_factor": ["enrolled", None]})]


def test_unlock_forgets_the_failures_of_every_address(world, settings):
    clerk = world.users["clerk_a"]
    for address in ("10.0.0.1", "10.0.0.2"):
        AccessAttempt.objects.create(username="vanthu.a", ip_address=address, user_agent="x", get_data="",
                                     post_data="", http_accept="", path_info="/login/",
                                     failures_since_start=settings.LOGIN_MAX_FAILURES)
    AccessAttempt.objects.create(username="vanthu.b", ip_address="10.0.0.1", user_agent="x", get_data="",
                                 post_data="", http_accept="", path_info="/login/", failures_since_start=1)
    assert user_admin.is_locked(clerk)
    assert user_admin.unlock(clerk, by=world.users["specialist"]) == 2 * settings.LOGIN_MAX_FAILURES
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["vanthu.b"]
    assert not user_admin.is_locked(clerk)
    assert _events(clerk) == [("update", {"failures": 2 * settings.LOGIN_MAX_FAILURES, "locked": [True, False]})]


def test_end_membership_now_keeps_it_as_history(world, leader_a):
    membership = world.users["clerk_a"].memberships.get()
    user_admin.end_membership(membership, by=leader_a)
    membership.refresh_from_db()
    assert membership.valid_to == TODAY - datetime.timedelta(days=1)
    assert Membership.objects.filter(user_id=membership.user_id, valid_to__gte=TODAY).count() == 0
    with pytest.raises(ValidationError, match="Ngày cuối: vai trò này đã kết thúc."):
        user_admin.end_membership(membership, by=leader_a)


def test_end_membership_before_its_start_is_refused(world):
    membership = Membership.objects.create(user=world.users["clerk_b"], role=Role.UNIT_LEADER, unit=world.unit_b,
                                           valid_from=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="Ngày cuối: vai trò bắt đầu từ ngày 01/03/2026"):
        user_admin.end_membership(membership, by=world.users["specialist"], on=datetime.date(2026, 2, 1))


def test_an_ended_role_granted_again_reopens_its_row(world):
    specialist, clerk = world.users["specialist"], world.users["clerk_b"]
    membership = clerk.memberships.get()
    membership.valid_to = TODAY - datetime.timedelta(days=10)
    membership.save()
    again = user_admin.add_membership(clerk, by=specialist, role=Role.UNIT_CLERK, unit=world.unit_b)
    assert (again.pk, again.valid_from, again.valid_to) == (membership.pk, TODAY, None)
    with pytest.raises(ValidationError, match="Vai trò: tài khoản đã có vai trò này trong đơn vị này."):
        user_admin.add_membership(clerk, by=specialist, role=Role.UNIT_CLERK, unit=world.unit_b)


def test_group_head_needs_its_group(world):
    with pytest.raises(ValidationError, match="Cụm, khối thi đua: trưởng cụm, khối phải có cụm, khối của mình."):
        user_admin.add_membership(world.users["clerk_b"], by=world.users["specialist"], role=Role.GROUP_HEAD,
                                  unit=world.unit_a)


def test_leader_reaches_a_sub_unit_created_later(world, leader_a):
    later = make_unit("Trung tâm Kiểm soát bệnh tật", parent=world.unit_a)
    user, _password = user_admin.create_user(by=leader_a, username="vanthu.cdc", full_name="Hà Thị Cúc",
                                             role=Role.UNIT_CLERK, unit=later)
    assert get_user_for_manager(leader_a, user.pk) == user
