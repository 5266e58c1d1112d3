"""Emulation clusters and blocks of the demo province, and its emulation councils."""

from __future__ import annotations

import datetime

from tdkt.lib.vntext import fold
from tdkt.orgs.demo import catalog
from tdkt.orgs.demo.province import ProvinceInfo
from tdkt.orgs.demo.units import UnitMeta
from tdkt.orgs.enums import CouncilLevel, CouncilRole, GroupKind, GroupRole
from tdkt.orgs.models import (
    Council,
    CouncilMember,
    EmulationGroup,
    EmulationGroupMembership,
    EmulationGroupYear,
)
from tdkt.people.models import Person

COUNCIL_TERM = (datetime.date(2025, 7, 1), datetime.date(2030, 12, 31))


def cluster_communes(communes: list[UnitMeta]) -> list[list[UnitMeta]]:
    """Group communes geographically: whole former districts, consecutive codes, 8–12 clusters."""
    n = len(communes)
    if n == 0:
        return []
    target = min(12, max(8, round(n / 10))) if n >= 40 else max(1, n // 8)
    ideal = n / target
    runs: list[list[UnitMeta]] = []
    for meta in communes:  # already in administrative-code order
        district = meta.commune.legacy_district if meta.commune else ""
        if runs and district and runs[-1][0].commune.legacy_district == district:
            runs[-1].append(meta)
        else:
            runs.append([meta])
    chunks: list[list[UnitMeta]] = []
    current: list[UnitMeta] = []
    for run in runs:
        if current and len(current) + len(run) > ideal * 1.35:
            chunks.append(current)
            current = []
        current = current + run
        if len(current) >= ideal * 0.85:
            chunks.append(current)
            current = []
    if current:
        if chunks and len(current) < ideal / 2:
            chunks[-1].extend(current)
        else:
            chunks.append(current)
    return chunks


def _district_label(chunk: list[UnitMeta]) -> str:
    districts = []
    for meta in chunk:
        d = meta.commune.legacy_district if meta.commune else ""
        if d and d not in districts:
            districts.append(d)
    return ", ".join(districts)


def build_groups(info: ProvinceInfo, metas: list[UnitMeta], year: int, pinned_head: UnitMeta | None):
    """Clusters of communes and blocks of provincial units, each with this year's head and deputy.

    `pinned_head`: a commune made head of its cluster this year (the demo group head's unit).
    Returns [(group, head meta, deputy meta)].
    """
    communes = [m for m in metas if m.commune is not None]
    plans: list[tuple[EmulationGroup, list[UnitMeta]]] = []
    for i, chunk in enumerate(cluster_communes(communes), start=1):
        label = _district_label(chunk)
        description = "Các xã, phường: " + ", ".join(m.unit.name for m in chunk) + "."
        if label:
            description = f"Địa bàn trước 01/7/2025: {label}. " + description
        plans.append((EmulationGroup(
            name=f"Cụm thi đua số {i}", code=f"{info.prefix}-CUM-{i:02d}", kind=GroupKind.CLUSTER,
            description=description,
        ), chunk))
    for key, name in catalog.BLOCKS:
        members = [m for m in metas if m.block == key]
        if len(members) >= 2:
            plans.append((EmulationGroup(
                name=name, code=f"{info.prefix}-KHOI-{key.upper()}", kind=GroupKind.BLOCK,
                description=f"{name} thuộc {info.level} {info.short}.",
            ), members))
    EmulationGroup.objects.bulk_create([g for g, _ in plans])
    years = [EmulationGroupYear(group=g, year=year, note=f"Trưởng, Phó trưởng luân phiên năm {year}.")
             for g, _ in plans]
    EmulationGroupYear.objects.bulk_create(years)
    memberships = []
    result = []
    for index, ((group, members), group_year) in enumerate(zip(plans, years, strict=True)):
        head_i = (year + index) % len(members)
        if pinned_head is not None and pinned_head in members:
            head_i = members.index(pinned_head)
        deputy_i = (head_i + 1) % len(members)
        for i, meta in enumerate(members):
            role = GroupRole.HEAD if i == head_i else GroupRole.DEPUTY if i == deputy_i else GroupRole.MEMBER
            memberships.append(EmulationGroupMembership(group_year=group_year, unit=meta.unit, role=role))
        result.append((group, members[head_i], members[deputy_i]))
    EmulationGroupMembership.objects.bulk_create(memberships, batch_size=1000)
    return result


def first_commune(metas: list[UnitMeta]) -> UnitMeta:
    """The demo commune: the first "xã" in alphabetical order (any commune if there is none)."""
    communes = [m for m in metas if m.commune is not None]
    rural = [m for m in communes if not m.commune.is_ward] or communes
    return min(rural, key=lambda m: (fold(m.commune.bare_name), m.unit.admin_code))


def build_councils(info: ProvinceInfo, key: dict[str, Person], by_key: dict[str, UnitMeta]):
    """The provincial council and the councils of two departments, with members in every role."""
    start, end = COUNCIL_TERM
    province = Council(
        name=f"Hội đồng Thi đua - Khen thưởng {info.level} {info.short}", unit=by_key["pc"].unit,
        level=CouncilLevel.PROVINCE, term_start=start, term_end=end,
        established_by=f"Quyết định số 1568/QĐ-UBND ngày 15/7/2025 của UBND {info.level} (dữ liệu mẫu)",
    )
    syt = Council(
        name="Hội đồng Thi đua - Khen thưởng Sở Y tế", unit=by_key["syt"].unit, level=CouncilLevel.UNIT,
        term_start=datetime.date(2025, 8, 1), established_by="Quyết định số 412/QĐ-SYT ngày 01/8/2025 (dữ liệu mẫu)",
    )
    sgd = Council(
        name="Hội đồng Thi đua - Khen thưởng Sở Giáo dục và Đào tạo", unit=by_key["sgd"].unit,
        level=CouncilLevel.UNIT, term_start=datetime.date(2025, 8, 15),
        established_by="Quyết định số 1021/QĐ-SGDĐT ngày 15/8/2025 (dữ liệu mẫu)",
    )
    Council.objects.bulk_create([province, syt, sgd])
    R = CouncilRole
    seats = {
        province: [("pc.head", R.CHAIR), ("pc.deputy1", R.VICE_CHAIR), ("mttq.head", R.VICE_CHAIR),
                   ("ldld.head", R.VICE_CHAIR), ("snv.head", R.STANDING_MEMBER)]
        + [(f"{k}.head", R.MEMBER) for k in ("stc", "vp", "sgd", "syt", "svh", "snn", "ttr", "ca", "qs", "hlhpn",
                                             "doan", "hnd", "hccb", "bao")]
        + [("snv.tdkt_head", R.SECRETARY)],
        syt: [("syt.head", R.CHAIR), ("syt.deputy1", R.VICE_CHAIR), ("syt.deputy2", R.MEMBER),
              ("syt.office", R.MEMBER), ("syt.clerk", R.SECRETARY)],
        sgd: [("sgd.head", R.CHAIR), ("sgd.deputy1", R.VICE_CHAIR), ("sgd.deputy2", R.MEMBER),
              ("sgd.office", R.MEMBER), ("sgd.clerk", R.SECRETARY)],
    }
    members = []
    for council, rows in seats.items():
        for person_key, role in rows:
            person = key.get(person_key)
            if person is not None:
                title = person.position
                if person.unit.name not in title and person.unit.kind != "peoples_committee":
                    title = f"{title}, {person.unit.name}"
                members.append(CouncilMember(council=council, person=person, role=role, title=title[:255],
                                             term_start=council.term_start))
    CouncilMember.objects.bulk_create(members)
    return province
