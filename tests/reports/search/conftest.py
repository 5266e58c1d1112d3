"""A small register for the history search: eight award records over the `world` fixture's units, chosen so
that every filter selects a different, known set (see REGISTER's comments)."""

import datetime
from dataclasses import dataclass

import pytest

from tdkt.orgs.enums import SuccessionKind, UnitKind
from tdkt.orgs.models import UnitSuccession
from tdkt.people.models import Household
from tests.factories import make_award, make_unit

D = datetime.date


@dataclass
class Register:
    world: object
    records: dict  # "r1".."r8" -> AwardRecord
    commune: object
    enterprise: object
    predecessor: object
    household: object

    def keys(self, records) -> list[str]:
        by_pk = {record.pk: key for key, record in self.records.items()}
        return [by_pk[record.pk] for record in records]


@pytest.fixture
def register(world):
    w = world
    w.person_a.gender, w.person_a.ethnicity, w.person_a.statistical_group = "male", "Kinh", "manager"
    w.person_a.save()
    w.person_a_child.gender, w.person_a_child.ethnicity = "female", "Tày"
    w.person_a_child.save()
    w.person_b.gender, w.person_b.statistical_group = "male", "direct_worker"
    w.person_b.save()
    w.unit_b.is_remote = w.unit_b.is_border = True
    w.unit_b.save()
    commune = make_unit("Xã Bản Phố", kind=UnitKind.COMMUNE, parent=w.province, code="XBP", is_especially_difficult=True)
    enterprise = make_unit("Công ty CP Xi măng", kind=UnitKind.ENTERPRISE, parent=w.province, code="XIMANG")
    predecessor = make_unit("Trung tâm Y tế dự phòng", parent=w.province, code="TTYTDP")
    UnitSuccession.objects.create(predecessor=predecessor, successor=w.unit_a, kind=SuccessionKind.MERGE,
                                  effective_on=D(2021, 1, 1))
    household = Household.objects.create(head_name="Lý Văn Sử", unit=commune)
    ubnd, chu_tich = "Ủy ban nhân dân tỉnh Lào Cai", "Chủ tịch UBND tỉnh Lào Cai"
    records = {
        "r1": make_award(person=w.person_a, code="LDTT", year=2024, decision_date=D(2024, 12, 10),
                         decision_number="15/QĐ-UBND", decision_issuer=ubnd),
        "r2": make_award(person=w.person_a, code="BK_TINH", year=2025, decision_date=D(2025, 6, 2),
                         decision_number="120/QĐ-UBND", decision_issuer=chu_tich, basis="adhoc",
                         person_group="department_leader"),
        "r3": make_award(person=w.person_a_child, code="CSTD_CS", year=2024, decision_date=D(2024, 12, 10),
                         decision_number="15/QĐ-UBND", decision_issuer="Giám đốc Sở Y tế", basis="thematic"),
        "r4": make_award(person=w.person_b, code="BK_TTG", year=2023, decision_date=D(2023, 11, 20),
                         decision_number="2001/QĐ-TTg", decision_issuer="Thủ tướng Chính phủ", basis="dedication",
                         source="external"),
        "r5": make_award(unit=w.unit_b, code="TTLDXS", year=2024, decision_date=D(2024, 12, 15),
                         decision_number="30/QĐ-UBND", decision_issuer=ubnd),
        "r6": make_award(unit=predecessor, code="DVTT", year=2019, decision_date=D(2019, 12, 1),
                         decision_number="9/QĐ-SYT", decision_issuer="Giám đốc Sở Y tế", source="imported"),
        "r7": make_award(household=household, code="GDVH", year=2025, decision_issuer="UBND xã Bản Phố"),
        "r8": make_award(unit=enterprise, code="BK_TINH", year=2025, decision_date=D(2025, 6, 2),
                         decision_number="120/QĐ-UBND", decision_issuer=chu_tich, is_enterprise=True),
    }
    return Register(w, records, commune, enterprise, predecessor, household)
