"""The consolidated nominee list (danh sách đề nghị khen thưởng) as Excel (tdkt.lib.sheets) and as a Word
"DANH SÁCH" in the Decree 30 layout (tdkt.lib.nd30), for one dossier or for a specialist's selection of
dossiers. Lines are grouped I. Tập thể / II. Cá nhân (/ III. Hộ gia đình), then by award in catalogue
order, numbered within each group. Only lines still in the running are listed. Document text, so always
Vietnamese; dates dd/mm/yyyy.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings

from tdkt.dossiers import verdicts
from tdkt.dossiers.eligibility import failed_findings, reason_texts
from tdkt.dossiers.enums import LIVE_NOMINATION_STATES
from tdkt.dossiers.line_decisions import VERDICT_LABELS
from tdkt.dossiers.models import Nomination
from tdkt.lib import nd30
from tdkt.lib.progress import Progress, Ticker, counted
from tdkt.lib.sheets import XLSX_TYPE as XLSX_TYPE
from tdkt.lib.sheets import SheetWriter

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WORD_HEADER = ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức đề nghị"]
WORD_WIDTHS_MM = [13, 52, 60, 40]
EXCEL_HEADER = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị", "Đơn vị trình",
                "Số hồ sơ", "Kết quả kiểm tra điều kiện", "Tính lúc", "Lý do"]
EXCEL_WIDTHS = [7, 32, 40, 34, 28, 16, 22, 17, 60]
SECTIONS = (("collective", "I", "TẬP THỂ"), ("individual", "II", "CÁ NHÂN"), ("household", "III", "HỘ GIA ĐÌNH"))
LINE_RELATIONS = ("person__unit", "unit", "household", "award_type", "dossier__unit")
# What the exports print, and nothing else: a 12,000-line list builds 72,000 model instances, so columns
# not read (timestamps, summaries, files) are not fetched.
LINE_FIELDS = ("position", "state", "position_and_unit", "verdict_at_submission", "verdict_at_appraisal",
               "verdict_live", "verdict_live_at", "person__full_name", "person__position", "person__unit__name", "unit__name",
               "household__head_name", "award_type__name", "award_type__sort_order", "dossier__created_at",
               "dossier__unit__name")


@dataclass
class AwardGroup:
    award_name: str
    lines: list = field(default_factory=list)


@dataclass
class Section:
    roman: str
    heading: str
    groups: list[AwardGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.lines) for group in self.groups)


def live_lines(queryset):
    """Lines still in the running, with what the exports print (one query)."""
    return (queryset.filter(state__in=LIVE_NOMINATION_STATES).select_related(*LINE_RELATIONS).only(*LINE_FIELDS)
            .order_by("award_type__sort_order", "award_type__name", "dossier_id", "position", "id"))


def dossier_lines(dossier):
    return list(live_lines(Nomination.objects.filter(dossier=dossier)))


def count_dossier_lines(dossier) -> int:
    """How many lines the dossier's list holds (one COUNT)."""
    return Nomination.objects.filter(dossier=dossier, state__in=LIVE_NOMINATION_STATES).count()


def _selection(*, states, year=None, unit_ids=None):
    queryset = Nomination.objects.filter(dossier__state__in=states)
    if year:
        queryset = queryset.filter(dossier__year=year)
    if unit_ids:
        queryset = queryset.filter(dossier__unit_id__in=unit_ids)
    return queryset


def selection_lines(*, states, year=None, unit_ids=None):
    """Lines of the dossiers in the given states (and year, units): the specialist's consolidated list."""
    return list(live_lines(_selection(states=states, year=year, unit_ids=unit_ids)))


def count_selection_lines(*, states, year=None, unit_ids=None) -> int:
    """How many lines selection_lines would give (one COUNT)."""
    return _selection(states=states, year=year, unit_ids=unit_ids).filter(state__in=LIVE_NOMINATION_STATES).count()


def _kind(line) -> str:
    return "individual" if line.person_id else ("collective" if line.unit_id else "household")


def sections(lines) -> list[Section]:
    """I. Tập thể / II. Cá nhân / III. Hộ gia đình, each grouped by award in the order given."""
    result = []
    for kind, roman, heading in SECTIONS:
        groups: dict[str, AwardGroup] = {}
        for line in lines:
            if _kind(line) == kind:
                name = line.award_type.name
                groups.setdefault(name, AwardGroup(name)).lines.append(line)
        if groups:
            result.append(Section(roman, heading, list(groups.values())))
    return result


def recipient_name(line) -> str:
    return str(line.recipient)


def position_text(line) -> str:
    if line.position_and_unit:
        return line.position_and_unit
    if line.person_id:
        return ", ".join(part for part in (line.person.position, line.person.unit.name) if part)
    return ""


def award_text(line) -> str:
    return line.award_type.name


def _verdict(line) -> dict:
    """The stored verdict (tdkt.dossiers.verdicts): no rule runs while a list is written."""
    return verdicts.current(line) or {}


def verdict_text(line) -> str:
    """The verdict's label from the one table the pages use (dossiers.line_decisions.VERDICT_LABELS); empty
    when no verdict was stored."""
    code = _verdict(line).get("verdict", "")
    return str(VERDICT_LABELS[code]) if code in VERDICT_LABELS else ""


def reasons_text(line) -> str:
    return "\n".join(reason_texts(failed_findings(_verdict(line))))


def vn_date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def dossier_title(dossier) -> str:
    year = f" năm {dossier.year}" if dossier.year else ""
    return f"Tập thể, cá nhân đề nghị khen thưởng{year}"


def dossier_reference(dossier) -> str:
    """"(Kèm theo Tờ trình số 12/TTr-SYT ngày 05/12/2025 của Sở Y tế)"."""
    number = f" số {dossier.cover_letter_number}" if dossier.cover_letter_number else " số      "
    day = f" ngày {vn_date(dossier.cover_letter_date)}" if dossier.cover_letter_date else ""
    return f"(Kèm theo Tờ trình{number}{day} của {dossier.unit.name})"


# --- Excel ---------------------------------------------------------------------------------------------


def write_lines_xlsx(target, lines, *, title: str, subtitle: str, today: datetime.date,
                     progress: Progress | None = None) -> int:
    """The list as one sheet written row by row to `target` (a path or a binary file); the number of lines."""
    with SheetWriter(target) as book:
        sheet = book.sheet("Danh sách", widths=EXCEL_WIDTHS)
        for text, size, bold in ((f"DANH SÁCH {title.upper()}", 14, True), (subtitle, 13, False),
                                 (f"Ngày lập: {vn_date(today)}", 12, False)):
            sheet.title_row(text, book.style(bold=bold, italic=not bold, size=size, align="center", wrap=False,
                                             valign=""))
        sheet.blank_row()
        sheet.header(EXCEL_HEADER, style=book.style(bold=True, align="center", valign="vcenter", border=1))
        body = book.style(border=1)
        bold = book.style(bold=True, border=1)
        award = book.style(bold=True, italic=True, border=1)
        ticker = Ticker(progress, len(lines))
        for section in sections(lines):
            sheet.row([section.roman, f"{section.heading} ({section.count})"], bold)
            for group in section.groups:
                sheet.row(["", f"{group.award_name} ({len(group.lines)})"], award)
                for number, line in enumerate(group.lines, 1):
                    sheet.row([number, recipient_name(line), position_text(line), award_text(line),
                               line.dossier.unit.name, line.dossier.reference, verdict_text(line),
                               verdicts.computed_when(line), reasons_text(line)], body)
                    ticker.tick()
        ticker.finish()
    return len(lines)


def write_dossier_xlsx(target, dossier, *, today: datetime.date, progress: Progress | None = None) -> int:
    return write_lines_xlsx(target, dossier_lines(dossier), title=dossier_title(dossier),
                            subtitle=dossier_reference(dossier), today=today, progress=progress)


# --- Word ----------------------------------------------------------------------------------------------


def word_rows(lines) -> list:
    rows: list = []
    for section in sections(lines):
        rows.append(nd30.SectionRow(section.heading, section.roman))
        number = 0
        for group in section.groups:
            rows.append(nd30.SectionRow(group.award_name, ""))
            for line in group.lines:
                number += 1
                rows.append([str(number), recipient_name(line), position_text(line), award_text(line)])
    return rows


def write_lines_docx(target, lines, *, heading: nd30.Heading, reference: str, year: int | None = None,
                     progress: Progress | None = None) -> int:
    """Header block, "DANH SÁCH" and its title, the reference line, then the table of lines, saved to
    `target` (a path or a binary file); the number of lines."""
    document = nd30.new_document()
    nd30.add_heading_block(document, heading, year=year)
    if reference:
        nd30.add_paragraph(document, reference, italic=True, align="center", space_after=12)
    nd30.add_table(document, WORD_HEADER, WORD_WIDTHS_MM, counted(word_rows(lines), progress))
    nd30.save(document, target)
    return len(lines)


def write_dossier_docx(target, dossier, *, progress: Progress | None = None) -> int:
    heading = nd30.Heading(issuer=dossier.unit.name, place=settings.PROVINCE_NAME, date=dossier.cover_letter_date,
                           number=dossier.cover_letter_number or None, symbol="TTr", doc_type="DANH SÁCH",
                           title=dossier_title(dossier))
    return write_lines_docx(target, dossier_lines(dossier), heading=heading, reference=dossier_reference(dossier),
                            year=dossier.year, progress=progress)


def selection_title(year: int | None) -> str:
    return "Tập thể, cá nhân đề nghị khen thưởng" + (f" năm {year}" if year else "")


def write_selection_docx(target, lines, *, issuer: str, year: int | None, today: datetime.date,
                         progress: Progress | None = None) -> int:
    heading = nd30.Heading(issuer=issuer, place=settings.PROVINCE_NAME, date=None, number=None, symbol="DS-SNV",
                           doc_type="DANH SÁCH", title=selection_title(year))
    dossiers = len({line.dossier_id for line in lines})
    reference = f"(Tổng hợp từ {dossiers} hồ sơ đề nghị, lập ngày {vn_date(today)})"
    return write_lines_docx(target, lines, heading=heading, reference=reference, year=year or today.year,
                            progress=progress)


def write_selection_xlsx(target, lines, *, year: int | None, today: datetime.date,
                         progress: Progress | None = None) -> int:
    dossiers = len({line.dossier_id for line in lines})
    return write_lines_xlsx(target, lines, title=selection_title(year),
                            subtitle=f"(Tổng hợp từ {dossiers} hồ sơ đề nghị)", today=today, progress=progress)
