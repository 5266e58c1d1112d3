"""Building and wiping the demo province. Called by `manage.py seed_demo`.

Fixture data, not workflow: rows go in with bulk_create (no per-object audit rows); one summary
audit event records the import. The same seed, year and size always give the same data.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from tdkt.accounts.models import Membership, User
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.orgs.demo import accounts as demo_accounts
from tdkt.orgs.demo.groups import build_councils, build_groups, first_commune
from tdkt.orgs.demo.people import PersonFactory, insert_households, insert_people
from tdkt.orgs.demo.province import ProvinceInfo, communes_of
from tdkt.orgs.demo.units import UnitBuilder, UnitMeta
from tdkt.orgs.models import (
    Council,
    CouncilMember,
    EmulationGroup,
    EmulationGroupMembership,
    EmulationGroupYear,
    Unit,
    UnitName,
    UnitSuccession,
)
from tdkt.people.enums import Gender
from tdkt.people.enums import PersonCategory as C
from tdkt.people.models import Household, Person

PERSONS_PER_SCALE = 2_000


@dataclass
class Summary:
    units: int = 0
    communes: int = 0
    groups: int = 0
    persons: int = 0
    households: int = 0
    seconds: float = 0.0


def demo_units(info: ProvinceInfo):
    """The demo province's units: every unit whose code carries the province's demo prefix."""
    return Unit.objects.filter(code__startswith=f"{info.prefix}-")


def is_loaded(info: ProvinceInfo) -> bool:
    return Unit.objects.filter(code=info.pc_code).exists()


class DemoBuilder:
    def __init__(self, info: ProvinceInfo, *, seed=1, year: int, persons: int, log=None, hooks=()):
        """`hooks`: modules of the apps that add demo data after the province and its people exist, in order
        (seed_demo lists them). Each has load_demo(year) -> str (a line for the log) and wipe_demo() -> int."""
        self.hooks = tuple(hooks)
        self.info = info
        self.seed = seed
        self.year = year
        self.persons = persons
        self.log = log or (lambda message: None)
        self.key: dict[str, Person] = {}

    def build(self) -> Summary:
        started = time.monotonic()
        info = self.info
        communes = communes_of(info)
        used_ids = set(Person.objects.exclude(national_id=None).values_list("national_id", flat=True))
        factory = PersonFactory(info, self.seed, self.year, used_ids)
        with transaction.atomic():
            metas = UnitBuilder(info, communes, self.seed).build()
            by_key = {m.key: m for m in metas}
            self.log(f"Đơn vị: {len(metas)} (trong đó {len(communes)} xã, phường)")
            home = first_commune(metas)
            groups = build_groups(info, metas, self.year, pinned_head=home)
            home_group = next(g for g, head, _ in groups if head is home)
            self.log(f"Cụm, khối thi đua năm {self.year}: {len(groups)}")
            self._key_people(factory, metas, by_key, home, groups)
            council = build_councils(info, self.key, by_key)
            remaining = max(0, self.persons - len(self.key))
            insert_people(factory, metas, remaining, log=self.log)
            households = insert_households(factory, metas, max(20, self.persons // 10), self.seed)
            units = {"pc": by_key["pc"].unit, "snv": by_key["snv"].unit, "syt": by_key["syt"].unit,
                     "commune": home.unit, "group_head": home.unit}
            demo_accounts.create_accounts(self.key, units, council, home_group,
                                          valid_from=datetime.date(self.year, 1, 1))
            for module in self.hooks:
                self.log(module.load_demo(self.year))
            summary = Summary(
                units=len(metas), communes=len(communes), groups=len(groups),
                persons=len(self.key) + remaining, households=households,
            )
            record("seed_demo", AuditAction.IMPORT, object_type="orgs.demo", object_repr=(
                f"Tỉnh mẫu {info.short}: {summary.units} đơn vị, {summary.groups} cụm/khối, "
                f"{summary.persons} người, {summary.households} hộ (mã sinh {self.seed}, năm {self.year})"
            ), changes={"province": info.code, "seed": str(self.seed), "year": self.year,
                        "units": summary.units, "persons": summary.persons})
        summary.seconds = time.monotonic() - started
        return summary

    def _key_people(self, factory: PersonFactory, metas: list[UnitMeta], by_key, home: UnitMeta, groups) -> None:
        """Named office holders: the ones councils, accounts and group heads point at, then unit heads."""
        rows: list[tuple[str, Person]] = []

        def leader(key, meta_key, title, gender=None):
            rows.append((key, factory.leader(by_key[meta_key], title, gender=gender)))

        def staff(key, meta, position, category=C.CIVIL_SERVANT):
            rows.append((key, factory.person(meta, position, category, min_age=25, max_age=50)))

        pc = by_key["pc"]
        leader("pc.head", "pc", pc.head, Gender.MALE)
        for i in range(1, 4):
            leader(f"pc.deputy{i}", "pc", pc.deputy)
        for meta in metas:
            if meta.block or meta.key in ("ttphc", "bvdk", "cdc", "ttdvnn", "bt", "mttq"):
                leader(f"{meta.key}.head", meta.key, meta.head)
        for key in ("snv", "syt", "sgd", "mttq"):
            for i in (1, 2):
                leader(f"{key}.deputy{i}", key, by_key[key].deputy)
        tdkt = next(m for m in metas if m.key.startswith("snv.p") and "Thi đua" in m.unit.name)
        leader("snv.tdkt_head", tdkt.key, "Trưởng phòng Thi đua - Khen thưởng, Sở Nội vụ")
        staff("snv.tdkt_specialist", tdkt, "Chuyên viên phòng Thi đua - Khen thưởng")
        for dept in ("syt", "sgd"):
            office = by_key[f"{dept}.p1"]
            leader(f"{dept}.office", office.key, "Chánh Văn phòng Sở")
            staff(f"{dept}.clerk", by_key[dept], "Chuyên viên Văn phòng, phụ trách thi đua - khen thưởng")
        staff("vp.it", by_key["vp"], "Chuyên viên Công nghệ thông tin, quản trị hệ thống")
        staff("commune.clerk", home, "Công chức Văn phòng - Thống kê, phụ trách thi đua - khen thưởng")
        leader("group.head_chair", home.key, home.head)
        heads = {home.key}
        for _, head, _ in groups:
            if head.commune is not None and head.key not in heads:
                heads.add(head.key)
                leader(f"{head.key}.head", head.key, head.head)
        # Heads of the other units while the size allows (about an eighth of the persons at most).
        budget = self.persons // 8 - len(rows)
        taken = {key for key, _ in rows}
        for meta in metas:
            if budget <= 0:
                break
            if meta.head and f"{meta.key}.head" not in taken and meta.key not in heads and meta.key != "pc":
                leader(f"{meta.key}.head", meta.key, meta.head)
                budget -= 1
        people = [p for _, p in rows]
        Person.objects.bulk_create(people, batch_size=2000)
        self.key = dict(rows)


def wipe(info: ProvinceInfo, hooks=()) -> dict[str, int]:
    """Delete the demo province (units, people, groups, councils, demo accounts). The audit log stays.

    Raises django.db.models.ProtectedError / IntegrityError when other records still use the data.
    """
    counts: dict[str, int] = {}
    with transaction.atomic():
        for module in reversed(tuple(hooks)):
            counts[module.__name__] = module.wipe_demo()
        unit_ids = set(demo_units(info).values_list("id", flat=True))
        frontier = set(unit_ids)
        while frontier:  # units added later under demo units go too
            frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - unit_ids
            unit_ids |= frontier
        ids = list(unit_ids)
        Membership.objects.filter(Q(unit_id__in=ids) | Q(user__username__in=demo_accounts.USERNAMES)).delete()
        counts["users"] = User.objects.filter(username__in=demo_accounts.USERNAMES).delete()[1].get(
            User._meta.label, 0)
        councils = Council.objects.filter(unit_id__in=ids)
        CouncilMember.objects.filter(Q(council__in=councils) | Q(person__unit_id__in=ids)).delete()
        counts["councils"] = councils.delete()[1].get(Council._meta.label, 0)
        group_ids = list(EmulationGroup.objects.filter(code__startswith=f"{info.prefix}-").values_list("id", flat=True))
        EmulationGroupMembership.objects.filter(Q(unit_id__in=ids) | Q(group_year__group_id__in=group_ids)).delete()
        EmulationGroupYear.objects.filter(group_id__in=group_ids).delete()
        counts["groups"] = EmulationGroup.objects.filter(id__in=group_ids).delete()[1].get(EmulationGroup._meta.label, 0)
        # Millions of rows: delete in SQL, without loading them (nothing cascades from them here).
        households = Household.objects.filter(unit_id__in=ids)
        counts["households"] = households._raw_delete(households.db)
        persons = Person.objects.filter(unit_id__in=ids)
        counts["persons"] = persons._raw_delete(persons.db)
        UnitName.objects.filter(unit_id__in=ids).delete()
        UnitSuccession.objects.filter(Q(predecessor_id__in=ids) | Q(successor_id__in=ids)).delete()
        units = Unit.objects.filter(id__in=ids)
        units.update(parent=None)
        counts["units"] = units.delete()[1].get(Unit._meta.label, 0)
        record("seed_demo", AuditAction.DELETE, object_type="orgs.demo",
               object_repr=f"Xóa tỉnh mẫu {info.short}: {counts['units']} đơn vị, {counts['persons']} người",
               changes=counts)
    return counts
