"""Matching unit names written in a plan to the unit registry: a pure function over (id, name, short_name).

`resolve_units(["UBND tỉnh", "Sở NV", "các sở, ban, ngành"], registry)` gives one `Resolution` per
name, in order:

- "resolved": exactly one best match (unit_id set);
- "ambiguous": two or more units match equally well (candidates listed, unit_id None);
- "group": a plural group ("các sở, ban, ngành", "UBND các xã, phường"), never a single unit;
- "unresolved": nothing matches; the text is kept for a person to resolve.

Names are compared on a canonical key: folded, punctuation dropped, usual abbreviations spelled out
(UBND → Ủy ban nhân dân, Sở NV → Sở Nội vụ, TĐKT → thi đua khen thưởng…). A name that lacks the
province ("Sở Nội vụ") matches a registry name that has it ("Sở Nội vụ tỉnh Lào Cai"), one rank
below an exact match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tdkt.lib.vntext import fold

EXACT, WITHOUT_PLACE = 3, 2

# Token sequences (folded) and what they abbreviate; longest first when applied.
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "tdkt": "thi dua khen thuong",
    "hdtdkt": "hoi dong thi dua khen thuong", "btdkt": "ban thi dua khen thuong", "vp": "van phong",
    "snv": "so noi vu", "so nv": "so noi vu", "so tc": "so tai chinh", "mttq": "mat tran to quoc",
    "uy ban mttq": "uy ban mat tran to quoc", "bch": "bo chi huy", "bdbp": "bo doi bien phong",
    "kh cn": "khoa hoc va cong nghe", "khcn": "khoa hoc va cong nghe", "gd dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao", "gd va dt": "giao duc va dao tao", "vhttdl": "van hoa the thao va du lich",
    "vh tt dl": "van hoa the thao va du lich", "vh tt va dl": "van hoa the thao va du lich",
    "ldtbxh": "lao dong thuong binh va xa hoi", "ld tb xh": "lao dong thuong binh va xa hoi",
    "ld tb va xh": "lao dong thuong binh va xa hoi", "tttt": "thong tin va truyen thong",
    "tt tt": "thong tin va truyen thong", "tt va tt": "thong tin va truyen thong",
    "nn ptnt": "nong nghiep va phat trien nong thon", "nn va ptnt": "nong nghiep va phat trien nong thon",
    "nn mt": "nong nghiep va moi truong", "nn va mt": "nong nghiep va moi truong",
    "tn mt": "tai nguyen va moi truong", "tn va mt": "tai nguyen va moi truong", "tw": "trung uong",
    "kttw": "khen thuong trung uong",
}
_ABBREVIATION_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(key) for key in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b"
)
_GROUP_START = re.compile(r"^(?:(?:ubnd|uy ban nhan dan)\s+)?(?:cac|tat ca|toan the|moi|nhung)\s|^thanh vien\s|\scac\s")
_GENERIC_ONLY = re.compile(
    r"^(?:(?:co quan|don vi|dia phuong|so|ban|nganh|doan the|to chuc|doanh nghiep|xa|phuong)(?:\s+|$))+"
    r"(?:lien quan|thuoc tinh|trong tinh)?$"
)


@dataclass(frozen=True)
class Resolution:
    text: str
    status: str  # "resolved" | "ambiguous" | "group" | "unresolved"
    unit_id: int | None = None
    candidates: tuple[tuple[int, str], ...] = ()
    message: str | None = None  # Vietnamese, for flagged names


def canonical(name: str) -> str:
    """The comparison key: folded, no punctuation, abbreviations spelled out, single spaces."""
    text = fold(name).replace("&", " va ")
    text = re.sub(r"\([^)]*\)", lambda m: " " + m.group()[1:-1] + " " if len(m.group()) > 8 else " ", text)
    text = re.sub(r"[-–,.;:()/\"'“”]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _ABBREVIATION_PATTERN.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def is_group(name: str) -> bool:
    folded = re.sub(r"\s+", " ", re.sub(r"[,;]", " ", fold(name))).strip()
    return bool(_GROUP_START.search(folded) or _GENERIC_ONLY.match(folded))


def _score(key: str, registry_key: str) -> int:
    if not registry_key:
        return 0
    if key == registry_key:
        return EXACT
    # "so noi vu" ~ "so noi vu tinh lao cai"; "uy ban nhan dan tinh" ~ "uy ban nhan dan tinh lao cai"
    for longer, shorter in ((registry_key, key), (key, registry_key)):
        if longer.startswith(shorter + " tinh ") or (shorter.endswith(" tinh") and longer.startswith(shorter + " ")):
            return WITHOUT_PLACE
    return 0


def resolve_units(names: list[str], registry: Iterable[tuple[int, str, str]]) -> list[Resolution]:
    """One Resolution per name, in order; see the module docstring for the statuses."""
    entries = [(unit_id, name, canonical(name), canonical(short or "")) for unit_id, name, short in registry]
    return [_resolve_one(name, entries) for name in names]


def _resolve_one(name: str, entries: list[tuple[int, str, str, str]]) -> Resolution:
    text = name.strip()
    if is_group(text):
        return Resolution(text, "group", message=f"«{text}» là một nhóm đơn vị, không phải một đơn vị: hãy chọn "
                                                 "các đơn vị cụ thể nếu cần theo dõi.")
    key = canonical(text)
    best = 0
    matches: dict[int, str] = {}
    for unit_id, unit_name, name_key, short_key in entries:
        score = max(_score(key, name_key), _score(key, short_key))
        if score > best:
            best, matches = score, {unit_id: unit_name}
        elif score == best and score:
            matches[unit_id] = unit_name
    if not matches:
        return Resolution(text, "unresolved", message=f"Không tìm thấy đơn vị «{text}» trong danh mục: "
                                                      "giữ nguyên tên để người dùng chọn.")
    candidates = tuple(sorted(matches.items()))
    if len(candidates) > 1:
        listed = "; ".join(f"{unit_name} (mã {unit_id})" for unit_id, unit_name in candidates)
        return Resolution(text, "ambiguous", candidates=candidates,
                          message=f"«{text}» khớp ngang nhau với nhiều đơn vị: {listed}. Hãy chọn một.")
    return Resolution(text, "resolved", unit_id=candidates[0][0], candidates=candidates)
