"""The Vietnamese user guide (docs/huong-dan-su-dung.md and docs/huong-dan/*.md) rendered inside the application.

Raw HTML in the Markdown is not rendered (markdown-it-py with html=False: the guide is text, and a stray tag must
never reach a page under the CSP). Headings get stable ids from their folded text ("## 1. Đăng nhập" ->
"1-dang-nhap"), so the "Hướng dẫn" link of a page (HELP below) can point at its section. Links between guide pages
become links inside the application; a link to a developer document outside the guide is shown as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from markdown_it import MarkdownIt

from tdkt.lib.vntext import fold

INDEX = ""  # the guide's index page: docs/huong-dan-su-dung.md
PAGE_NAME = re.compile(r"^[a-z0-9-]{1,80}$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

# URL namespace, or "namespace:name" for a page with a section of its own -> (guide page, heading id).
# tests/core/test_guide.py checks that every page and heading exists.
HELP: dict[str, tuple[str, str]] = {
    "core:dashboard": (INDEX, "2-bang-dieu-khien"),
    "core:my_workspace": ("khen-thuong-cua-don-vi", "4-dot-xet-cua-don-vi-so-ban-nganh-xa-phuong"),
    "core:workspace": ("khen-thuong-cua-don-vi", "4-dot-xet-cua-don-vi-so-ban-nganh-xa-phuong"),
    "core:search": ("menu-va-tim-kiem", "tim-kiem"),
    "core:about": ("menu-va-tim-kiem", "huong-dan-va-gioi-thieu"),
    "core:guide_index": ("menu-va-tim-kiem", "huong-dan-va-gioi-thieu"),
    "core:guide_page": ("menu-va-tim-kiem", "huong-dan-va-gioi-thieu"),
    "accounts": (INDEX, "1-dang-nhap"),
    "orgs": (INDEX, "3-don-vi"),
    "orgs:groups": (INDEX, "4-cum-khoi-thi-dua"),
    "orgs:group_detail": (INDEX, "4-cum-khoi-thi-dua"),
    "orgs:councils": (INDEX, "5-hoi-dong-tdkt"),
    "orgs:council_detail": (INDEX, "5-hoi-dong-tdkt"),
    "people": (INDEX, "6-ca-nhan"),
    "audit": (INDEX, "7-nhat-ky-he-thong"),
    "users": ("nguoi-dung", "nguoi-dung-va-vai-tro"),
    "awards": ("tra-cuu-khen-thuong", "tra-cuu-khen-thuong"),
    "dossiers": ("ho-so-de-nghi", "ho-so-de-nghi-khen-thuong"),
    "dossiers:queue": ("ho-so-de-nghi", "chuyen-vien-co-quan-thuong-truc-so-noi-vu"),
    "dossiers:inbox": ("ho-so-de-nghi", "don-vi-van-thu-lanh-dao-don-vi"),
    "nominees": ("danh-sach-de-nghi", "danh-sach-de-nghi-khen-thuong-cua-ho-so"),
    "consultations": ("hiep-y-va-cong-khai", "hiep-y-lay-y-kien-co-quan-lien-quan-trinh-don-hiep-y-consultations"),
    "postings": ("hiep-y-va-cong-khai",
                 "cong-khai-danh-sach-lay-y-kien-nhan-dan-trinh-don-cong-khai-notices-manage"),
    "council": ("council", "phien-hop-hoi-dong-thi-dua-khen-thuong-va-bo-phieu-kin"),
    "decisions": ("quyet-dinh", "quyet-dinh-khen-thuong-chi-thuong-va-quy-thi-dua-khen-thuong"),
    "certificates": (INDEX, "9-in-bang-khen-giay-khen-va-tra-cuu-xac-thuc"),
    "signing": ("quyet-dinh", "cac-buoc"),
    "central": ("khen-thuong-cua-don-vi", "5-khen-cao-tinh-de-nghi-trung-uong-chuyen-vien-so-noi-vu"),
    "movements": ("phong-trao", "phong-trao-thi-dua"),
    "scoring": ("cham-diem-cum-khoi", "cham-diem-thi-dua-cum-khoi"),
    "plans": ("ke-hoach", "ke-hoach-cong-tac-thi-dua-khen-thuong-nhiem-vu-va-ke-hoach-cua-don-vi"),
    "initiatives": ("sang-kien", "sang-kien-de-tai-cong-trinh-khoa-hoc"),
    "inspections": ("kiem-tra", "kiem-tra-cong-tac-thi-dua-khen-thuong"),
    "training": ("tap-huan", "tap-huan-boi-duong-nghiep-vu-thi-dua-khen-thuong"),
    "exemplars": ("dien-hinh", "dien-hinh-tien-tien-nguoi-tot-viec-tot"),
    "news": ("tin-tuc", "tin-tuc-tren-cong-thong-tin"),
    "reports": ("bao-cao-thong-ke", "lap-bieu-mau-thong-ke-thi-dua-khen-thuong-0601-0605"),
    "workcalendar": ("thong-bao-va-han", "lich-ngay-lam-viec-thoi-han-xu-ly-ho-so-va-thong-bao"),
    "notifications": ("thong-bao-va-han", "thong-bao-trong-he-thong-notifications"),
    "integration": ("dong-bo-csdl-can-bo", "theo-doi-trang-dong-bo-khen-thuong"),
    "portal": ("cong-thong-tin", "cong-thong-tin-cong-khai"),
    "portal:search": ("cong-thong-tin", "tim-kiem"),
    "portal:decision": ("cong-thong-tin", "quyet-dinh-khen-thuong-va-ban-co-chu-ky-so"),
}


def guide_dir() -> Path:
    return Path(settings.GUIDE_DIR)


def page_path(page: str) -> Path | None:
    """The Markdown file of a guide page, or None when there is none (the view answers 404)."""
    if page == INDEX:
        path = guide_dir() / "huong-dan-su-dung.md"
    elif PAGE_NAME.match(page):
        path = guide_dir() / "huong-dan" / f"{page}.md"
    else:
        return None
    return path if path.is_file() else None


def slug(text: str) -> str:
    return _NOT_SLUG.sub("-", fold(text)).strip("-") or "muc"


def page_url(page: str, anchor: str = "") -> str:
    url = reverse("core:guide_index") if page == INDEX else reverse("core:guide_page", kwargs={"page": page})
    return f"{url}#{anchor}" if anchor else url


def help_for(namespace: str, url_name: str) -> tuple[str, str]:
    """(page, anchor) of the guide section matching a page: its own entry, else its app's, else the index."""
    return HELP.get(f"{namespace}:{url_name}") or HELP.get(namespace) or (INDEX, "")


def help_url(namespace: str, url_name: str) -> str:
    return page_url(*help_for(namespace, url_name))


def _guide_target(href: str, from_index: bool) -> str | None:
    """The application URL of a relative link to a guide page; None when it leads outside the guide."""
    target, _, anchor = href.partition("#")
    if not target:
        return f"#{anchor}" if anchor else None
    name = target.removeprefix("./")
    if name in ("huong-dan-su-dung.md", "../huong-dan-su-dung.md"):
        return page_url(INDEX, anchor)
    prefix = "huong-dan/" if from_index else ""
    if name.startswith(prefix) and name.endswith(".md"):
        page = name[len(prefix):-3]
        if PAGE_NAME.match(page) and page_path(page):
            return page_url(page, anchor)
    return None


@dataclass(frozen=True)
class Rendered:
    title: str
    html: str
    headings: tuple[tuple[str, str], ...]  # (id, text) of every heading, in order


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render_page(page: str) -> Rendered | None:
    path = page_path(page)
    if path is None:
        return None
    return _render(str(path), path.stat().st_mtime)


@lru_cache(maxsize=64)
def _render(path: str, _mtime: float) -> Rendered:
    """Rendered once per file version (the mtime is part of the cache key)."""
    md = _renderer()
    tokens = md.parse(Path(path).read_text(encoding="utf-8"))
    from_index = Path(path).name == "huong-dan-su-dung.md"
    headings, used, title = [], set(), ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            text = tokens[index + 1].content
            base = candidate = slug(text)
            counter = 2
            while candidate in used:  # two headings of the same text: the second gets "-2"
                candidate, counter = f"{base}-{counter}", counter + 1
            used.add(candidate)
            token.attrSet("id", candidate)
            headings.append((candidate, text))
            title = title or text
        if token.type in ("fence", "code_block"):
            token.attrSet("lang", "en")  # commands and file names: read by an English voice (WCAG 3.1.2)
        if token.type == "inline":
            _rewrite_links(token.children or (), from_index)
            for child in token.children or ():
                if child.type == "code_inline":
                    child.attrSet("lang", "en")
    return Rendered(title, md.renderer.render(tokens, md.options, {}), tuple(headings))


def _rewrite_links(children, from_index: bool) -> None:
    unlinked = False  # links do not nest in Markdown: the close tag follows its own open tag
    for child in children:
        if child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if "://" in href or href.startswith("mailto:"):
                unlinked = False
                continue
            target = _guide_target(href, from_index)
            unlinked = target is None
            if unlinked:  # a developer document outside the guide: its text stays, unlinked
                child.tag, child.attrs = "span", {}
            else:
                child.attrSet("href", target)
                _name_the_file_link(children, child, href)
        elif child.type == "link_close" and unlinked:
            child.tag, unlinked = "span", False


def _name_the_file_link(children, opening, href: str) -> None:
    """A link whose text is the file name ("huong-dan/ke-hoach.md") shows the page's title instead."""
    position = next(i for i, child in enumerate(children) if child is opening)
    text = children[position + 1] if position + 1 < len(children) else None
    if text is None or text.type != "text" or text.content != href:
        return
    name = href.partition("#")[0].removeprefix("./").removeprefix("huong-dan/").removesuffix(".md")
    path = page_path(name) if PAGE_NAME.match(name) else None
    if path:
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
        text.content = first.lstrip("#").strip() if first.startswith("#") else text.content


def anchors_of(page: str) -> set[str]:
    rendered = render_page(page)
    return {anchor for anchor, _text in rendered.headings} if rendered else set()
