"""The authors of one initiative as a decision writes them: a table cell or a prose clause holding one or
several authors ("Ông Nguyễn Văn An (60%); Bà Trần Thị Bình (40%)", one per line, "… và ThS. Lê Văn C"),
each with an honorific or degree taken off (tdkt.lib.names), the position and unit after the name, and the
share when it is written as a whole percent.

Never invents: a piece whose name cannot be read becomes a problem naming the text; a share written with a
fraction ("33,3%") is not rounded — it is left out with a problem, so the caller uses equal shares or asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tdkt.lib.names import display_case, strip_name

from .recipients import plausible_person, split_flat_row, split_position_unit
from .text import tidy

_SHARE = re.compile(r"\(?\s*(?:(?:tỷ|tỉ|ty|ti)\s+lệ(?:\s+đóng\s+góp)?\s*:?\s*)?(\d{1,3}(?:[.,]\d+)?)\s*%\s*\)?",
                    re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[-–—•+*])\s*")
# "và" between two authors: what follows is a name (an honorific, a degree or a capitalised word), never a
# unit's "và" ("Sở Tài nguyên và Môi trường": then what follows is not a person's name, see _split_and).
_AND = re.compile(r"\s+(?:và|va)\s+(?=\S)", re.IGNORECASE)
_ROLE_WORDS = re.compile(r"^(?:(?:đồng\s+)?tác\s+giả|chủ\s+nhiệm|nhóm\s+tác\s+giả|đồng\s+chủ\s+nhiệm)\s*:?\s*",
                         re.IGNORECASE)
_TRAILING = " ;.,:-–"


@dataclass(frozen=True)
class Author:
    """One author as written: the name without honorifics, the position and unit, the share if written."""

    name: str
    position: str = ""
    unit: str = ""
    share: int | None = None
    line: int = 0
    page: int | None = None

    def as_json(self) -> dict:
        return {"name": self.name, "position": self.position, "unit": self.unit, "share": self.share,
                "line": self.line, "page": self.page}


def _name_of(piece: str) -> str:
    """The name at the head of a piece (before its first comma), honorifics off."""
    return strip_name(_SHARE.sub(" ", piece).split(",")[0].split(" - ")[0].strip(_TRAILING))


def _split_and(part: str) -> list[str]:
    """Split at "và" only where both sides begin with a person's name."""
    pieces = [part]
    while True:
        last = pieces[-1]
        for match in _AND.finditer(last):
            before, after = last[: match.start()], last[match.end():]
            # What follows may itself list more authors ("B và C"): its first name is what must be plausible.
            if plausible_person(_name_of(before)) and plausible_person(_name_of(_AND.split(after, 1)[0])):
                pieces[-1:] = [before, after]
                break
        else:
            return pieces


def _split_commas(part: str) -> list[str]:
    """"Nguyễn Văn An, Trần Thị Bình" or "Lò Văn Cường (60%), Đặng Thị Đào (40%)" (names only, positions in their
    own column): one author per comma part when every part is a name; otherwise the commas separate the position
    and unit."""
    parts = [p.strip(_TRAILING) for p in part.split(",")]
    if len(parts) > 1 and all(plausible_person(strip_name(_SHARE.sub(" ", p).strip(_TRAILING))) for p in parts):
        return parts
    return [part]


def split_authors(text: str) -> list[str]:
    """The pieces of an authors cell or clause, one per author (not yet parsed)."""
    pieces = []
    for part in re.split(r"[;\n]+", text or ""):
        part = _ROLE_WORDS.sub("", _BULLET.sub("", tidy(part)).strip(_TRAILING))
        if not part:
            continue
        for piece in _split_and(part):
            pieces.extend(_split_commas(piece.strip(_TRAILING)))
    return [piece for piece in pieces if piece]


def parse_author(piece: str, *, line: int, page: int | None) -> tuple[Author | None, str]:
    """One author (None when no name can be read) and a Vietnamese problem naming the line ("" when none)."""
    share = None
    problem = ""
    if found := _SHARE.search(piece):
        written = found[1].replace(",", ".")
        if "." in written and float(written) != int(float(written)):
            problem = f"Dòng {line}: tỷ lệ đóng góp «{found[1]}%» không phải số nguyên: bỏ qua, cần xác định lại."
        elif 1 <= int(float(written)) <= 100:
            share = int(float(written))
        piece = (piece[: found.start()] + " " + piece[found.end():]).strip(_TRAILING)
    piece = _ROLE_WORDS.sub("", tidy(piece)).strip(_TRAILING)
    head, _sep, rest = piece.partition(",")
    if " - " in head and not rest:
        head, _sep, rest = head.partition(" - ")
    name = strip_name(head.strip(_TRAILING))
    if not plausible_person(display_case(name)) and not rest:
        # "Nguyễn Văn An Trưởng phòng Nội vụ": the name ends where a position or unit word begins.
        flat = split_flat_row(strip_name(piece))
        head, _sep, rest = flat.partition(",")
        name = head.strip(_TRAILING)
    name = display_case(name)
    if not plausible_person(name):
        short = piece if len(piece) <= 80 else piece[:77] + "…"
        return None, f"Dòng {line}: không tách được họ tên tác giả từ «{short}»."
    position, unit, _guessed = split_position_unit(rest)
    return Author(name=name, position=position, unit=unit, share=share, line=line, page=page), problem


def parse_authors(text: str, *, line: int, page: int | None = None,
                  position_text: str = "") -> tuple[list[Author], list[str]]:
    """The authors written in `text` and the problems met (Vietnamese, naming the line). `position_text`: a
    separate "Chức vụ, đơn vị" cell, one line per author or one for all of them."""
    authors: list[Author] = []
    problems: list[str] = []
    for piece in split_authors(text):
        found, problem = parse_author(piece, line=line, page=page)
        if problem:
            problems.append(problem)
        if found is not None:
            authors.append(found)
    positions = [tidy(p).strip(_TRAILING) for p in re.split(r"[;\n]+", position_text or "") if tidy(p).strip(_TRAILING)]
    positions = [_BULLET.sub("", p) for p in positions]
    if positions:
        shared = len(positions) != len(authors)
        for index, author in enumerate(authors):
            if author.position or author.unit:
                continue
            text_for = ", ".join(positions) if shared else positions[index]
            position, unit, _guessed = split_position_unit(text_for)
            authors[index] = Author(author.name, position, unit, author.share, author.line, author.page)
    return authors, problems
