"""The decision as a Word document in the Decree 30/2020 layout (tdkt.lib.nd30), with its annex list.

Page 1: header block (issuer / national title, number / place and date), "QUYẾT ĐỊNH" and the title,
the decider's title, the italic legal bases ("Căn cứ …;", the proposal line ending "."), "QUYẾT ĐỊNH:",
Điều 1 (the award, counts of collectives and individuals, "(có danh sách kèm theo)"), Điều 2 (bonus),
Điều 3 (execution, ending "./."), then "Nơi nhận" (left) beside the signature block (right) with the
signing mode. Page numbers in the top margin from page 2 (nd30.new_document). The annex "DANH SÁCH"
starts on a new page, grouped I. Tập thể / II. Cá nhân (/ III. Hộ gia đình).

Document text, so always Vietnamese. The signature block and "Nơi nhận" sit in a borderless two-column
table drawn with nd30's cell helpers (the lib has no public signature block yet)."""

from __future__ import annotations

import re
from types import SimpleNamespace

from docx.enum.text import WD_BREAK

from tdkt.decisions import prizes
from tdkt.decisions.enums import DecisionKind, LineGroup, LineKind
from tdkt.decisions.money import vnd
from tdkt.lib import nd30

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GROUP_HEADINGS = {LineGroup.COLLECTIVE: "TẬP THỂ", LineGroup.INDIVIDUAL: "CÁ NHÂN",
                  LineGroup.HOUSEHOLD: "HỘ GIA ĐÌNH"}
GROUP_ORDER = (LineGroup.COLLECTIVE, LineGroup.INDIVIDUAL, LineGroup.HOUSEHOLD)
GROUP_NOUNS = {LineGroup.COLLECTIVE: "tập thể", LineGroup.INDIVIDUAL: "cá nhân", LineGroup.HOUSEHOLD: "hộ gia đình"}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def award_phrase(award_type) -> str:
    """"danh hiệu “Chiến sĩ thi đua cấp tỉnh”" for a title, the name itself for a form or a Cờ thi đua."""
    if award_type.category == "title" and not award_type.name.startswith("Cờ"):
        return f"danh hiệu “{award_type.name}”"
    return award_type.name


def issuing_authority(decision):
    """The authority as the decision printed it: frozen at signing (snapshot), else the current record."""
    frozen = (decision.snapshot or {}).get("authority") if getattr(decision, "snapshot", None) else None
    if not frozen:
        return decision.authority
    return SimpleNamespace(**{"parent_name": "", "decider_title": decision.authority.decider_title,
                              "head_title": decision.authority.head_title} | frozen)


def decider_name(authority) -> str:
    """"Chủ tịch Ủy ban nhân dân tỉnh Lào Cai" (for the annex reference)."""
    return f"{authority.head_title.capitalize()} {authority.name}"


def counts_phrase(lines) -> str:
    """"02 tập thể và 15 cá nhân" (zero-padded below 10 as documents write counts)."""
    counts = [(GROUP_NOUNS[group], sum(1 for line in lines if line.group == group)) for group in GROUP_ORDER]
    parts = [f"{count:02d} {noun}" for noun, count in counts if count]
    return " và ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else (parts[0] if parts else "")


def proposal_line(decision) -> str:
    """"Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 10/11/2026" (no final stop); the
    citation is left out while the tờ trình's number is not known (approval is refused until it is)."""
    text = (decision.proposal or "").rstrip(" ;.,")
    reference = (getattr(decision, "proposal_reference", "") or "").strip()
    if not text or not reference or " Tờ trình số " in text:
        return text
    day = decision.proposal_date
    dated = f" ngày {day:%d/%m/%Y}" if day else ""
    return f"{text} tại Tờ trình số {reference}{dated}"


def legal_basis_lines(decision) -> list[str]:
    """Each basis ends with ";", the proposal line (last) ends with "."."""
    lines = [text.rstrip(" ;.,") + ";" for text in decision.legal_bases if text.strip()]
    if decision.proposal:
        lines.append(proposal_line(decision) + ".")
    elif lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def amended_reference(decision) -> str:
    old = decision.corrects or decision.revokes
    if old is None:
        return ""
    return f"Quyết định số {old.number_text} ngày {old.decision_date:%d/%m/%Y} của {decider_name(old.authority)}"


def article_texts(decision, lines) -> list[tuple[str, str]]:
    """[("Điều 1.", text), ("Điều 2.", text), ("Điều 3.", text)]."""
    phrase = award_phrase(decision.award_type)
    counts = counts_phrase(lines)
    execution = (decision.execution_text or "").rstrip(" ./") + "./."
    if decision.kind == DecisionKind.REVOCATION:
        return [
            ("Điều 1.", f"Thu hồi {phrase} đã tặng cho {counts} tại {amended_reference(decision)} "
                        f"(có danh sách kèm theo). Lý do: {decision.reason.rstrip('.')}."),
            ("Điều 2.", "Các tập thể, cá nhân có tên tại Điều 1 nộp lại hiện vật khen thưởng và tiền thưởng "
                        "đã nhận theo quy định."),
            ("Điều 3.", execution),
        ]
    if decision.kind == DecisionKind.CORRECTION:
        return [
            ("Điều 1.", f"Đính chính danh sách kèm theo {amended_reference(decision)} đối với {counts} "
                        f"(có danh sách kèm theo). Lý do: {decision.reason.rstrip('.')}."),
            ("Điều 2.", f"Các nội dung khác của {amended_reference(decision)} giữ nguyên giá trị thi hành."),
            ("Điều 3.", execution),
        ]
    achievement = f", {decision.achievement_text.rstrip('.')}" if decision.achievement_text else ""
    return [
        ("Điều 1.", f"Tặng {phrase} cho {counts} (có danh sách kèm theo){achievement}."),
        ("Điều 2.", bonus_article(decision, lines, phrase)),
        ("Điều 3.", execution),
    ]


def bonus_article(decision, lines, phrase: str) -> str:
    total = sum(line.amount for line in lines)
    if not total:
        return f"{phrase[0].upper()}{phrase[1:]} không kèm theo tiền thưởng."
    parts = []
    for group in GROUP_ORDER:
        amounts = {line.amount for line in lines if line.group == group and line.amount}
        if len(amounts) == 1:
            parts.append(f"mỗi {GROUP_NOUNS[group]} được thưởng {vnd(amounts.pop())} đồng")
        elif amounts:
            parts.append(f"mỗi {GROUP_NOUNS[group]} được thưởng theo mức ghi trong danh sách kèm theo")
    return (f"Kèm theo {phrase}, {', '.join(parts)}, theo quy định tại {bonus_provision(decision.award_type)}. "
            f"Tổng số tiền thưởng: {vnd(total)} đồng, chi từ Quỹ thi đua, khen thưởng tỉnh.")


# The bonus articles of NĐ 152/2025/NĐ-CP (Chapter VII Mục 2, law.md §6): Đ49 the general rule, Đ50–55 the
# amounts of each kind of award. The catalogue's legal basis names the one that applies ("… Đ50.2").
BONUS_DECREE = "Nghị định số 152/2025/NĐ-CP"
BONUS_ARTICLES = range(50, 56)
GENERAL_BONUS_ARTICLE = 49
_DECREE_152 = "152/2025/NĐ-CP"
_OTHER_DOCUMENT = re.compile(r"\d+/\d{4}|Luật|QĐ")  # a segment citing another law, decree or decision
_ARTICLE = re.compile(r"Đ(?P<article>\d+)(?:\.(?P<clause>\d+))?(?:\.(?P<point>[a-zđ]))?")


def _decree_152_references(text: str):
    """The "Đ…" references of the catalogue's legal basis that belong to NĐ 152: in its own segment, and in
    the segments after it ("…; tiền thưởng tối đa Đ54.1.d") until another document is cited."""
    inside = False
    for segment in text.split(";"):
        if _DECREE_152 in segment:
            inside = True
            segment = segment.split(_DECREE_152, 1)[1]
        elif _OTHER_DOCUMENT.search(segment):
            inside = False
        if inside:
            yield from _ARTICLE.finditer(segment)


def bonus_provision(award_type) -> str:
    """"khoản 2 Điều 50 Nghị định số 152/2025/NĐ-CP", from the bonus article the catalogue entry's legal basis
    cites (AwardType.legal_basis); the general rule (Điều 49) when it cites none."""
    for ref in _decree_152_references(getattr(award_type, "legal_basis", "") or ""):
        if int(ref.group("article")) in BONUS_ARTICLES:
            parts = [f"điểm {ref.group('point')}"] if ref.group("point") else []
            if ref.group("clause"):
                parts.append(f"khoản {ref.group('clause')}")
            parts.append(f"Điều {ref.group('article')}")
            return f"{' '.join(parts)} {BONUS_DECREE}"
    return f"Điều {GENERAL_BONUS_ARTICLE} {BONUS_DECREE}"


def recipient_lines(decision_or_list) -> list[str]:
    """"- Như Điều 3;" … "- Lưu: VT, SNV." (the last ends with ".")."""
    texts = getattr(decision_or_list, "recipients", decision_or_list)
    items = [text.strip().lstrip("- ").rstrip(" ;.") for text in texts if text.strip()]
    return [f"- {text}{'.' if index == len(items) - 1 else ';'}" for index, text in enumerate(items)]


def annex_title(decision) -> str:
    if decision.kind == DecisionKind.REVOCATION:
        return f"TẬP THỂ, CÁ NHÂN BỊ THU HỒI {award_phrase(decision.award_type).upper()}"
    if decision.kind == DecisionKind.CORRECTION:
        return "TẬP THỂ, CÁ NHÂN ĐƯỢC ĐÍNH CHÍNH"
    return f"TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG {award_phrase(decision.award_type).upper()}"


def annex_reference(decision) -> str:
    number = decision.number_text or f"     /{decision.authority.symbol}"
    day = f"{decision.decision_date:%d/%m/%Y}" if decision.decision_date else f"     /     /{decision.year}"
    return f"(Kèm theo Quyết định số {number} ngày {day} của {decider_name(issuing_authority(decision))})"


def annex_entry(index: int, line, last: bool) -> str:
    detail = f", {line.position_and_unit}" if line.position_and_unit else ""
    if line.kind == LineKind.CONTEST_PRIZE:  # its typed amount is the award itself
        detail += f": {vnd(line.amount)} đồng"
    return f"{index}. {line.display_name}{detail}{'.' if last else ';'}"


def page_break(document) -> None:
    nd30.add_paragraph(document, "", space_after=0).add_run().add_break(WD_BREAK.PAGE)


def build_decision(decision, lines):
    """The python-docx Document of `decision` with `lines` (ordered by group then sort order)."""
    document = nd30.new_document()
    authority = issuing_authority(decision)
    nd30.add_heading_block(document, nd30.Heading(
        issuer=authority.name, parent=authority.parent_name or None, place=authority.place,
        date=decision.decision_date, number=decision.number_text or None, symbol=authority.symbol,
        doc_type="QUYẾT ĐỊNH", title=decision.title), year=decision.year)
    nd30.add_paragraph(document, authority.decider_title.upper(), bold=True, align="center", space_after=12)
    for text in legal_basis_lines(decision):
        nd30.add_paragraph(document, text, italic=True, first_line_mm=10)
    nd30.add_paragraph(document, "QUYẾT ĐỊNH:", bold=True, align="center", space_before=6, space_after=12)
    for label, text in article_texts(decision, lines):
        paragraph = nd30.add_paragraph(document, "", first_line_mm=10)
        nd30._set_run_font(paragraph.add_run(label + " "), nd30.BODY_PT, bold=True)  # noqa: SLF001
        nd30._set_run_font(paragraph.add_run(text), nd30.BODY_PT)  # noqa: SLF001
    nd30.add_paragraph(document, "", space_after=6)
    block = decision.signature()
    nd30.signature_block(document, recipients=recipient_lines(decision), signature=list(block.lines),
                         signer_name=block.name, signed=decision.is_issued)
    page_break(document)
    add_annex(document, decision, lines)
    return document


def annex_sections(decision, lines) -> list[tuple[str, list[str]]]:
    """The annex list as [("I. TẬP THỂ", ["1. …;", …]), …]: the award groups, then the contest prizes (one
    group per contest, tdkt.decisions.prizes); the very last entry ends with ".". The Word document and the
    PDF (tdkt.decisions.decision_pdf) both print these."""
    awards = [line for line in lines if line.kind != LineKind.CONTEST_PRIZE]
    groups = [(GROUP_HEADINGS[group], [line for line in awards if line.group == group]) for group in GROUP_ORDER]
    groups = [(heading, members) for heading, members in groups if members] + prizes.annex_groups(lines)
    sections = []
    for number, (heading, members) in enumerate(groups):
        last_group = number == len(groups) - 1
        sections.append((f"{ROMAN[number]}. {heading}", [annex_entry(index, line, last_group and index == len(members))
                                                          for index, line in enumerate(members, start=1)]))
    return sections


def add_annex(document, decision, lines) -> None:
    nd30.add_paragraph(document, "DANH SÁCH", bold=True, align="center", space_after=0)
    nd30.add_paragraph(document, annex_title(decision), bold=True, align="center", space_after=0)
    nd30.add_paragraph(document, annex_reference(decision), italic=True, align="center", space_after=12)
    for heading, texts in annex_sections(decision, lines):
        nd30.add_paragraph(document, heading, bold=True, align="left", space_after=3, space_before=6)
        nd30.add_paragraphs(document, texts, first_line_mm=10, space_after=3)


def decision_docx(decision, lines) -> bytes:
    return nd30.to_bytes(build_decision(decision, lines))


def decision_filename(decision, extension: str) -> str:
    number = decision.number_text.replace("/", "-") if decision.number_text else f"du-thao-{decision.pk}"
    return f"quyet-dinh-{number}.{extension}"
