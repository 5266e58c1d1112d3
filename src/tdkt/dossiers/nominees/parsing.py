"""Reading a unit's nominee list (Excel .xlsx or the Word "Danh sách đề nghị" table) into lines.

No database here: `read_rows` turns the file into numbered rows of cell texts, `parse_list` finds the
header (anywhere in the first 15 rows), follows the "I. Tập thể / II. Cá nhân" section rows and reads
each line's cells. Every problem names its row (and column, as headed in the file); nothing raises
but ListFileError, for a file that cannot be read at all.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, field
from functools import cached_property

import docx
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from docx.table import _Cell

from tdkt.dossiers.nominees import columns as C
from tdkt.lib.docparse import DOCX_LIMITS, DocumentError, check_docx_package, check_docx_tables
from tdkt.lib.names import display_case, split_name
from tdkt.lib.safefiles import SheetLimitError, SheetLimits, SheetReader
from tdkt.lib.vndates import CellError, cell_text, read_date, read_year
from tdkt.lib.vntext import fold, normalize
from tdkt.people.enums import PersonCategory
from tdkt.people.validators import validate_national_id

MAX_LINES = 10000
# What is read of an .xlsx at most (tdkt.lib.safefiles): the lines, a title block, section and empty rows,
# the signature block; the first 64 columns are used.
MAX_COLUMNS = 64
SHEET_LIMITS = SheetLimits(max_rows=MAX_LINES + 2_000, max_columns=100, max_cells=200_000)
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
_SECTION = re.compile(r"^(?:[ivx]+ |[a-d] )?(tap the|ca nhan|ho gia dinh)\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_GENDERS = {"nam": "male", "m": "male", "male": "male", "nu": "female", "f": "female", "female": "female"}
COLLECTIVE, INDIVIDUAL = "collective", "individual"


class ListFileError(ValueError):
    """The file as a whole cannot be read; the message is shown as is."""


class NoListTableError(ListFileError):
    """A readable Word file without a list table: the import then reads it as a document (documents.py)."""


@dataclass(frozen=True)
class ListProblem:
    row: int | None  # as numbered in the file (spreadsheet row, or row of the Word table)
    column: str  # the column's heading as written in the file; "" for the whole row
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        if self.row is not None:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


@dataclass
class ParsedLine:
    row: int
    kind: str  # COLLECTIVE or INDIVIDUAL
    name: str  # without honorifics and titles (tdkt.lib.names)
    award_text: str
    number: str = ""
    position_and_unit: str = ""
    birth_date: datetime.date | None = None
    birth_year: int | None = None
    gender: str = ""
    national_id: str = ""
    summary: str = ""
    written_name: str = ""  # as written, with its honorifics and titles
    category: str = ""  # PersonCategory value from a "Thành phần" column (for a new person)
    prefixes: tuple[str, ...] = ()

    @cached_property
    def name_folded(self) -> str:
        return fold(self.name)

    @property
    def display_name(self) -> str:
        """The name a new person is recorded under ("NGUYỄN VĂN AN" → "Nguyễn Văn An")."""
        return display_case(self.name)

    @property
    def collective_name(self) -> str:
        """The collective's name without a leading "Tập thể"."""
        name = normalize(self.name)
        if fold(name).startswith("tap the "):
            name = name.split(" ", 2)[2] if name.count(" ") >= 2 else name
        return name


@dataclass
class ParsedList:
    lines: list[ParsedLine] = field(default_factory=list)
    problems: list[ListProblem] = field(default_factory=list)
    header_row: int | None = None
    headings: dict[str, str] = field(default_factory=dict)  # field -> heading as written
    position_columns: list[int] = field(default_factory=list)  # "Chức vụ" and "Đơn vị" may be two columns
    birth_columns: dict[int, str] = field(default_factory=dict)  # birth date split Nam | Nữ: column -> gender
    gender_columns: dict[int, str] = field(default_factory=dict)  # "Giới tính" split Nam | Nữ (a mark)
    mapping: dict[str, int] = field(default_factory=dict)

    def heading(self, name: str) -> str:
        return self.headings.get(name, "")


# --- reading files -------------------------------------------------------------------------------------


def _clean(value) -> str:
    return cell_text(value)


def xlsx_rows(data: bytes, name: str = "") -> list[tuple[int, list[str]]]:
    """Rows of the first sheet that holds a list header (else the first sheet), empty rows left out. Each
    sheet's top rows are read to find the header; only the chosen sheet is read whole."""
    try:
        with SheetReader(data, name=name, limits=SHEET_LIMITS) as book:
            chosen = None
            for sheet in book.worksheets:
                top = _sheet_rows(book, sheet, last_row=C.HEADER_SEARCH_ROWS)
                if C.find_header(top) is not None:
                    return _sheet_rows(book, sheet)
                chosen = chosen or sheet
            return _sheet_rows(book, chosen) if chosen is not None else []
    except SheetLimitError as exc:
        raise ListFileError(exc.message) from exc


def _sheet_rows(book: SheetReader, sheet, last_row: int | None = None) -> list[tuple[int, list[str]]]:
    rows = []
    for number, values in book.rows(sheet, last_row=last_row):
        cells = [_clean(value) for value in values[:MAX_COLUMNS]]
        if any(cells):
            rows.append((number, cells))
    return rows


def docx_rows(data: bytes, name: str = "") -> list[tuple[int, list[str]]]:
    """Rows of the first table whose top rows hold a list header (merged cells repeat their text)."""
    try:
        check_docx_package(data, name, DOCX_LIMITS)
        document = docx.Document(io.BytesIO(data))
        check_docx_tables(document.element.body, name, max_rows=SHEET_LIMITS.max_rows)
        for table in document.tables:
            rows = []
            for number, cells in _table_rows(table):
                if any(cells):
                    rows.append((number, cells))
                if number == C.HEADER_SEARCH_ROWS and C.find_header(rows) is None:
                    break
            if C.find_header(rows) is not None:
                return rows
    except DocumentError as exc:
        raise ListFileError(exc.message) from exc
    except Exception as exc:  # noqa: BLE001
        raise ListFileError(_("The Word file cannot be read; open it in Word and save it again as .docx.")) from exc
    raise NoListTableError(_("No table of the Word file has the columns “Họ và tên” and “Hình thức đề nghị”."))


def _table_rows(table):
    """(row number, cell texts) of a Word table, one text per grid column: a cell spanning columns repeats its
    text, a cell continuing a vertical merge repeats the text above (as python-docx's row.cells does, without
    walking up the table for every continued cell)."""
    above: list[str] = []
    for number, tr in enumerate(table._tbl.iterchildren(qn("w:tr")), 1):
        cells: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            span = tc.grid_span
            if tc.vMerge == "continue":
                texts = above[len(cells):len(cells) + span]
                cells.extend(texts + [""] * (span - len(texts)))
            else:
                cells.extend([_clean(_Cell(tc, table).text)] * span)
        above = cells
        yield number, cells


def read_rows(kind: str, data: bytes, name: str = "") -> list[tuple[int, list[str]]]:
    return docx_rows(data, name) if kind == "docx" else xlsx_rows(data, name)


# --- lines ---------------------------------------------------------------------------------------------


def _cell(cells: list[str], mapping: dict[str, int], name: str) -> str:
    index = mapping.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def section_of(cells: list[str], mapping: dict[str, int]) -> str | None:
    """COLLECTIVE / INDIVIDUAL for a section row ("I. TẬP THỂ", "II | CÁ NHÂN"), else None."""
    texts = list(dict.fromkeys(cell.strip() for cell in cells if cell and cell.strip()))
    if not texts or len(texts) > 2:
        return None
    award = _cell(cells, mapping, C.AWARD)
    if award and award != _cell(cells, mapping, C.NAME) and award not in texts[:1]:
        return None
    folded = _NON_WORD.sub(" ", fold(" ".join(texts))).strip()
    match = _SECTION.match(folded)
    if match is None or len(folded) > 80:
        return None
    return COLLECTIVE if match[1] == "tap the" else (INDIVIDUAL if match[1] == "ca nhan" else "household")


def _birth(text: str, today: datetime.date) -> tuple[datetime.date | None, int | None, str]:
    if not text:
        return None, None, ""
    try:
        year, _school = read_year(text)
        if year is not None:
            if year < 1900 or year > today.year:
                return None, None, _("the year of birth %(year)s is not possible.") % {"year": year}
            return None, year, ""
    except CellError:
        pass
    try:
        day = read_date(text, today)
    except CellError:
        return None, None, _("“%(text)s” is not a date or a year of birth.") % {"text": text}
    if day is None:
        return None, None, ""
    if day.year < 1900 or day > today:
        return None, None, _("the date of birth %(date)s is not possible.") % {"date": day.strftime("%d/%m/%Y")}
    return day, day.year, ""


def parse_list(rows: list[tuple[int, list[str]]], *, today: datetime.date | None = None) -> ParsedList:
    """Lines and problems of a nominee list; never raises."""
    today = today or datetime.date.today()
    result = ParsedList()
    found = C.find_header(rows)
    if found is None:
        result.problems.append(ListProblem(None, "", _(
            "No header row with the columns “Họ và tên” and “Hình thức đề nghị” in the first %(count)s rows of "
            "the list.") % {"count": C.HEADER_SEARCH_ROWS}))
        return result
    header_row, header, mapping = found
    result.header_row = header_row
    result.headings = {name: header[index] for name, index in mapping.items()}
    result.position_columns = [index for index, cell in enumerate(header) if C.field_of(cell) == C.POSITION]
    below = next((cells for number, cells in rows if number == header_row + 1), None)
    if below is not None and _read_second_level(header, below, mapping, result):
        header_row += 1
    result.mapping = mapping
    section = INDIVIDUAL
    for number, cells in rows:
        if number <= header_row:
            continue
        if C.field_of(_cell(cells, mapping, C.NAME)) == C.NAME and C.is_header(cells):
            continue  # the header repeated on each page of a printed list
        if _is_column_numbers(cells):  # "(1) (2) (3) …" under the header
            continue
        if _is_signature(cells, mapping):  # "Người lập biểu … THỦ TRƯỞNG ĐƠN VỊ", "…, ngày … tháng … năm …"
            break
        found_section = section_of(cells, mapping)
        if found_section is not None:
            section = found_section
            continue
        line = _line(number, cells, mapping, section, result, today)
        if line is not None:
            if len(result.lines) >= MAX_LINES:
                result.problems.append(ListProblem(number, "", _(
                    "the list has more than %(max)s lines; split it into several files.") % {"max": MAX_LINES}))
                break
            result.lines.append(line)
    if not result.lines and not result.problems:
        result.problems.append(ListProblem(None, "", _("The list has no lines under its header.")))
    return result


_MALE_FEMALE = {"nam": "male", "nu": "female"}


def _parent(header: list[str], index: int) -> str:
    """The heading above column `index`: merged cells of a spreadsheet hold their text in the first column only."""
    for column in range(min(index, len(header) - 1), -1, -1):
        if header[column].strip():
            return header[column]
    return ""


def _read_second_level(header: list[str], below: list[str], mapping: dict[str, int], result: ParsedList) -> bool:
    """Read a second header row ("Ngày, tháng, năm sinh" over "Nam" | "Nữ", "Chức vụ, đơn vị" over "Chức vụ" |
    "Đơn vị"); True when `below` is one. Cells under a heading merged down are empty or repeat it (Word)."""
    subs: dict[int, str] = {}
    for index, text in enumerate(below):
        text = text.strip()
        if not text or (index < len(header) and text == header[index].strip()):
            continue
        folded = C.folded_heading(text)
        if folded not in _MALE_FEMALE and C.field_of(text) is None:
            return False
        subs[index] = text
    if not subs:
        return False
    for index, text in subs.items():
        parent = _parent(header, index)
        parent_field = C.field_of(parent)
        folded = C.folded_heading(text)
        if folded in _MALE_FEMALE and parent_field == C.BIRTH:
            result.birth_columns[index] = _MALE_FEMALE[folded]
            result.headings.setdefault(C.BIRTH, parent)
        elif folded in _MALE_FEMALE and parent_field == C.GENDER:
            result.gender_columns[index] = _MALE_FEMALE[folded]
            result.headings.setdefault(C.GENDER, parent)
        else:
            field_name = C.field_of(text) if parent_field in (None, C.POSITION) else parent_field
            if field_name == C.POSITION:
                if index not in result.position_columns:
                    result.position_columns.append(index)
            elif field_name and field_name not in mapping:
                mapping[field_name] = index
                result.headings[field_name] = text
    if result.birth_columns:
        mapping.pop(C.BIRTH, None)
    if result.gender_columns:
        mapping.pop(C.GENDER, None)
    result.position_columns.sort()
    return True


_SIGNATURE = re.compile(r"^(?:nguoi lap|thu truong|giam doc|chu tich|tm |kt |tl |tuq |noi nhan|xac nhan|ky ten|"
                        r"ky ghi ro)|\bngay\b.*\bthang\b.*\bnam\b")


def _is_signature(cells: list[str], mapping: dict[str, int]) -> bool:
    """The signature block or the place and date under the table (no number in the STT column)."""
    if _cell(cells, mapping, C.NUMBER):
        return False
    return any(_SIGNATURE.search(C.folded_heading(cell)) for cell in cells if cell.strip())


def _is_column_numbers(cells: list[str]) -> bool:
    texts = [cell.strip() for cell in cells if cell.strip()]
    return len(texts) >= 3 and all(_COLUMN_NUMBERS.match(text) for text in texts)


def _position(cells: list[str], indexes: list[int]) -> str:
    parts = [normalize(cells[index]) for index in indexes if index < len(cells) and cells[index].strip()]
    return ", ".join(dict.fromkeys(parts))[:500]


def _split_birth(cells: list[str], result: ParsedList) -> tuple[str, str, str]:
    """(birth text, gender, problem) from a birth date split into Nam | Nữ columns."""
    found = [(result.birth_columns[index], cells[index].strip()) for index in sorted(result.birth_columns)
             if index < len(cells) and cells[index].strip()]
    if len(found) > 1:
        return "", "", _("the birth date is written under both “Nam” and “Nữ”; keep only one.")
    return (found[0][1], found[0][0], "") if found else ("", "", "")


def _marked_gender(cells: list[str], result: ParsedList) -> str:
    marked = [gender for index, gender in result.gender_columns.items() if index < len(cells) and cells[index].strip()]
    return marked[0] if len(marked) == 1 else ""


def _line(number, cells, mapping, section, result: ParsedList, today) -> ParsedLine | None:
    written = normalize(_cell(cells, mapping, C.NAME))
    name = written
    award = normalize(_cell(cells, mapping, C.AWARD))
    if not name and not award:
        return None  # a blank, note or total row
    texts = {cell.strip() for cell in cells if cell.strip()}
    if len(texts) == 1 and len(cells) > 2 and name == award:
        return None  # a merged note row ("Tổng cộng: 12 cá nhân")
    problems = []

    def problem(column: str, message: str) -> None:
        problems.append(ListProblem(number, result.heading(column), message))

    if not name:
        problem(C.NAME, _("the name is empty."))
    if not award:
        problem(C.AWARD, _("the proposed award is empty."))
    kind_text = fold(_cell(cells, mapping, C.KIND))
    kind = COLLECTIVE if (section == COLLECTIVE or fold(name).startswith("tap the ") or kind_text == "tap the") \
        else INDIVIDUAL
    if section == "household":
        problem(C.NAME, _("households cannot be imported from a list; add them one by one."))
    parts = split_name(name) if kind == INDIVIDUAL else None
    if parts is not None:
        name = parts.name
        if written and parts.only_prefixes:
            problem(C.NAME, _("“%(text)s” is only an honorific or a title; write the person's full name.") % {
                "text": written})
    birth_text, split_gender, message = _split_birth(cells, result) if result.birth_columns else (
        _cell(cells, mapping, C.BIRTH), "", "")
    if message:
        problem(C.BIRTH, message)
    birth_date, birth_year, message = _birth(birth_text, today)
    if message:
        problem(C.BIRTH, message)
    gender_text = _cell(cells, mapping, C.GENDER)
    gender = _GENDERS.get(fold(gender_text).strip(". ")) if gender_text else ""
    if gender is None:
        problem(C.GENDER, _("“%(text)s” is not a gender; write “Nam” or “Nữ”.") % {"text": gender_text})
        gender = ""
    gender = gender or split_gender or (_marked_gender(cells, result) if result.gender_columns else "") or (
        parts.gender if parts is not None else "")
    national_id = re.sub(r"[\s.]", "", _cell(cells, mapping, C.NATIONAL_ID))
    if national_id:
        try:
            validate_national_id(national_id)
        except ValidationError as error:
            problem(C.NATIONAL_ID, " ".join(str(m) for m in error.messages))
            national_id = ""
    result.problems.extend(problems)
    if problems:
        return None
    return ParsedLine(
        row=number, kind=kind, name=name, award_text=award, number=_cell(cells, mapping, C.NUMBER),
        position_and_unit=_position(cells, result.position_columns), birth_date=birth_date,
        birth_year=birth_year, gender=gender, national_id=national_id, summary=_cell(cells, mapping, C.SUMMARY),
        written_name=written, prefixes=parts.prefixes if parts is not None else (),
        category=_category(_cell(cells, mapping, C.CATEGORY)))


def _category(text: str) -> str:
    if not text:
        return ""
    wanted = fold(text)
    return next((value for value, label in PersonCategory.choices if fold(str(label)) == wanted), "")
