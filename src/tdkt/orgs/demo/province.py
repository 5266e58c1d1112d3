"""Finding a province and its communes in `vietnam-provinces` (34 provinces, post-July-2025 communes)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from vietnam_provinces import Province, Ward
from vietnam_provinces.legacy import District

from tdkt.lib.vntext import fold
from tdkt.orgs.demo.catalog import BORDER_PROVINCES, MOUNTAIN_PROVINCES

_PREFIXES = ("thanh pho ", "tinh ", "tp. ", "tp ")


@dataclass(frozen=True)
class ProvinceInfo:
    code: int
    name: str  # "Tỉnh Lào Cai"
    short: str  # "Lào Cai"
    level: str  # "tỉnh" or "thành phố"
    legacy_codes: tuple[str, ...]  # birth-province codes used in citizen IDs: ("010", "015")
    mountainous: bool
    border: bool

    @property
    def prefix(self) -> str:
        """Prefix of every demo unit and group code of this province: "P15"."""
        return f"P{self.code:02d}"

    @property
    def pc_code(self) -> str:
        return f"{self.prefix}-UBND"

    def fmt(self, text: str) -> str:
        return text.format(lvl=self.level, p=self.short)


@dataclass(frozen=True)
class CommuneInfo:
    admin_code: str  # 5 digits
    name: str  # "Xã A Mú Sung"
    bare_name: str  # "A Mú Sung"
    is_ward: bool
    division: str  # "xã", "phường", "đặc khu"
    legacy_district: str  # "Huyện Bát Xát" (before July 2025), "" when unknown


def _short(name: str) -> tuple[str, str]:
    for prefix, level in (("Thành phố ", "thành phố"), ("Tỉnh ", "tỉnh")):
        if name.startswith(prefix):
            return name[len(prefix):], level
    return name, "tỉnh"


def _key(text: str) -> str:
    folded = fold(text)
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            folded = folded[len(prefix):]
    return folded.replace("-", " ").strip()


def _info(province) -> ProvinceInfo:
    short, level = _short(province.name)
    code = int(province.code)
    try:
        legacy = tuple(f"{int(src.code):03d}" for src in province.get_legacy_sources())
    except Exception:  # older package data without legacy links
        legacy = ()
    return ProvinceInfo(
        code=code, name=province.name, short=short, level=level, legacy_codes=legacy or (f"{code:03d}",),
        mountainous=code in MOUNTAIN_PROVINCES, border=code in BORDER_PROVINCES,
    )


def all_provinces() -> list[ProvinceInfo]:
    return [_info(p) for p in Province.iter_all()]


def find_province(query: str) -> tuple[ProvinceInfo | None, list[str]]:
    """The province called `query` (diacritics and "Tỉnh"/"Thành phố" optional), or close matches."""
    provinces = all_provinces()
    wanted = _key(query)
    by_key = {_key(p.short): p for p in provinces}
    if wanted in by_key:
        return by_key[wanted], []
    close = difflib.get_close_matches(wanted, list(by_key), n=5, cutoff=0.5)
    close += [k for k in by_key if wanted and (wanted in k or k in wanted) and k not in close]
    return None, [by_key[k].short for k in close]


def communes_of(info: ProvinceInfo) -> list[CommuneInfo]:
    """Communes, wards and special zones of the province, in administrative-code order."""
    result = []
    wards = sorted((w for w in Ward.iter_all() if int(w.province_code) == info.code), key=lambda w: int(w.code))
    for ward in wards:
        division = str(getattr(ward.division_type, "value", ward.division_type))
        bare = ward.name
        for prefix in ("Phường ", "Xã ", "Đặc khu "):
            if bare.startswith(prefix):
                bare = bare[len(prefix):]
                break
        district = ""
        try:
            sources = ward.get_legacy_sources()
            if sources:
                district = District.from_code(int(sources[0].district_code)).name
        except Exception:  # the legacy link is a hint only
            district = ""
        result.append(CommuneInfo(
            admin_code=f"{int(ward.code):05d}", name=ward.name, bare_name=bare,
            is_ward=division == "phường", division=division, legacy_district=district,
        ))
    return result


# Old (pre-2025) province codes still printed in citizen IDs as the birth-province code.
LEGACY_BIRTH_PROVINCES = (
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
    "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
    "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
    "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
    "094", "095", "096",
)
