"""Units of the demo province: the People's Committee, departments, communes, schools, enterprises."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from tdkt.orgs.demo import catalog
from tdkt.orgs.demo.names import MIX_LOWLAND, MIX_MINORITY_AREA, MIX_MOUNTAIN
from tdkt.orgs.demo.province import CommuneInfo, ProvinceInfo
from tdkt.orgs.enums import UnitKind
from tdkt.orgs.models import Unit

# The province merger and the two-level local government took effect on this date.
REORGANISED_ON = datetime.date(2025, 7, 1)


@dataclass
class UnitMeta:
    """A built unit with what the person generator needs to staff it."""

    unit: Unit
    key: str
    profile: str
    weight: float
    mix: tuple
    division: str = ""  # "xã"/"phường" for communes and their schools
    head: str = ""
    deputy: str = ""
    block: str | None = None
    commune: CommuneInfo | None = None


def area_flags(info: ProvinceInfo, communes: list[CommuneInfo], seed) -> dict[str, dict[str, bool]]:
    """Deterministic area flags: shares typical of the province, biased towards highland and border areas."""
    rng = random.Random(f"{seed}:areas")
    n = len(communes)
    hints_known = any(c.legacy_district in catalog.HIGHLAND_DISTRICT_HINTS for c in communes)
    shares = (0.40, 0.25, 0.20) if info.mountainous else (0.05, 0.03, 0.02)

    def highland(c: CommuneInfo) -> float:
        if c.is_ward:
            return -1.0
        if hints_known:
            return 1.0 if c.legacy_district in catalog.HIGHLAND_DISTRICT_HINTS else 0.0
        return 0.5

    base = {c.admin_code: highland(c) + rng.random() for c in communes}

    def top(share: float, jitter: float) -> set[str]:
        scored = sorted(communes, key=lambda c: (-(base[c.admin_code] + jitter * rng.random()), c.admin_code))
        return {c.admin_code for c in scored[: round(share * n)]}

    ethnic = top(shares[0], 0.0)
    remote = top(shares[1], 0.6)
    difficult = top(shares[2], 0.6)
    border: set[str] = set()
    if info.border:
        border_hints = any(c.legacy_district in catalog.BORDER_DISTRICT_HINTS for c in communes)
        scored = sorted(
            communes,
            key=lambda c: (-((1.0 if c.legacy_district in catalog.BORDER_DISTRICT_HINTS else 0.0)
                             if border_hints else 0.0) - rng.random() - (0.3 if not c.is_ward else 0.0),
                           c.admin_code),
        )
        border = {c.admin_code for c in scored[: round(0.15 * n)]}
    return {
        c.admin_code: {
            "is_ethnic_minority_area": c.admin_code in ethnic,
            "is_remote": c.admin_code in remote,
            "is_especially_difficult": c.admin_code in difficult,
            "is_border": c.admin_code in border,
        }
        for c in communes
    }


class UnitBuilder:
    def __init__(self, info: ProvinceInfo, communes: list[CommuneInfo], seed):
        self.info = info
        self.communes = communes
        self.seed = seed
        self.metas: list[UnitMeta] = []
        self.by_key: dict[str, UnitMeta] = {}
        self.province_mix = MIX_MOUNTAIN if info.mountainous else MIX_LOWLAND

    def _unit(self, key, code, name, kind, parent=None, short="", admin_code="", flags=None) -> Unit:
        return Unit(
            code=f"{self.info.prefix}-{code}"[:32], name=name[:255], short_name=short[:100], kind=kind,
            parent=parent, admin_code=admin_code, established_on=REORGANISED_ON, **(flags or {}),
        )

    def _add(self, metas: list[UnitMeta]) -> None:
        Unit.objects.bulk_create([m.unit for m in metas], batch_size=500)
        for meta in metas:
            self.metas.append(meta)
            self.by_key[meta.key] = meta

    def build(self) -> list[UnitMeta]:
        info = self.info
        entries = [e for e in catalog.ENTRIES if e.key != "bp" or info.border]
        # Level 0: the People's Committee and the units that stand beside it.
        pc_name = f"Ủy ban nhân dân {info.level} {info.short}"
        level0 = [UnitMeta(
            Unit(code=info.pc_code, name=pc_name, short_name=f"UBND {info.level} {info.short}",
                 kind=UnitKind.PEOPLES_COMMITTEE, admin_code=f"{info.code:02d}", established_on=REORGANISED_ON),
            "pc", UnitKind.DEPARTMENT, 0.0, self.province_mix,
            head=f"Chủ tịch UBND {info.level}", deputy=f"Phó Chủ tịch UBND {info.level}",
        )]
        level0 += [self._entry_meta(e, None) for e in entries if e.parent is None]
        self._add(level0)
        # Level 1: under the People's Committee or the Fatherland Front; the communes.
        level1 = [self._entry_meta(e, self.by_key[e.parent].unit) for e in entries if e.parent in ("pc", "mttq")]
        flags = area_flags(info, self.communes, self.seed)
        pc = self.by_key["pc"].unit
        for c in self.communes:
            f = flags[c.admin_code]
            mix = MIX_MINORITY_AREA if f["is_ethnic_minority_area"] else self.province_mix
            profile = "ward" if c.is_ward else "commune"
            level1.append(UnitMeta(
                self._unit(f"x{c.admin_code}", f"X{c.admin_code}", c.name, UnitKind.COMMUNE, pc, c.bare_name,
                           c.admin_code, f),
                f"x{c.admin_code}", profile, catalog.WEIGHTS[profile], mix, c.division,
                head=f"Chủ tịch UBND {c.division}", deputy=f"Phó Chủ tịch UBND {c.division}", commune=c,
            ))
        self._add(level1)
        # Level 2: divisions of departments, units under departments, schools and co-operatives.
        level2 = [self._entry_meta(e, self.by_key[e.parent].unit)
                  for e in entries if e.parent not in (None, "pc", "mttq")]
        for e in entries:
            for i, division in enumerate(e.divisions, start=1):
                parent = self.by_key[e.key].unit
                level2.append(UnitMeta(
                    self._unit(f"{e.key}.p{i}", f"{e.key.upper()}-P{i}", division, UnitKind.SUBDIVISION, parent,
                               f"{division} – {parent.short_name}"),
                    f"{e.key}.p{i}", UnitKind.SUBDIVISION, catalog.WEIGHTS[UnitKind.SUBDIVISION],
                    self.province_mix, head="Trưởng phòng" if division.startswith("Phòng") else "Chánh Văn phòng",
                    deputy="Phó Trưởng phòng",
                ))
        level2 += self._schools_and_coops()
        self._add(level2)
        return self.metas

    def _entry_meta(self, e: catalog.Entry, parent: Unit | None) -> UnitMeta:
        name = self.info.fmt(e.name)
        return UnitMeta(
            self._unit(e.key, e.key.upper(), name, e.kind, parent, self.info.fmt(e.short)),
            e.key, e.profile or e.kind, e.weight, self.province_mix,
            head=self.info.fmt(e.head), deputy=self.info.fmt(e.deputy) if e.deputy else "", block=e.block,
        )

    def _schools_and_coops(self) -> list[UnitMeta]:
        info = self.info
        metas = []
        sgd = self.by_key["sgd"].unit
        for index, c in enumerate(self.communes):
            commune_meta = self.by_key[f"x{c.admin_code}"]
            commune = commune_meta.unit
            flags = {f: getattr(commune, f) for f in
                     ("is_remote", "is_border", "is_especially_difficult", "is_ethnic_minority_area")}
            x = c.bare_name
            schools = [("MN", f"Trường Mầm non {x}", "school_small")]
            if commune.is_ethnic_minority_area and not c.is_ward:
                schools.append(("PTDTBT", f"Trường Phổ thông Dân tộc bán trú Tiểu học và Trung học cơ sở {x}",
                                "school"))
            else:
                schools += [("TH", f"Trường Tiểu học {x}", "school"), ("THCS", f"Trường Trung học cơ sở {x}", "school")]
            for suffix, name, weight_key in schools:
                metas.append(UnitMeta(
                    self._unit(f"x{c.admin_code}.{suffix}", f"X{c.admin_code}-{suffix}", name, UnitKind.SCHOOL,
                               commune, flags=flags),
                    f"x{c.admin_code}.{suffix.lower()}", "school", catalog.WEIGHTS[weight_key], commune_meta.mix,
                    c.division, head="Hiệu trưởng", deputy="Phó Hiệu trưởng",
                ))
            if index % 4 == 0:  # one upper-secondary school for about four communes, run by the department
                metas.append(UnitMeta(
                    self._unit(f"thpt.{c.admin_code}", f"THPT-{c.admin_code}", f"Trường Trung học phổ thông {x}",
                               UnitKind.SCHOOL, sgd, flags=flags),
                    f"thpt.{c.admin_code}", "school", catalog.WEIGHTS["school_high"], commune_meta.mix,
                    head="Hiệu trưởng", deputy="Phó Hiệu trưởng",
                ))
            if index % 9 == 4 and not c.is_ward:
                metas.append(UnitMeta(
                    self._unit(f"htx.{c.admin_code}", f"X{c.admin_code}-HTX", f"Hợp tác xã Nông nghiệp {x}",
                               UnitKind.ENTERPRISE, commune, flags=flags),
                    f"htx.{c.admin_code}", "coop", catalog.WEIGHTS["coop"], commune_meta.mix,
                    head="Giám đốc hợp tác xã",
                ))
        for key, name in (("thpt.chuyen", f"Trường Trung học phổ thông Chuyên {info.short}"),
                          ("thpt.dtnt", f"Trường Phổ thông Dân tộc nội trú Trung học phổ thông {info.level}")):
            metas.append(UnitMeta(
                self._unit(key, key.upper().replace(".", "-"), name, UnitKind.SCHOOL, sgd),
                key, "school", catalog.WEIGHTS["school_high"],
                MIX_MINORITY_AREA if key == "thpt.dtnt" and info.mountainous else self.province_mix,
                head="Hiệu trưởng", deputy="Phó Hiệu trưởng",
            ))
        return metas
