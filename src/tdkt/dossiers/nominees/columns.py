"""Which column of a unit's nominee list holds what: the usual headings of a "Danh sách đề nghị khen
thưởng" (STT / Họ và tên / Chức vụ, đơn vị / Hình thức đề nghị, optionally Năm sinh, Giới tính, Số CCCD,
Tóm tắt thành tích), recognised without diacritics, case or punctuation. Pure functions, no database."""

from __future__ import annotations

import re

from tdkt.lib.vntext import fold

HEADER_SEARCH_ROWS = 15
_NON_WORD = re.compile(r"[^a-z0-9]+")

NUMBER, NAME, POSITION, AWARD = "number", "name", "position_and_unit", "award"
BIRTH, GENDER, NATIONAL_ID, SUMMARY = "birth", "gender", "national_id", "summary"
KIND, CATEGORY = "recipient_kind", "category"  # "Loại đối tượng" (Cá nhân / Tập thể), "Thành phần"
REQUIRED = (NAME, AWARD)

# Folded heading -> field, exact forms first.
EXACT = {
    "stt": NUMBER, "tt": NUMBER, "so tt": NUMBER, "so thu tu": NUMBER,
    "ho va ten": NAME, "ho ten": NAME, "ten": NAME, "ca nhan": NAME, "tap the ca nhan": NAME,
    "ten tap the ca nhan": NAME, "ho va ten ca nhan": NAME, "ho va ten ten tap the": NAME,
    "ho ten ten tap the": NAME, "ten tap the ho ten ca nhan": NAME, "ten tap the ho va ten ca nhan": NAME,
    "ten tap the": NAME, "ho va ten ca nhan ten tap the": NAME, "ten don vi ca nhan": NAME,
    "chuc vu don vi": POSITION, "chuc vu va don vi": POSITION, "chuc vu don vi cong tac": POSITION,
    "chuc vu": POSITION, "don vi": POSITION, "don vi cong tac": POSITION, "chuc vu noi cong tac": POSITION,
    "chuc vu co quan don vi": POSITION, "chuc danh don vi": POSITION, "chuc vu chuc danh don vi": POSITION,
    "hinh thuc de nghi": AWARD, "hinh thuc khen thuong de nghi": AWARD, "hinh thuc khen thuong": AWARD,
    "danh hieu de nghi": AWARD, "de nghi": AWARD, "danh hieu hinh thuc de nghi": AWARD,
    "hinh thuc danh hieu de nghi": AWARD, "danh hieu hinh thuc khen thuong de nghi": AWARD,
    "de nghi khen thuong": AWARD, "hinh thuc": AWARD, "danh hieu": AWARD,
    "nam sinh": BIRTH, "ngay sinh": BIRTH, "ngay thang nam sinh": BIRTH,
    "gioi tinh": GENDER, "nam nu": GENDER,
    "so cccd": NATIONAL_ID, "cccd": NATIONAL_ID, "so can cuoc cong dan": NATIONAL_ID, "can cuoc cong dan": NATIONAL_ID,
    "so dinh danh": NATIONAL_ID, "so dinh danh ca nhan": NATIONAL_ID, "so cccd cmnd": NATIONAL_ID,
    "so can cuoc": NATIONAL_ID,
    "tom tat thanh tich": SUMMARY, "thanh tich": SUMMARY, "thanh tich dat duoc": SUMMARY,
    "tom tat thanh tich de nghi": SUMMARY, "noi dung thanh tich": SUMMARY,
    "loai doi tuong": KIND, "doi tuong": KIND, "loai": KIND,
    "thanh phan": CATEGORY, "thanh phan ca nhan": CATEGORY,
}
# Longer headings ("Hình thức khen thưởng đề nghị (ghi rõ)") read by their opening words, in this order.
PREFIXES = (
    ("hinh thuc", AWARD), ("danh hieu", AWARD), ("de nghi", AWARD),
    ("ho va ten", NAME), ("ho ten", NAME), ("ten tap the", NAME),
    ("chuc vu", POSITION), ("chuc danh", POSITION), ("don vi", POSITION),
    ("nam sinh", BIRTH), ("ngay sinh", BIRTH), ("ngay thang nam sinh", BIRTH),
    ("gioi tinh", GENDER), ("so cccd", NATIONAL_ID), ("so can cuoc", NATIONAL_ID), ("so dinh danh", NATIONAL_ID),
    ("tom tat", SUMMARY), ("thanh tich", SUMMARY),
)


def folded_heading(text) -> str:
    return _NON_WORD.sub(" ", fold(str(text or ""))).strip()


def field_of(heading) -> str | None:
    """The field a heading names, or None."""
    folded = folded_heading(heading)
    if not folded:
        return None
    found = EXACT.get(folded)
    if found:
        return found
    for prefix, field in PREFIXES:
        if folded == prefix or folded.startswith(prefix + " "):
            return field
    return None


def map_header(cells: list[str]) -> dict[str, int]:
    """Field -> column index for a header row; the first column naming a field wins."""
    mapping: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = field_of(cell)
        if field and field not in mapping:
            mapping[field] = index
    return mapping


def is_header(cells: list[str]) -> bool:
    mapping = map_header(cells)
    return all(field in mapping for field in REQUIRED)


def find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, list[str], dict[str, int]] | None:
    """(row number, header cells, mapping) of the first header among the first rows, or None."""
    for number, cells in rows:
        if number > HEADER_SEARCH_ROWS:
            break
        if is_header(cells):
            return number, cells, map_header(cells)
    return None
