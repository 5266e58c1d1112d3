"""The national list of administrative divisions (34 provinces, communes and wards after 1 July 2025),
from the vietnam-provinces package."""

from functools import cache

from vietnam_provinces import Province, Ward

from tdkt.lib.vntext import fold


def format_ward_code(code) -> str:
    """Ward codes are written with five digits, as in the national list ("02647")."""
    return f"{int(code):05d}"


@cache
def find_province(name: str) -> Province | None:
    """The province whose name matches, ignoring accents, case and the "Tỉnh"/"Thành phố" prefix."""
    wanted = fold(name).removeprefix("tinh ").removeprefix("thanh pho ")
    for province in Province.iter_all():
        folded = fold(province.name).removeprefix("tinh ").removeprefix("thanh pho ")
        if folded == wanted:
            return province
    return None


@cache
def wards_of_province(name: str) -> dict[str, str]:
    """Ward code -> ward name for the province."""
    province = find_province(name)
    if province is None:
        return {}
    return {format_ward_code(w.code): w.name for w in Ward.iter_all() if w.province_code == province.code}
