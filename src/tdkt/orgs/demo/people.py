"""Persons and households of the demo province, generated and inserted in bounded batches."""

from __future__ import annotations

import datetime
import itertools
import random
import time
import zlib
from functools import lru_cache

from tdkt.lib.vntext import fold
from tdkt.orgs.demo import catalog
from tdkt.orgs.demo.names import NameGenerator
from tdkt.orgs.demo.province import LEGACY_BIRTH_PROVINCES, ProvinceInfo
from tdkt.orgs.demo.units import UnitMeta
from tdkt.people.enums import Gender, PersonCategory
from tdkt.people.groups import suggest_group
from tdkt.people.models import Household, Person

BATCH = 10_000
INSERT_BATCH = 2_000  # rows per INSERT statement (PostgreSQL allows 65,535 parameters)
NATIONAL_ID_SHARE = 0.2

_MALE_SHARE = {"school": 0.3, "hospital": 0.35, "armed": 0.88, "enterprise": 0.62, "coop": 0.55}
_VILLAGE_SYLLABLES = (
    "Phìn", "Ngan", "Séo", "Mý", "Tỷ", "Lao", "Chải", "Sín", "Chéng", "Nậm", "Pung", "Tả", "Van", "Cốc", "Lầy",
    "Hồ", "Pả", "Khoang", "Chồ", "Ngải", "Thầu", "Lử", "Thẩn", "Sàng", "Mù", "Sang", "Tủng", "Nà", "Khương",
    "Làng", "Mới", "Pèng", "Lùng", "Phìn", "Sả", "Hẩu", "Nhìu", "Cán", "Chư", "Giàng",
)
_KINH_VILLAGES = (
    "Đồng Tâm", "Tân Lập", "Hòa Bình", "Thống Nhất", "Đoàn Kết", "Quyết Tiến", "Tân Tiến", "Trung Tâm", "Làng Mới",
    "Khe Lếch", "Đồng Bột", "Cầu Xum",
)


@lru_cache(maxsize=200_000)
def _fold(name: str) -> str:
    return fold(name)


class PersonFactory:
    """Makes unsaved Person rows; Person.save() is bypassed by bulk_create, so derived columns are set here."""

    def __init__(self, info: ProvinceInfo, seed, year: int, used_ids: set[str]):
        self.info = info
        self.rng = random.Random(f"{seed}:people")
        self.names = NameGenerator(self.rng)
        self.year = year
        self.used_ids = used_ids
        self._profiles = {
            key: ([(p, c) for p, c, _ in rows], list(itertools.accumulate(w for _, _, w in rows)))
            for key, rows in catalog.PROFILES.items()
        }

    def national_id(self, gender: str, birth: datetime.date) -> str:
        """A well-formed 12-digit citizen ID: birth province, century/gender, year of birth, 6 digits."""
        rng = self.rng
        province = (rng.choice(self.info.legacy_codes) if rng.random() < 0.85
                    else rng.choice(LEGACY_BIRTH_PROVINCES))
        century = (birth.year // 100) - 19  # 1900s -> 0, 2000s -> 1
        sex_digit = 2 * century + (0 if gender == Gender.MALE else 1)
        while True:
            value = f"{province}{sex_digit}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value

    def person(self, meta: UnitMeta, position: str, category: str, *, gender: str | None = None,
               min_age: int = 22, max_age: int = 60) -> Person:
        rng = self.rng
        if gender is None:
            male_share = 0.7 if category == PersonCategory.LEADER else _MALE_SHARE.get(meta.profile, 0.5)
            gender = Gender.MALE if rng.random() < male_share else Gender.FEMALE
        ethnicity = self.names.ethnicity(meta.mix)
        full_name = self.names.full_name(ethnicity, gender)
        age = rng.randint(min_age, max_age)
        birth = datetime.date(self.year - age - 1, 7, 2) + datetime.timedelta(days=rng.randrange(365))
        national_id = self.national_id(gender, birth) if rng.random() < NATIONAL_ID_SHARE else None
        position = position.format(dv=meta.division)[:255]
        return Person(
            full_name=full_name, name_folded=_fold(full_name), gender=gender, birth_date=birth,
            birth_year=birth.year, ethnicity=ethnicity, position=position, unit=meta.unit, category=category,
            national_id=national_id, statistical_group=_demo_group(full_name, birth, position, category),
        )

    def staff(self, meta: UnitMeta) -> Person:
        """One ordinary member of staff of the unit, position and category from its profile."""
        rows, cum = self._profiles.get(meta.profile) or self._profiles[meta.unit.kind]
        position, category = self.rng.choices(rows, cum_weights=cum)[0]
        return self.person(meta, position, category)

    def leader(self, meta: UnitMeta, title: str, *, gender: str | None = None) -> Person:
        return self.person(meta, title, PersonCategory.LEADER, gender=gender, min_age=38, max_age=58)


def _demo_group(full_name: str, birth: datetime.date, position: str, category: str) -> str:
    """The demo's statistical group: the suggestion, taken as confirmed for about nine persons in ten, so the
    forms show both confirmed groups and "chưa phân loại". Decided by a hash, not the generator, so adding it
    changed no other demo value."""
    if zlib.crc32(f"{full_name}|{birth}".encode()) % 10 == 0:
        return ""
    return suggest_group(position, category) or ""


def insert_people(factory: PersonFactory, metas: list[UnitMeta], count: int, log=None) -> int:
    """Generate and insert `count` ordinary staff over the units, BATCH rows at a time (bounded memory)."""
    staffed = [m for m in metas if m.weight > 0]
    cum = list(itertools.accumulate(m.weight for m in staffed))
    done = 0
    started = time.monotonic()
    while done < count:
        n = min(BATCH, count - done)
        picks = factory.rng.choices(staffed, cum_weights=cum, k=n)
        Person.objects.bulk_create([factory.staff(m) for m in picks], batch_size=INSERT_BATCH)
        done += n
        if log and count >= 100_000 and (done % 100_000 == 0 or done == count):
            elapsed = time.monotonic() - started
            log(f"  người: {done:,} / {count:,} ({elapsed:.0f} s)".replace(",", "."))
    return done


def _villages(seed, meta: UnitMeta) -> list[str]:
    rng = random.Random(f"{seed}:villages:{meta.unit.admin_code}")
    if meta.profile == "ward":
        return [f"Tổ dân phố số {i}" for i in range(1, rng.randint(8, 20))]
    if meta.unit.is_ethnic_minority_area:
        names = {" ".join(rng.sample(_VILLAGE_SYLLABLES, 2)) for _ in range(rng.randint(8, 16))}
        return [f"Thôn {n}" for n in sorted(names)]
    return [f"Thôn {n}" for n in rng.sample(_KINH_VILLAGES, 5)] + [f"Thôn {i}" for i in range(1, rng.randint(4, 10))]


def insert_households(factory: PersonFactory, metas: list[UnitMeta], count: int, seed) -> int:
    communes = [m for m in metas if m.commune is not None]
    if not communes or count <= 0:
        return 0
    cum = list(itertools.accumulate(m.weight for m in communes))
    villages = {m.key: _villages(seed, m) for m in communes}
    rng = factory.rng
    done = 0
    while done < count:
        n = min(BATCH, count - done)
        rows = []
        for meta in rng.choices(communes, cum_weights=cum, k=n):
            gender = Gender.MALE if rng.random() < 0.85 else Gender.FEMALE
            head = factory.names.full_name(factory.names.ethnicity(meta.mix), gender)
            village = rng.choice(villages[meta.key])
            rows.append(Household(
                head_name=head, name_folded=_fold(head), village=village, unit=meta.unit,
                address=f"{village}, {meta.unit.name}, {factory.info.level} {factory.info.short}",
            ))
        Household.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        done += n
    return done
