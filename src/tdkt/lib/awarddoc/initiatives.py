"""Decisions recognising initiatives ("Quyết định công nhận sáng kiến cấp tỉnh năm 2025", "… công nhận hiệu
quả áp dụng và phạm vi ảnh hưởng của sáng kiến"): the scope of effect written in the title or Điều 1, and
each initiative with its title, field and authors, from the annex table (STT | Tên sáng kiến | Tác giả /
Đồng tác giả | Chức vụ, đơn vị | Lĩnh vực …, headers merged or split over two rows, repeated on each page,
co-authors on rows of their own) or from numbered prose ("1. Sáng kiến “…” của ông Nguyễn Văn A, Trưởng
phòng …"). Page chrome (page numbers, a running header repeated on every page) is left out first.

The scope is never guessed: none written, or two different ones, gives None and a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from tdkt.lib.docparse import Table, TextLine

from .authors import Author, parse_authors
from .body import logical_lines
from .model import Finding
from .text import AWARD_WORDS, capitalised, key, tidy

CO_SO, TINH, TOAN_QUOC = "CO_SO", "TINH", "TOAN_QUOC"  # the codes of tdkt.eligibility.codes.InitiativeScope
SCOPE_NAMES = {CO_SO: "cơ sở", TINH: "tỉnh", TOAN_QUOC: "toàn quốc"}

_TITLE = re.compile(r"cong nhan\b.*\b(?:sang kien|giai phap)|(?:hieu qua ap dung|pham vi anh huong)\b.*\bsang kien")
_SCOPES = (
    (TOAN_QUOC, re.compile(r"(?<![\w])(?:toan quoc|cap quoc gia|pham vi ca nuoc|cap bo, nganh trung uong)(?![\w])")),
    (TINH, re.compile(r"(?<![\w])(?:(?:cap|toan)\s+tinh|pham vi(?:\s+anh\s+huong)?(?:\s+(?:cap|trong|toan))?\s+tinh)"
                      r"(?![\w])")),
    (CO_SO, re.compile(r"(?<![\w])(?:cap\s+co\s+so|pham vi(?:\s+anh\s+huong)?(?:\s+(?:cap|trong|tai))?\s+co\s+so)"
                       r"(?![\w])")),
)
_ARTICLE = re.compile(r"^\s*dieu\s+(\d{1,3})\b")
_END = re.compile(r"^(?:tm\.?\s|t/m|kt\.?\s|noi nhan|\./\.)")
_ANNEX = re.compile(r"^(?:danh sach|phu luc)\b")
_COUNT = re.compile(r"(?<![\w/])(\d{1,4})\s+(?:sang kien|giai phap)")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?\s*$|^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
# The running header of the pages after the first: "Quyết định số 88/QĐ-UBND", "Kèm theo Quyết định số …".
_RUNNING_HEADER = re.compile(r"^\(?(?:kem theo |phu luc )?quyet dinh so\b")
# "1. Sáng kiến “…” của ông …", "2. Giải pháp: … ; tác giả: …"
_ITEM = re.compile(r"^\s*(?P<num>\d{1,3})\s*[.)]\s*(?:(?:sang kien|giai phap|de tai)\b\s*:?\s*)?", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"«‘](?P<title>[^”\"»’]{3,500})[”\"»’]")
_AUTHORS_START = re.compile(r"[;,.]?\s*(?:cua|do|tac gia|nhom tac gia|dong tac gia)\s*:?\s+(?=\S)")
_FIELD = re.compile(r"\(?\s*linh vuc\s*:?\s*(?P<field>[^;()]+?)\s*(?:\)|;|$)")

_LABEL_MAX = 40  # characters of a column label ("ten sang kien, giai phap")
_TITLE_LABELS = ("ten sang kien", "ten giai phap", "ten de tai", "sang kien", "giai phap")
_AUTHOR_LABELS = ("tac gia", "ho va ten", "ho ten", "chu nhiem")
_POSITION_LABELS = ("chuc vu", "don vi", "noi cong tac", "co quan")


@dataclass(frozen=True)
class InitiativeEntry:
    """One recognised initiative as the decision writes it."""

    title: str
    authors: tuple[Author, ...]
    line: int
    page: int | None = None
    number: str = ""  # its STT or item number as written
    field: str = ""  # lĩnh vực, when written
    scope: str | None = None  # from a scope column of its own; None: the decision's scope

    def as_json(self) -> dict:
        return {"number": self.number, "title": self.title, "field": self.field, "scope": self.scope,
                "line": self.line, "page": self.page, "authors": [author.as_json() for author in self.authors]}


@dataclass
class InitiativeReading:
    scope: str | None = None
    initiatives: list[InitiativeEntry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def is_initiative_decision(title: str | None, blocks: list[TextLine | Table]) -> bool:
    """The title recognises initiatives; without a readable title, Điều 1 does. A text that names an award
    ("công nhận danh hiệu Chiến sĩ thi đua cơ sở cho cá nhân có sáng kiến") is an award decision."""
    if title:
        return _recognises_initiatives(title)
    for block in blocks:
        if isinstance(block, TextLine) and _ARTICLE.match(key(block.text)):
            return _recognises_initiatives(block.text)
    return False


def _recognises_initiatives(text: str) -> bool:
    folded = key(tidy(text))
    return bool(_TITLE.search(folded)) and not AWARD_WORDS.search(folded)


def scope_in(text: str) -> set[str]:
    folded = key(tidy(text))
    return {code for code, pattern in _SCOPES if pattern.search(folded)}


def is_chrome_line(text: str) -> bool:
    """A page number or a running header ("Kèm theo Quyết định số …"), wherever on the page."""
    folded = key(tidy(text))
    return bool(folded and (_PAGE_NUMBER.match(folded) or _RUNNING_HEADER.match(folded)))


def without_chrome(blocks: list[TextLine | Table]) -> list[TextLine | Table]:
    """Page numbers and running headers/footers (the same line at the top or bottom of two pages or more)."""
    edges = Counter(key(tidy(b.text)) for b in blocks if isinstance(b, TextLine) and b.page_edge and b.page and b.text.strip())
    repeated = {text for text, count in edges.items() if count >= 2}
    kept = []
    for block in blocks:
        if isinstance(block, TextLine) and block.text.strip():
            folded = key(tidy(block.text))
            if _PAGE_NUMBER.match(folded) or (block.page_edge and (folded in repeated or (
                    (block.page or 0) > 1 and _RUNNING_HEADER.match(folded)))):
                continue
        kept.append(block)
    return kept


class _Reader:
    def __init__(self, pdf: bool):
        self.pdf = pdf
        self.result = InitiativeReading()
        self.columns: dict | None = None
        self.width = 0
        self.item: list | None = None  # [line, page, number, text]
        self.field_heading = ""

    def finding(self, line: int | None, message: str, page: int | None = None) -> None:
        self.result.findings.append(Finding(line, message, page))

    # --- the scope ---------------------------------------------------------------------------------------

    def read_scope(self, title: str | None, units: list) -> None:
        found = scope_in(title or "")
        where = "trích yếu"
        first_article = None
        if len(found) != 1:
            article_text, article_line = self._first_article(units)
            first_article = article_line
            in_article = scope_in(article_text)
            if in_article:
                found, where = (found | in_article) if found else in_article, "Điều 1"
        if len(found) == 1:
            self.result.scope = next(iter(found))
            return
        line = first_article
        if found:
            names = ", ".join(SCOPE_NAMES[code] for code, _p in _SCOPES if code in found)
            self.finding(line, f"Văn bản ghi nhiều phạm vi ảnh hưởng ({names}) ở {where}: không tự chọn được, cần "
                               "chọn khi rà soát.")
        else:
            self.finding(line, "Không đọc được phạm vi ảnh hưởng của sáng kiến (cơ sở, tỉnh hay toàn quốc) ở trích "
                               "yếu và Điều 1: cần chọn khi rà soát.")

    @staticmethod
    def _first_article(units: list) -> tuple[str, int | None]:
        for unit in units:
            if not isinstance(unit, Table) and (match := _ARTICLE.match(key(unit.text))) and match[1] == "1":
                return unit.text, unit.line
        return "", None

    # --- prose ---------------------------------------------------------------------------------------

    def read(self, units: list, *, announced_from: str) -> InitiativeReading:
        collecting = False
        for unit in units:
            if isinstance(unit, Table):
                self._close()
                self._table(unit)
                continue
            folded = key(unit.text)
            if _END.match(folded):
                self._close()
                collecting = False
                continue
            if article := _ARTICLE.match(folded):
                self._close()
                collecting = article[1] == "1"
                rest = unit.text[article.end():]
                if collecting and ":" in rest and (after := rest.split(":", 1)[1].strip()) and _ITEM.match(after):
                    self._start(unit, after)
                continue
            if _ANNEX.match(folded):
                self._close()
                collecting = True
                continue
            if not collecting:
                continue
            if _ITEM.match(unit.text) and ("sang kien" in folded[:30] or "giai phap" in folded[:30]
                                          or _QUOTED.search(unit.text)):
                self._close()
                self._start(unit, unit.text)
            elif self.item is not None:
                self.item[3] = f"{self.item[3]} {unit.text}"
            elif heading := re.match(r"^\s*(?:[ivxlc]{1,6}|[a-z])\s*[.)]\s*linh vuc\s*:?\s*(.+)$", folded):
                self.field_heading = tidy(unit.text[heading.start(1):]).rstrip(":")
        self._close()
        announced = _COUNT.search(key(announced_from))
        if announced and int(announced[1]) != len(self.result.initiatives):
            self.finding(None, f"Văn bản ghi {int(announced[1])} sáng kiến nhưng đọc được "
                               f"{len(self.result.initiatives)}: cần kiểm tra lại danh sách.")
        return self.result

    def _start(self, unit, text: str) -> None:
        match = _ITEM.match(text)
        self.item = [unit.line, unit.page, match["num"], text[match.end():]]

    def _close(self) -> None:
        if self.item is None:
            return
        line, page, number, text = self.item
        self.item = None
        text = tidy(text) if not _QUOTED.search(text) else " ".join(text.split())
        quoted = _QUOTED.search(text)
        folded = key(text)
        if quoted:
            title, rest = quoted["title"].strip(), text[quoted.end():]
        else:
            start = _AUTHORS_START.search(folded)
            title, rest = (text[: start.start()], text[start.start():]) if start else (text, "")
        field_text = ""
        if found := _FIELD.search(key(rest)):
            field_text = rest[found.start("field"):found.end("field")].strip()
            rest = rest[: found.start()] + rest[found.end():]
        rest = rest.strip(" ,;.")
        if start := _AUTHORS_START.match(key(rest)) or re.match(r"^(?:cua)\s+", key(rest)):
            rest = rest[start.end():]
        # A prose clause separates authors by ";" or "và"; its commas separate a name from its position.
        rest = re.sub(r",\s*(?=(?:đồng tác giả|đồng chí|ông|bà)\s)", "; ", rest, flags=re.IGNORECASE)
        self._add(title.strip(" .,;:“”\""), rest, line=line, page=page, number=number, field=field_text)

    def _add(self, title: str, authors_text: str, *, line: int, page, number: str, field: str = "",
             position_text: str = "", scope: str | None = None) -> None:
        title = tidy(title).strip(" .,;:")
        if not title:
            self.finding(line, f"Dòng {line}: sáng kiến số {number or '(không số)'} không có tên.", page)
            return
        authors, problems = parse_authors(authors_text, line=line, page=page, position_text=position_text)
        for problem in problems:
            self.finding(line, problem, page)
        if not authors:
            self.finding(line, f"Dòng {line}: không đọc được tác giả của sáng kiến «{_short(title)}».", page)
        self.result.initiatives.append(InitiativeEntry(title=title, authors=tuple(authors), line=line, page=page,
                                                       number=number, field=field or self.field_heading,
                                                       scope=scope))

    # --- tables --------------------------------------------------------------------------------------

    def _table(self, table: Table) -> None:
        found = _columns(table)
        if found is not None:
            self.columns, start = found
            self.width = len(table.rows[start - 1].cells)
        elif self.columns is not None and table.rows and len(table.rows[0].cells) == self.width:
            start = 0  # the list goes on on the next page
        else:
            return
        columns = self.columns
        header_keys = columns["header_keys"]
        pending: dict | None = None
        for row in table.rows[start:]:
            cells = list(row.cells) + [""] * max(0, self.width - len(row.cells))
            filled = [cell for cell in cells if cell.strip()]
            if not filled or all(re.fullmatch(r"\(?\d{1,2}\)?", cell.strip()) for cell in filled):
                continue
            if all(key(tidy(cell)) in header_keys for cell in filled):
                continue  # the header repeated on the next page
            cell = _cell_reader(cells, columns)
            number, title = cell("number"), cell("title")
            if not number.isdigit() and not cell("authors") and (len(set(filled)) == 1 or number):
                text = tidy(" ".join(dict.fromkeys(filled)))
                folded = key(text)
                if "linh vuc" in folded:
                    self.field_heading = capitalised(text[folded.index("linh vuc") + 8:].strip(" :").lower())
                continue  # a section row ("I | LĨNH VỰC GIÁO DỤC")
            if not title and not number and pending is not None:
                # A co-author on a row of its own (the number and title cells merged down).
                pending["authors_text"] += "\n" + cell("authors")
                pending["position_text"] += "\n" + cell("position")
                continue
            if pending is not None:
                self._add(**pending)
            pending = {"title": title, "authors_text": cell("authors"), "line": row.line, "page": None,
                       "number": number, "field": cell("field"), "position_text": cell("position"),
                       "scope": _one_scope(cell("scope"))}
        if pending is not None:
            self._add(**pending)


def _cell_reader(cells: list[str], columns: dict):
    """cell(role): the text of the row's cell in that role ("" when the table has no such column)."""
    return lambda role: cells[columns[role]].strip() if columns.get(role) is not None else ""


def _one_scope(text: str) -> str | None:
    found = scope_in(f"cap {text}") if text else set()
    return next(iter(found)) if len(found) == 1 else None


def _columns(table: Table) -> tuple[dict, int] | None:
    """The roles of the columns of an initiatives table and the index of its first data row."""
    for index, row in enumerate(table.rows[:4]):
        labels = [key(tidy(cell)) for cell in row.cells]
        # A header holds short labels, a title's and an author's (or the number's): a row of a table continued
        # on the next page whose title begins "Giải pháp …" is not one.
        if not (any(len(label) <= _LABEL_MAX and any(label.startswith(t) or f" {t}" in label for t in _TITLE_LABELS)
                    for label in labels)
                and any(label in ("tt", "stt", "so tt") or any(word in label for word in _AUTHOR_LABELS)
                        for label in labels)):
            continue
        for at in range(1, len(labels)):  # a cell spanning several columns labels each of them
            if not labels[at] and at < len(row.merges) and row.merges[at] == "h+":
                labels[at] = labels[at - 1]
        header_keys = set(labels)
        after = index + 1
        if after < len(table.rows):
            sub = [key(tidy(cell)) for cell in table.rows[after].cells]
            if any(sub) and all(not cell or any(w in cell for w in (*_AUTHOR_LABELS, *_POSITION_LABELS, "ty le",
                                                                    "ti le", "nam sinh", "%"))
                                for cell in sub):
                labels = [f"{label} {sub[at]}".strip() if at < len(sub) else label for at, label in enumerate(labels)]
                header_keys |= set(sub)
                after += 1
        return _roles(labels, header_keys), after
    return None


def _roles(labels: list[str], header_keys: set[str]) -> dict:
    roles: dict = {"header_keys": header_keys | set(labels)}
    for index, label in enumerate(labels):
        if not label:
            continue
        if label in ("tt", "stt", "so tt") or label.startswith("stt"):
            roles.setdefault("number", index)
        elif "linh vuc" in label:
            roles.setdefault("field", index)
        elif "pham vi" in label:
            roles.setdefault("scope", index)
        elif any(word in label for word in _POSITION_LABELS):
            roles.setdefault("position", index)
        elif any(word in label for word in _AUTHOR_LABELS):
            roles.setdefault("authors", index)
        elif any(label.startswith(t) or f" {t}" in label for t in _TITLE_LABELS):
            roles.setdefault("title", index)
    return roles


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "…"


def read_initiatives(blocks: list[TextLine | Table], *, title: str | None, pdf: bool) -> InitiativeReading:
    """The scope and the initiatives of a recognition decision's body (`blocks`: after the header)."""
    units = logical_lines(without_chrome(blocks), pdf=pdf)
    reader = _Reader(pdf)
    reader.read_scope(title, units)
    article, _line = reader._first_article(units)
    reader.read(units, announced_from=article)
    if not reader.result.initiatives:
        reader.finding(None, "Không đọc được sáng kiến nào: không thấy bảng danh sách (cột «Tên sáng kiến») hay "
                             "mục «1. Sáng kiến “…” của …».")
    return reader.result
