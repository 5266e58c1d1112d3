"""`manage.py seed_demo`: the demo province is real where it can be, complete, deterministic and idempotent."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from vietnam_provinces import Ward

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.audit.models import AuditEvent
from tdkt.lib.vntext import fold
from tdkt.orgs.demo.accounts import DEMO_PASSWORD
from tdkt.orgs.enums import CouncilLevel, CouncilRole, GroupKind, GroupRole, UnitKind
from tdkt.orgs.models import Council, CouncilMember, EmulationGroup, EmulationGroupYear, Unit
from tdkt.people.models import Household, Person
from tdkt.people.validators import validate_national_id

LAO_CAI = 15
YEAR = 2026
PERSONS = 200

EXPECTED_ROLES = {
    "admin": (Role.SYSTEM_ADMIN, "Ủy ban nhân dân tỉnh Lào Cai"),
    "chuyenvien": (Role.PROVINCE_SPECIALIST, "Sở Nội vụ"),
    "vanthu.soyte": (Role.UNIT_CLERK, "Sở Y tế"),
    "lanhdao.soyte": (Role.UNIT_LEADER, "Sở Y tế"),
    "vanthu.xa": (Role.UNIT_CLERK, "Xã A Mú Sung"),
    "lanhdao.xa": (Role.UNIT_LEADER, "Xã A Mú Sung"),
    "uyvien": (Role.COUNCIL_MEMBER, "Ủy ban nhân dân tỉnh Lào Cai"),
    "thuky": (Role.COUNCIL_SECRETARY, "Ủy ban nhân dân tỉnh Lào Cai"),
    "chutich": (Role.SIGNER, "Ủy ban nhân dân tỉnh Lào Cai"),
    "truongcum": (Role.GROUP_HEAD, "Xã A Mú Sung"),
}


def seed(**options) -> str:
    out = StringIO()
    options = {"province": "Lào Cai", "persons": PERSONS, "seed": "7", "year": YEAR} | options
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def lao_cai_ward_codes() -> set[str]:
    return {f"{int(w.code):05d}" for w in Ward.iter_all() if int(w.province_code) == LAO_CAI}


def people_fingerprint() -> str:
    rows = Person.objects.order_by("id").values_list(
        "full_name", "gender", "birth_date", "ethnicity", "position", "category", "national_id", "unit__code"
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


@pytest.mark.django_db
def test_real_communes_departments_and_council():
    output = seed(province="lao cai")  # diacritics are optional

    communes = Unit.objects.filter(kind=UnitKind.COMMUNE)
    assert communes.count() == len(lao_cai_ward_codes()) == 99
    assert set(communes.values_list("admin_code", flat=True)) == lao_cai_ward_codes()
    assert Unit.objects.get(admin_code="02647").name == "Phường Lào Cai"
    pc = Unit.objects.get(kind=UnitKind.PEOPLES_COMMITTEE)
    assert pc.name == "Ủy ban nhân dân tỉnh Lào Cai"
    assert set(communes.values_list("parent_id", flat=True)) == {pc.id}
    for name in ("Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường",
                 "Sở Văn hóa, Thể thao và Du lịch", "Thanh tra tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"):
        assert Unit.objects.get(name=name, kind=UnitKind.DEPARTMENT).parent_id == pc.id
    assert Unit.objects.get(name="Công an tỉnh").kind == UnitKind.CENTRAL_AGENCY
    assert Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh").kind == UnitKind.MASS_ORGANISATION
    assert Unit.objects.filter(kind=UnitKind.SCHOOL, parent__kind=UnitKind.COMMUNE).count() >= 2 * 99
    assert Unit.objects.filter(kind=UnitKind.ENTERPRISE).count() >= 10

    # Area flags: the shares of a mountainous border province, exactly.
    assert communes.filter(is_ethnic_minority_area=True).count() == round(0.40 * 99)
    assert communes.filter(is_remote=True).count() == round(0.25 * 99)
    assert communes.filter(is_border=True).count() == round(0.15 * 99)
    assert communes.filter(is_especially_difficult=True).count() == round(0.20 * 99)
    assert not communes.filter(name__startswith="Phường ", is_remote=True).exists()

    council = Council.objects.get(level=CouncilLevel.PROVINCE)
    assert council.unit_id == pc.id
    roles = list(CouncilMember.objects.filter(council=council).values_list("role", flat=True))
    assert roles.count(CouncilRole.CHAIR) == 1
    assert roles.count(CouncilRole.SECRETARY) == 1
    assert roles.count(CouncilRole.STANDING_MEMBER) == 1
    assert roles.count(CouncilRole.VICE_CHAIR) >= 1
    assert roles.count(CouncilRole.MEMBER) >= 5
    chair = CouncilMember.objects.get(council=council, role=CouncilRole.CHAIR)
    assert chair.person.position == "Chủ tịch UBND tỉnh"
    assert chair.user.username == "chutich"
    standing = CouncilMember.objects.get(council=council, role=CouncilRole.STANDING_MEMBER)
    assert standing.person.position == "Giám đốc Sở Nội vụ"
    secretary = CouncilMember.objects.get(council=council, role=CouncilRole.SECRETARY)
    assert secretary.person.unit.name == "Phòng Thi đua - Khen thưởng"
    assert secretary.user.username == "thuky"
    # Two departments' councils and the home commune's (Hội đồng TĐKT cấp xã, decisions.demo_authorities).
    assert Council.objects.filter(level=CouncilLevel.UNIT).count() == 3

    assert "Xong sau" in output


@pytest.mark.django_db
def test_demo_accounts_one_per_role():
    output = seed()
    for username, (role, unit_name) in EXPECTED_ROLES.items():
        membership = Membership.objects.select_related("user", "unit").get(user__username=username)
        assert (membership.role, membership.unit.name) == (role, unit_name), username
        assert membership.user.full_name
        assert username in output
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(DEMO_PASSWORD)
    assert not User.objects.get(username="chuyenvien").is_superuser
    council = Council.objects.get(level=CouncilLevel.PROVINCE)
    for username in ("uyvien", "thuky", "chutich"):
        assert Membership.objects.get(user__username=username).council_id == council.id
    group_head = Membership.objects.get(user__username="truongcum")
    group_year = EmulationGroupYear.objects.get(group=group_head.emulation_group, year=YEAR)
    assert group_head.emulation_group.kind == GroupKind.CLUSTER
    assert group_year.head == group_head.unit
    assert DEMO_PASSWORD in output
    assert "TOTP" in output


@pytest.mark.django_db
def test_groups_have_one_head_and_one_deputy_this_year():
    seed()
    group_years = EmulationGroupYear.objects.filter(year=YEAR).prefetch_related("memberships")
    assert group_years.count() == EmulationGroup.objects.count()
    for group_year in group_years:
        roles = [m.role for m in group_year.memberships.all()]
        assert roles.count(GroupRole.HEAD) == 1, group_year
        assert roles.count(GroupRole.DEPUTY) == 1, group_year
    clusters = group_years.filter(group__kind=GroupKind.CLUSTER)
    assert 8 <= clusters.count() <= 12
    in_clusters = [m.unit_id for gy in clusters for m in gy.memberships.all()]
    assert sorted(in_clusters) == sorted(Unit.objects.filter(kind=UnitKind.COMMUNE).values_list("id", flat=True))
    block_names = set(group_years.filter(group__kind=GroupKind.BLOCK).values_list("group__name", flat=True))
    assert {"Khối các cơ quan Tổng hợp", "Khối Kinh tế", "Khối Văn hóa – Xã hội", "Khối Nội chính",
            "Khối Đảng, Đoàn thể", "Khối Doanh nghiệp"} <= block_names


@pytest.mark.django_db
def test_people_and_households_are_plausible():
    seed()
    assert Person.objects.count() == PERSONS
    for person in Person.objects.all():
        assert person.name_folded == fold(person.full_name)
        assert person.birth_year == person.birth_date.year
        assert 22 <= YEAR - person.birth_year <= 61
        if person.national_id:
            validate_national_id(person.national_id)
            century_gender = int(person.national_id[3])
            assert century_gender % 2 == (0 if person.gender == "male" else 1)
            assert person.national_id[4:6] == f"{person.birth_year % 100:02d}"
    assert Person.objects.exclude(national_id=None).count() >= PERSONS // 10
    minority_area = Person.objects.filter(unit__kind=UnitKind.COMMUNE, unit__is_ethnic_minority_area=True)
    assert minority_area.exclude(ethnicity="Kinh").count() > minority_area.count() / 2
    assert Person.objects.filter(unit__kind=UnitKind.COMMUNE, category="farmer").exists()
    # Issue 18: most demo persons have a confirmed statistical group (the suggestion from the position), some
    # are "chưa phân loại", so the forms show both.
    from tdkt.people.groups import suggest_group

    confirmed = Person.objects.exclude(statistical_group="")
    assert PERSONS * 0.7 <= confirmed.count() < PERSONS
    assert all(suggest_group(p.position, p.category) == p.statistical_group for p in confirmed)
    from tdkt.reports.models import TdktOffice, TdktStaffMember  # the forms 0604/0605 have demo figures

    assert TdktOffice.objects.get().name == "Phòng Thi đua - Khen thưởng"
    staff = TdktStaffMember.objects.select_related("person")
    assert staff.count() >= 3
    assert all("thi đua - khen thưởng" in member.person.position.lower() for member in staff)
    assert Household.objects.count() == max(20, PERSONS // 10)
    household = Household.objects.first()
    assert household.unit.kind == UnitKind.COMMUNE
    assert household.name_folded == fold(household.head_name)


@pytest.mark.django_db
def test_reset_recreates_only_a_database_file_and_deletes_nothing_row_by_row():
    """--reset recreates the database (SQLite file) instead of deleting the demo, whose signed decision and
    audit rows are immutable; the test database (in memory, or PostgreSQL) is refused and left whole."""
    seed()
    first = people_fingerprint()
    audit_before = set(AuditEvent.objects.values_list("id", flat=True))
    expected = {
        "sqlite": "^Không thể làm lại dữ liệu mẫu: cơ sở dữ liệu SQLite “.*” không phải là một tệp\\.$",
        "postgresql": "^Không thể làm lại dữ liệu mẫu trên PostgreSQL bằng --reset: quyết định đã ký và nhật ký hệ "
                      "thống không xóa được\\. Hãy dùng vai trò sở hữu cơ sở dữ liệu để xóa và tạo lại",
    }[connection.vendor]
    with pytest.raises(CommandError, match=expected):
        seed(reset=True)
    assert people_fingerprint() == first
    assert Person.objects.count() == PERSONS
    assert set(AuditEvent.objects.values_list("id", flat=True)) == audit_before


@pytest.mark.django_db
def test_second_run_creates_nothing():
    seed()
    counts = (Unit.objects.count(), Person.objects.count(), Household.objects.count(), User.objects.count(),
              Membership.objects.count(), EmulationGroup.objects.count(), CouncilMember.objects.count())
    output = seed()
    assert "Demo province already loaded" in output
    assert "chuyenvien" in output
    assert counts == (Unit.objects.count(), Person.objects.count(), Household.objects.count(),
                      User.objects.count(), Membership.objects.count(), EmulationGroup.objects.count(),
                      CouncilMember.objects.count())


@pytest.mark.django_db
def test_unknown_province_is_refused_with_close_matches():
    with pytest.raises(CommandError, match='^Không tìm thấy tỉnh, thành phố "Lao Kai"\\. Có phải bạn muốn: Lào Cai, Đồng Nai, Cao Bằng\\?$') as excinfo:
        seed(province="Lao Kai")
    message = str(excinfo.value)
    assert "Không tìm thấy tỉnh, thành phố" in message
    assert "Lào Cai" in message
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_the_levels_below_the_province_decide_in_the_demo():
    """Issue 16: the Sở Y tế's own round in appraisal, its director's decision and the home commune's, each under
    its own header and register, signed by the head's post and in the award history."""
    output = seed()
    from tdkt.awards.models import AwardRecord
    from tdkt.decisions.models import Decision
    from tdkt.dossiers.models import Dossier

    health = Decision.objects.get(authority__symbol="QĐ-SYT")
    commune = Decision.objects.get(authority__unit__name="Xã A Mú Sung")
    assert (health.number_text, health.award_type.code, health.state) == ("01/QĐ-SYT", "CSTD_CS", "published")
    assert (commune.number_text, commune.award_type.code) == ("01/QĐ-UBND", "GK")
    assert health.signature().lines == ("GIÁM ĐỐC",) and commune.signature().lines == ("CHỦ TỊCH",)
    assert AwardRecord.objects.filter(decision_number="01/QĐ-SYT", award_type__code="CSTD_CS").count() == (
        health.lines.count()) > 0
    round_ = Dossier.objects.get(receiving_authority__symbol="QĐ-SYT")
    assert round_.state == "in_appraisal" and round_.nominations.filter(state="accepted").exists()
    assert "Khen thưởng của đơn vị: đợt xét" in output
