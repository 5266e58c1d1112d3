"""The JSON interchange of `check_eligibility` (docs/eligibility.md): parse a batch, write the results.

Malformed input raises ParseError listing every problem with its place ("candidates[3].ratings[1].level")
in Vietnamese; nothing else escapes from `parse_bytes` / `parse_document`. Award codes are not checked
here (an unknown code is reported per candidate by the engine, without failing the batch); the closed
vocabularies (recipient kind, rating level, basis, scope, discipline level) are.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .codes import Basis, DisciplineLevel, InitiativeScope, RatingLevel, Recipient
from .names import quoted
from .types import (
    AwardEntry,
    Candidate,
    DisciplineEntry,
    InitiativeEntry,
    LeadershipTerm,
    MemberStats,
    RatingEntry,
    Result,
)

MAX_ISSUES = 50
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Vocabulary:
    """A closed list of codes, in display order, with a set for fast membership."""

    __slots__ = ("members", "names")

    def __init__(self, values) -> None:
        self.names = tuple(str(value) for value in values)
        self.members = frozenset(self.names)


KINDS = _Vocabulary(Recipient)
LEVELS = _Vocabulary(RatingLevel)
BASES = _Vocabulary(Basis)
SCOPES = _Vocabulary(InitiativeScope)
DISCIPLINE_LEVELS = _Vocabulary(DisciplineLevel)
GENDERS = _Vocabulary(("F", "M"))


@dataclass(frozen=True, slots=True)
class Issue:
    path: str  # "candidates[3].ratings[1].level"
    message: str
    candidate: int | None = None  # index in "candidates"
    candidate_id: str | None = None

    def __str__(self) -> str:
        where = self.path or "tệp"
        if self.candidate is not None:
            who = f"ứng viên thứ {self.candidate + 1}" + (f', id "{self.candidate_id}"' if self.candidate_id else "")
            where = f"{where} ({who})"
        return f"{where}: {self.message}"


class ParseError(ValueError):
    """Malformed input: every problem found, each with its place."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


@dataclass(frozen=True, slots=True)
class Batch:
    decision_date: dt.date
    candidates: tuple[Candidate, ...]


class _Stop(Exception):
    """Too many problems: stop reading."""


class _Reader:
    """Typed access to decoded JSON that records problems instead of raising."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.candidate: int | None = None
        self.candidate_id: str | None = None

    def problem(self, path: str, message: str) -> None:
        self.issues.append(Issue(path, message, self.candidate, self.candidate_id))
        if len(self.issues) >= MAX_ISSUES:
            raise _Stop

    def object(self, value: object, path: str, shape: _Shape) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, f"phải là một đối tượng JSON {{…}}, không phải {_kind(value)}.")
            return None
        if not shape.allowed.issuperset(value):
            for key in value:
                if key not in shape.allowed:
                    self.problem(_join(path, key), f"trường không được hỗ trợ; các trường hợp lệ: {shape.listed}.")
        for key in shape.required:
            if key not in value:
                self.problem(_join(path, key), "thiếu trường bắt buộc.")
        return value

    def list(self, value: object, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"phải là một danh sách […], không phải {_kind(value)}.")
            return []
        return value

    def text(self, value: object, path: str, *, empty: bool = False) -> str | None:
        if not isinstance(value, str):
            self.problem(path, f"phải là chuỗi ký tự, không phải {_kind(value)}.")
            return None
        if not empty and not value.strip():
            self.problem(path, "không được để trống.")
            return None
        return value

    def integer(self, value: object, path: str, low: int | None = None, high: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"phải là số nguyên, không phải {_kind(value)}.")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            allowed = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
            self.problem(path, f"giá trị {value} không hợp lệ; phải {allowed}.")
            return None
        return value

    def number(self, value: object, path: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
            self.problem(path, f"phải là số không âm, không phải {_show(value)}.")
            return None
        return float(value)

    def year(self, value: object, path: str) -> int | None:
        return self.integer(value, path, 1, 9999)

    def date(self, value: object, path: str, *, nullable: bool = False) -> dt.date | None:
        if value is None and nullable:
            return None
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(path, f"ngày {_show(value)} không hợp lệ; định dạng YYYY-MM-DD (ví dụ 2025-12-20).")
        return None

    def choice(self, value: object, path: str, allowed: _Vocabulary, what: str) -> str | None:
        if not isinstance(value, str) or value not in allowed.members:
            self.problem(path, f"{what} {_show(value)} không hợp lệ; phải là một trong: {', '.join(allowed.names)}.")
            return None
        return value


class _Shape:
    """Keys an object of the interchange must and may have."""

    __slots__ = ("allowed", "listed", "required")

    def __init__(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
        self.required = required
        self.allowed = frozenset(required + optional)
        self.listed = ", ".join(sorted(self.allowed))


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _kind(value: object) -> str:
    names = {dict: "đối tượng", list: "danh sách", str: "chuỗi", bool: "true/false", int: "số nguyên", float: "số thực",
             type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str | int | float | bool | None) else _kind(value)
    return text if len(text) <= 60 else text[:57] + "…"


# --- reading ---------------------------------------------------------------------------------------

def parse_bytes(data: bytes) -> Batch:
    """Decode a JSON file (UTF-8, with or without BOM) and parse it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError([Issue("", f"tệp không phải văn bản UTF-8 (byte không hợp lệ ở vị trí {error.start}); hãy "
                                    "lưu tệp JSON với mã hóa UTF-8.")]) from None
    return parse_text(text)


def parse_text(text: str) -> Batch:
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except _DuplicateKey as error:
        raise ParseError([Issue("", f"khóa {quoted(error.args[0])} xuất hiện hai lần trong cùng một đối tượng.")]) from None
    except _BadConstant as error:
        raise ParseError([Issue("", f"giá trị {error.args[0]} không phải JSON hợp lệ.")]) from None
    except json.JSONDecodeError as error:
        raise ParseError([Issue("", f"JSON không hợp lệ ở dòng {error.lineno}, cột {error.colno}: "
                                    f"{_json_message(error.msg)}.")]) from None
    except RecursionError:
        raise ParseError([Issue("", "JSON lồng nhau quá sâu.")]) from None
    except ValueError as error:  # e.g. an integer literal longer than Python converts
        raise ParseError([Issue("", f"JSON không hợp lệ: {error}.")]) from None
    return parse_document(document)


_JSON_MESSAGES = (
    ("Expecting value", "thiếu giá trị"),
    ("Expecting ',' delimiter", "thiếu dấu phẩy"),
    ("Expecting ':' delimiter", "thiếu dấu hai chấm"),
    ("Expecting property name enclosed in double quotes", "tên trường phải đặt trong dấu ngoặc kép"),
    ("Unterminated string", "chuỗi chưa có dấu ngoặc kép đóng"),
    ("Extra data", "có dữ liệu thừa sau đối tượng JSON"),
    ("Invalid control character", "có ký tự điều khiển trong chuỗi"),
    ("Invalid \\escape", "ký tự thoát (\\) không hợp lệ"),
    ("Illegal trailing comma", "dấu phẩy thừa"),
)


def _json_message(message: str) -> str:
    """The json module's English message in Vietnamese (kept in English when unknown)."""
    for english, vietnamese in _JSON_MESSAGES:
        if message.startswith(english):
            return vietnamese
    return message


class _DuplicateKey(ValueError):
    pass


class _BadConstant(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    document: dict = {}
    for key, value in pairs:
        if key in document:
            raise _DuplicateKey(key)
        document[key] = value
    return document


def _no_constant(name: str) -> None:
    raise _BadConstant(name)


def parse_document(document: object) -> Batch:
    """Validate decoded JSON and build the batch; ParseError lists every problem found."""
    reader = _Reader()
    try:
        batch = _batch(reader, document)
    except _Stop:
        reader.issues.append(Issue("", f"dừng đọc sau {MAX_ISSUES} lỗi."))
        batch = None
    if reader.issues or batch is None:
        raise ParseError(reader.issues or [Issue("", "tệp không đọc được.")])
    return batch


def _batch(reader: _Reader, document: object) -> Batch | None:
    top = reader.object(document, "", TOP)
    if top is None:
        return None
    decision_date = reader.date(top.get("decision_date"), "decision_date") if "decision_date" in top else None
    raw = top.get("candidates")
    if "candidates" in top and not isinstance(raw, list):
        reader.problem("candidates", f"phải là một danh sách […], không phải {_kind(raw)}.")
    candidates = []
    for index, item in enumerate(raw if isinstance(raw, list) else ()):
        reader.candidate = index
        reader.candidate_id = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
        candidate = _candidate(reader, item, f"candidates[{index}]")
        if candidate is not None:
            candidates.append(candidate)
    if decision_date is None or reader.issues:
        return None
    return Batch(decision_date, tuple(candidates))


TOP = _Shape(("decision_date", "candidates"))
CANDIDATE = _Shape(("id", "kind", "award", "year"), (
    "ratings", "awards", "initiatives", "discipline", "open_cases", "members", "gender", "leadership_years",
    "lodged_on", "basis", "higher_retirement_age"))
RATING = _Shape(("year", "level"))
AWARD = _Shape(("award", "year", "basis"), ("period_from", "period_to", "decision_date"))
INITIATIVE = _Shape(("id", "year", "scope"), ("used_for", "used_for_year"))
DISCIPLINE = _Shape(("level", "from"), ("to",))
MEMBERS = _Shape(("total", "ldtt", "completed_tasks", "cstd_cs", "disciplined_warning_or_above"))
TERM = _Shape(("post", "years"), ("from", "to"))


def _candidate(reader: _Reader, item: object, path: str) -> Candidate | None:
    data = reader.object(item, path, CANDIDATE)
    if data is None:
        return None
    before = len(reader.issues)
    get = data.get
    fields = {
        "id": reader.text(get("id"), f"{path}.id") if "id" in data else None,
        "kind": reader.choice(get("kind"), f"{path}.kind", KINDS, "loại đối tượng") if "kind" in data else None,
        "award": reader.text(get("award"), f"{path}.award") if "award" in data else None,
        "year": reader.year(get("year"), f"{path}.year") if "year" in data else None,
        "ratings": _items(reader, get("ratings"), f"{path}.ratings", _rating),
        "awards": _items(reader, get("awards"), f"{path}.awards", _award),
        "initiatives": _items(reader, get("initiatives"), f"{path}.initiatives", _initiative),
        "discipline": _items(reader, get("discipline"), f"{path}.discipline", _discipline),
        "open_cases": _items(reader, get("open_cases"), f"{path}.open_cases",
                             lambda r, v, p: r.text(v, p, empty=True)),
        "members": _members(reader, get("members"), f"{path}.members"),
        "gender": (reader.choice(get("gender"), f"{path}.gender", GENDERS, "giới tính")
                   if get("gender") is not None else None),
        "leadership_years": _leadership(reader, get("leadership_years"), f"{path}.leadership_years"),
        "lodged_on": reader.date(get("lodged_on"), f"{path}.lodged_on", nullable=True),
        "basis": (reader.choice(get("basis"), f"{path}.basis", BASES, "loại hình khen thưởng")
                  if get("basis") is not None else None),
        "higher_retirement_age": _flag(reader, get("higher_retirement_age"), f"{path}.higher_retirement_age"),
    }
    if len(reader.issues) > before:
        return None
    return Candidate(**fields)


def _items(reader: _Reader, value: object, path: str, read: Callable) -> tuple:
    items = []
    for index, item in enumerate(reader.list(value, path)):
        parsed = read(reader, item, f"{path}[{index}]")
        if parsed is not None:
            items.append(parsed)
    return tuple(items)


def _rating(reader: _Reader, item: object, path: str) -> RatingEntry | None:
    data = reader.object(item, path, RATING)
    if data is None or "year" not in data or "level" not in data:
        return None
    year = reader.year(data["year"], f"{path}.year")
    level = reader.choice(data["level"], f"{path}.level", LEVELS, "mức xếp loại")
    return RatingEntry(year, level) if year is not None and level is not None else None


def _award(reader: _Reader, item: object, path: str) -> AwardEntry | None:
    data = reader.object(item, path, AWARD)
    if data is None or any(key not in data for key in ("award", "year", "basis")):
        return None
    code = reader.text(data["award"], f"{path}.award")
    year = reader.year(data["year"], f"{path}.year")
    basis = reader.choice(data["basis"], f"{path}.basis", BASES, "loại hình khen thưởng")
    dates = {key: reader.date(data.get(key), f"{path}.{key}", nullable=True)
             for key in ("period_from", "period_to", "decision_date")}
    if code is None or year is None or basis is None:
        return None
    return AwardEntry(code, year, basis, dates["period_from"], dates["period_to"], dates["decision_date"])


def _initiative(reader: _Reader, item: object, path: str) -> InitiativeEntry | None:
    data = reader.object(item, path, INITIATIVE)
    if data is None or any(key not in data for key in ("id", "year", "scope")):
        return None
    initiative_id = reader.text(data["id"], f"{path}.id")
    year = reader.year(data["year"], f"{path}.year")
    scope = reader.choice(data["scope"], f"{path}.scope", SCOPES, "phạm vi sáng kiến")
    used_for = data.get("used_for")
    if used_for is not None:
        used_for = reader.text(used_for, f"{path}.used_for")
    used_for_year = data.get("used_for_year")
    if used_for_year is not None:
        used_for_year = reader.year(used_for_year, f"{path}.used_for_year")
    if initiative_id is None or year is None or scope is None:
        return None
    return InitiativeEntry(initiative_id, year, scope, used_for, used_for_year)


def _discipline(reader: _Reader, item: object, path: str) -> DisciplineEntry | None:
    data = reader.object(item, path, DISCIPLINE)
    if data is None or "level" not in data or "from" not in data:
        return None
    level = reader.choice(data["level"], f"{path}.level", DISCIPLINE_LEVELS, "hình thức kỷ luật")
    start = reader.date(data["from"], f"{path}.from")
    end = reader.date(data.get("to"), f"{path}.to", nullable=True)
    if level is None or start is None:
        return None
    return DisciplineEntry(level, start, end)


_MEMBER_FIELDS = ("total", "ldtt", "completed_tasks", "cstd_cs", "disciplined_warning_or_above")


def _members(reader: _Reader, value: object, path: str) -> MemberStats | None:
    if value is None:
        return None
    data = reader.object(value, path, MEMBERS)
    if data is None or any(key not in data for key in _MEMBER_FIELDS):
        return None
    figures = [reader.integer(data[key], f"{path}.{key}", 0, None) for key in _MEMBER_FIELDS]
    return MemberStats(*figures) if all(figure is not None for figure in figures) else None


def _leadership(reader: _Reader, value: object, path: str) -> tuple[LeadershipTerm, ...]:
    """{"post": "vu_truong", "years": 12.5} or a list of such terms (one per post held)."""
    if value is None:
        return ()
    if isinstance(value, dict):
        term = _term(reader, value, path)
        return (term,) if term is not None else ()
    return _items(reader, value, path, _term)


def _term(reader: _Reader, item: object, path: str) -> LeadershipTerm | None:
    data = reader.object(item, path, TERM)
    if data is None or "post" not in data or "years" not in data:
        return None
    post = reader.text(data["post"], f"{path}.post")
    years = reader.number(data["years"], f"{path}.years")
    start = reader.date(data.get("from"), f"{path}.from", nullable=True)
    end = reader.date(data.get("to"), f"{path}.to", nullable=True)
    if post is None or years is None:
        return None
    return LeadershipTerm(post, years, start, end)


def _flag(reader: _Reader, value: object, path: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        reader.problem(path, f"phải là true hoặc false, không phải {_show(value)}.")
        return False
    return value


# --- writing ---------------------------------------------------------------------------------------

def result_to_dict(result: Result) -> dict:
    return {
        "id": result.id,
        "award": result.award,
        "verdict": str(result.verdict),
        "findings": [{"code": str(finding.code), "passed": finding.passed, "message": finding.message,
                      "citation": finding.citation} for finding in result.findings],
    }


def results_to_json(results: Iterable[Result]) -> str:
    """The output document, pretty-printed UTF-8 text ending with a newline; same input → same bytes."""
    document = {"results": [result_to_dict(result) for result in results]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def candidate_to_dict(candidate: Candidate) -> dict:
    """The interchange form of a candidate (the inverse of parsing; used by tests and integrations)."""
    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    data: dict = {
        "id": candidate.id, "kind": candidate.kind, "award": candidate.award, "year": candidate.year,
        "ratings": [{"year": r.year, "level": r.level} for r in candidate.ratings],
        "awards": [{"award": a.award, "year": a.year, "basis": a.basis, "period_from": day(a.period_from),
                    "period_to": day(a.period_to), "decision_date": day(a.decision_date)} for a in candidate.awards],
        "initiatives": [{"id": i.id, "year": i.year, "scope": i.scope, "used_for": i.used_for,
                         "used_for_year": i.used_for_year} for i in candidate.initiatives],
        "discipline": [{"level": d.level, "from": day(d.start), "to": day(d.end)} for d in candidate.discipline],
        "open_cases": list(candidate.open_cases),
        "members": None if candidate.members is None else {
            key: getattr(candidate.members, key) for key in _MEMBER_FIELDS},
        "gender": candidate.gender,
        "leadership_years": [{"post": t.post, "years": t.years, "from": day(t.start), "to": day(t.end)}
                             for t in candidate.leadership_years],
        "lodged_on": day(candidate.lodged_on),
        "basis": candidate.basis,
        "higher_retirement_age": candidate.higher_retirement_age,
    }
    return data
