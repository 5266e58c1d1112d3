"""Quotas per unit and per group: precise messages, counting all the unit's dossiers of the year."""

import pytest
from django.core.exceptions import ValidationError

from tdkt.dossiers.models import NominationQuota
from tdkt.dossiers.nominees.quotas import add_quota, quota_errors, remove_quota
from tests.nominees.helpers import award, make_dossier, make_line, make_people


def test_unit_quota_counts_all_dossiers_of_the_year(world):
    NominationQuota.objects.create(year=2025, award_type=award("CSTD_CS"), unit=world.unit_a, max_count=2,
                                   legal_basis="Quyết định 12/QĐ-UBND")
    first, second = make_dossier(world.unit_a), make_dossier(world.unit_a, title="Hồ sơ bổ sung")
    people = make_people(world.unit_a, 3)
    make_line(first, person=people[0], code="CSTD_CS")
    make_line(first, person=people[1], code="CSTD_CS")
    assert quota_errors(first) == []
    make_line(second, person=people[2], code="CSTD_CS")
    expected = [f"Vượt chỉ tiêu: “Chiến sĩ thi đua cơ sở” của Sở Y tế năm 2025 tối đa 2 trường hợp (căn cứ: "
                f"Quyết định 12/QĐ-UBND); đang đề nghị 3 trường hợp (trong hồ sơ {first.reference}, "
                f"{second.reference}): cần bớt 1 trường hợp."]
    assert quota_errors(first) == expected
    assert quota_errors(second) == expected


def test_rejected_lines_and_withdrawn_dossiers_and_other_years_do_not_count(world):
    NominationQuota.objects.create(year=2025, award_type=award("LDTT"), unit=world.unit_a, max_count=1)
    dossier = make_dossier(world.unit_a)
    people = make_people(world.unit_a, 4)
    make_line(dossier, person=people[0])
    make_line(dossier, person=people[1], state="rejected")
    make_line(make_dossier(world.unit_a, state="withdrawn"), person=people[2])
    make_line(make_dossier(world.unit_a, year=2024), person=people[3])
    assert quota_errors(dossier) == []


def test_group_quota(world):
    NominationQuota.objects.create(year=2025, award_type=award("CO_TINH"), group_year=world.group_year, max_count=1)
    dossier = make_dossier(world.unit_a, group_year=world.group_year)
    make_line(dossier, unit=world.unit_a, code="CO_TINH")
    make_line(dossier, unit=world.unit_b, code="CO_TINH")
    assert quota_errors(dossier) == [
        f"Vượt chỉ tiêu: “Cờ thi đua của Ủy ban nhân dân tỉnh” của Khối Văn hóa - Xã hội năm 2025 tối đa 1 trường "
        f"hợp (chỉ tiêu chưa ghi căn cứ); đang đề nghị 2 trường hợp (trong hồ sơ {dossier.reference}): cần bớt 1 "
        f"trường hợp."]


def test_quota_queries_are_fixed(world, django_assert_num_queries):
    NominationQuota.objects.create(year=2025, award_type=award("LDTT"), unit=world.unit_a, max_count=100)
    dossier = make_dossier(world.unit_a)
    for person in make_people(world.unit_a, 20):
        make_line(dossier, person=person)
    with django_assert_num_queries(3):
        assert quota_errors(dossier) == []


def test_add_and_remove_quota(world):
    specialist = world.users["specialist"]
    quota = add_quota(by=specialist, year=2025, award_type=award("LDTT"), max_count=5, unit=world.unit_a)
    with pytest.raises(ValidationError, match=r"^\['Đã\ có\ chỉ\ tiêu\ của\ hình\ thức\ này\ cho\ đơn\ vị\ hoặc\ cụm/khối\ này\ trong\ năm\.'\]$") as error:
        add_quota(by=specialist, year=2025, award_type=award("LDTT"), max_count=6, unit=world.unit_a)
    assert error.value.messages == ["Đã có chỉ tiêu của hình thức này cho đơn vị hoặc cụm/khối này trong năm."]
    with pytest.raises(ValidationError, match=r"^\['Chọn\ một\ đơn\ vị\ hoặc\ một\ cụm/khối\ thi\ đua\ \(chỉ\ một\ trong\ hai\)\.'\]$"):
        add_quota(by=specialist, year=2025, award_type=award("LDTT"), max_count=6)
    remove_quota(quota, by=specialist)
    assert not NominationQuota.objects.exists()
