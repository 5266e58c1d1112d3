"""Page chrome: what a web page (or a PDF printed from one) puts around the document it publishes.

`strip_chrome(texts)` → `(start, end)`: the document is `texts[start:end]`. It starts at its header — the
national motto, the agency lines just above it, the "Số: …" line or the type line, whichever comes first as a
header would — and ends before the page's footer ("Bản quyền ©", related links, share buttons, a cookie notice).
It does not end at "Nơi nhận": plans and decisions carry their annexes and lists after the signature.
`is_chrome(text)` says whether one line is chrome (navigation, breadcrumbs, "Ngày đăng: …", "Lượt xem: …").
"""

from __future__ import annotations

import re

from .fields import type_of_line
from .text import DECORATION, fold_same_length, has_motto

# Portal navigation: menu items and breadcrumbs ("Trang chủ | Giới thiệu | Tin tức", "Trang chủ > Văn bản >
# Quyết định"). A strong item is chrome on its own line; a weak one ("Văn bản", "Quyết định") only inside a menu.
_STRONG_NAV = frozenset((
    "trang chu", "gioi thieu", "tin tuc", "su kien", "lien he", "hoi dap", "so do cong", "so do trang",
    "tim kiem", "dang nhap", "dang ky", "english", "tieng viet", "home", "menu", "rss", "gop y",
    "thu vien anh", "video", "tin noi bat", "tin moi", "van ban moi", "lich cong tac", "cong bao",
    "dich vu cong", "thu tuc hanh chinh", "co cau to chuc", "chuc nang nhiem vu", "tin tuc - su kien",
    "thong tin tuyen truyen", "ho tro"))
_WEAK_NAV = frozenset((
    "van ban", "van ban phap quy", "van ban chi dao dieu hanh", "chi dao dieu hanh", "van ban quy pham phap luat",
    "quyet dinh", "ke hoach", "thong bao", "chi thi", "cong van", "to trinh", "bao cao", "huong dan",
    "thi dua khen thuong", "thi dua - khen thuong", "thi dua, khen thuong", "chuyen muc", "danh muc", "tai lieu",
    "van ban dieu hanh", "van ban tinh", "van ban so", "tin hoat dong", "tin trong tinh", "tin trong nuoc"))
_NAV_SEPARATOR = re.compile(r"\s*[|»>›•·]\s*|\s+/\s+")
# Lines a portal writes around every article (their own words, never the start of a document's sentence).
_CHROME_LINE = re.compile(
    r"^(?:ngay dang|ngay cap nhat|cap nhat|thu (?:hai|ba|tu|nam|sau|bay),|chu nhat,|dang luc|ngay xuat ban|luot xem|luot truy cap|so luot xem|"
    r"luot doc|tac gia\s*:|nguon\s*:|tai ve|tai xuong|download|in trang|in bai|gui email|gui mail|"
    r"chia se|share|tweet|copy link|sao chep lien ket|nhap tu khoa|go tu khoa|xem them|doc tiep|"
    r"quay lai|ve dau trang|len dau trang|binh luan|y kien ban doc|file dinh kem|tep dinh kem|"
    r"cong thong tin dien tu|trang thong tin dien tu|ban quyen|copyright|©|\(c\) |giay phep so|"
    r"chiu trach nhiem|dia chi\s*:|dien thoai\s*:|email\s*:|fax\s*:|website|trang web nay su dung|"
    r"chung toi su dung cookie|tin lien quan|bai viet lien quan|van ban lien quan|cac tin khac|tin khac|"
    r"tin da dua|cung chuyen muc|thong ke truy cap|dang truc tuyen|hom nay\s*:|tong truy cap|"
    # what a browser prints at the top and bottom of each page: the time, the address
    r"https?://|www\.|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}\b)"
)
# The footer of a page: once seen after the document began, the rest is the page's, not the document's.
_FOOTER_LINE = re.compile(
    r"^(?:ban quyen\s*(?:thuoc|©|\(c\))|copyright|©|\(c\) |chung toi su dung cookie|trang web nay su dung cookie|"
    r"(?:tin lien quan|bai viet lien quan|van ban lien quan|cac tin khac|tin khac|tin da dua|cung chuyen muc|"
    r"thong ke truy cap|ve dau trang|len dau trang|chia se|share|tai ve|in trang)\s*(?:[:|].{0,60})?$)"
)
_NUMBER_LINE = re.compile(r"^\s*so\s*[:.]?\s*(?:\d[\w.]*)?\s*/\s*\S")
_AGENCY_START = re.compile(
    r"^(?:uy ban|ubnd|hoi dong|hdnd|so |ban |phong |van phong|bo |cuc |chi cuc|tong cuc|truong |cong an|"
    r"bo chi huy|dang uy|tinh uy|huyen uy|thanh uy|thi uy|quan uy|mat tran|lien doan|hoi |doan |trung tam|"
    r"benh vien|cong ty|toa an|vien kiem sat|kho bac|chi nhanh|ngan hang|buu dien|dai |thanh tra|cong doan|"
    r"hoc vien|dai hoc|vien |tap doan|tong cong ty|hop tac xa|lien minh|"
    r"tinh |huyen |thanh pho |thi xa |xa |phuong |thi tran |quan )"
)
MAX_CHROME_CHARS = 160


def is_chrome(text: str) -> bool:
    folded = fold_same_length(text).strip()
    if not folded or len(folded) > MAX_CHROME_CHARS:
        return False
    if _CHROME_LINE.match(folded):
        return True
    items = [item.strip(" .:") for item in _NAV_SEPARATOR.split(folded) if item.strip(" .:")]
    if not items or not all(item in _STRONG_NAV or item in _WEAK_NAV for item in items):
        return False
    return len(items) >= 2 or items[0] in _STRONG_NAV


def is_footer(text: str) -> bool:
    folded = fold_same_length(text).strip()
    return bool(folded) and len(folded) <= MAX_CHROME_CHARS and bool(_FOOTER_LINE.match(folded))


def _is_agency_line(text: str) -> bool:
    """An upper-case line that could be the header's agency ("ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "SỞ NỘI VỤ")."""
    stripped = text.strip()
    letters = [char for char in stripped if char.isalpha()]
    if not letters or len(stripped) > 90 or is_chrome(stripped):
        return False
    upper = sum(1 for char in letters if char.isupper())
    # In capitals as Decree 30 writes it, or a short name as a web page may retype it ("Công đoàn ngành Y tế").
    return (upper >= 0.8 * len(letters) or len(stripped) <= 60) and bool(
        _AGENCY_START.match(fold_same_length(stripped).strip()))


_DATE_LINE = re.compile(r"^[^,;:]{2,40},?\s+ngay\s*(?:\d{1,2})?[\s.…_]*(?:thang|/|-|\.)")


def _is_date_line(text: str) -> bool:
    """The header's place and date ("Sơn La, ngày 07 tháng 01 năm 2026"), not a portal's "Ngày đăng: …"."""
    return len(text.strip()) <= 80 and bool(_DATE_LINE.match(fold_same_length(text).strip()))


def _is_type_line(text: str) -> bool:
    return type_of_line(text)[0] is not None


def _title_follows(texts: list[str], index: int) -> bool:
    """A type line is followed by its title, a menu item ("Quyết định") by more menu items."""
    following = [text for text in texts[index + 1:index + 6] if text.strip()][:2]
    return bool(following) and not any(is_chrome(text) or _is_type_line(text) for text in following)


def strip_chrome(texts: list[str], *, search: int = 200) -> tuple[int, int]:
    """(start, end) of the document inside `texts` (lines in reading order), without the page chrome."""
    anchor = None
    for index, text in enumerate(texts[:search]):
        if is_chrome(text):
            continue
        folded = fold_same_length(text).strip()
        if has_motto(text) or _NUMBER_LINE.match(folded) or (_is_type_line(text) and _title_follows(texts, index)):
            anchor = index
            break
    if anchor is None:
        start = 0
        while start < len(texts) and (not texts[start].strip() or is_chrome(texts[start])):
            start += 1
        start = min(start, len(texts))
    else:
        start = anchor
        # The agency lines sit just above the motto (a copied two-column header reads left column first).
        index = anchor - 1
        while index >= 0 and anchor - index <= 6:
            text = texts[index]
            if not text.strip() or DECORATION.match(text):
                index -= 1
                continue
            if is_chrome(text) or not (_is_agency_line(text) or _is_date_line(text) or has_motto(text)
                    or _NUMBER_LINE.match(fold_same_length(text).strip())):
                break
            start = index
            index -= 1
    end = len(texts)
    for index in range(start + 1, len(texts)):
        if is_footer(texts[index]):
            end = index
            break
    return start, end
