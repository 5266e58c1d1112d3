"""Huân chương Lao động for the process of dedication (quá trình cống hiến): years in a leadership post,
post-1975 track (NĐ152 Đ9, Đ19–21) [V].

Input: `leadership_years`, one LeadershipTerm per equivalent national post held (NĐ152 Đ10 maps
provincial posts onto them). Women leaders need one third less time (Đ4.7), unless they fall under
the higher retirement age. Time in a post too short for that post's award is added to the next
lower post and judged by its standard (Đ9.2.b).
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..codes import AwardCode, FindingCode, Recipient
from ..names import DISCIPLINE_NAMES, POST_NAMES, number, short_award, vn_date
from ..params import DEDICATION_POSTS
from ..types import LeadershipTerm
from .common import Check, not_encoded

F = FindingCode
A = AwardCode
CLASSES = (A.HCLD1, A.HCLD2, A.HCLD3)  # highest first


def check_dedication(check: Check) -> None:
    candidate = check.candidate
    code = candidate.award
    if candidate.kind != Recipient.INDIVIDUAL:
        check.add(F.WRONG_RECIPIENT_KIND, False, "Khen thưởng quá trình cống hiến chỉ xét cho cá nhân.",
                  check.cite("dedication_timing"))
        return
    if not check.principles:
        not_encoded(check, "Bảng thời gian giữ chức vụ của Nghị định 98/2023/NĐ-CP chưa được đối chiếu.")
        return
    terms = candidate.leadership_years
    unknown = sorted({term.post for term in terms if term.post not in POST_NAMES})
    if not terms or unknown:
        what = f"chức vụ không có trong bảng: {', '.join(map(repr, unknown))}" if unknown else "thiếu leadership_years"
        check.add(F.DEDICATION_POST, False, f"Không xác định được chức vụ để xét ({what}); chức vụ tương đương hợp lệ: "
                  f"{', '.join(DEDICATION_POSTS)}.", check.cite("dedication_posts"))
        return
    _years(check, code, terms)
    _discipline(check, terms)
    _repeat(check)


def _factor(check: Check) -> Fraction:
    """Share of the general time a leader needs: 2/3 for women leaders (NĐ152 Đ4.7)."""
    candidate = check.candidate
    if candidate.gender == "F" and not candidate.higher_retirement_age:
        return 1 - Fraction(check.params.women_leaders_reduction)
    return Fraction(1)


def _minimum(check: Check, award: str, post: str, factor: Fraction) -> Fraction | None:
    minimum = check.params.dedication_min_years.get(award, {}).get(post)
    return None if minimum is None else Fraction(str(minimum)) * factor


def _assess(check: Check, terms: tuple[LeadershipTerm, ...], factor: Fraction) -> tuple[str, Fraction, Fraction] | None:
    """(post, years, years carried down from higher posts): the post the time is judged at (Đ9.2.b)."""
    held: dict[str, Fraction] = {}
    for term in terms:
        held[term.post] = held.get(term.post, Fraction(0)) + _term_years(term)
    carry = Fraction(0)
    for post in DEDICATION_POSTS:
        total = held.get(post, Fraction(0)) + carry
        if total <= 0:
            continue
        minimums = [m for m in (_minimum(check, award, post, factor) for award in CLASSES) if m is not None]
        if minimums and total >= min(minimums):
            return post, total, carry
        carry = total
    return None


def _term_years(term: LeadershipTerm) -> Fraction:
    """Exact years of a term; an invalid figure (reported by the history checks) counts as none."""
    years = term.years
    if isinstance(years, bool) or not isinstance(years, int | float) or not math.isfinite(years) or years < 0:
        return Fraction(0)
    return Fraction(str(float(years)))


def _years(check: Check, code: str, terms: tuple[LeadershipTerm, ...]) -> None:
    factor = _factor(check)
    women = factor != 1
    citation = check.cite(f"dedication_{code}")
    if women:
        citation += "; " + check.cite("women_leaders")
    women_note = " (nữ lãnh đạo, quản lý: giảm 1/3 thời gian)" if women else ""
    assessed = _assess(check, terms, factor)
    if assessed is None:
        held = "; ".join(f"{POST_NAMES[t.post]} {number(t.years)} năm" for t in terms)
        check.add(F.DEDICATION_YEARS, False, f"Thời gian giữ chức vụ ({held}) chưa đủ để xét Huân chương Lao động theo "
                  f"quá trình cống hiến ở chức vụ nào{women_note}.", citation)
        return
    post, total, carry = assessed
    held = f"Giữ chức vụ {POST_NAMES[post]} {number(total)} năm"
    if carry:
        held += (f" (gồm {number(carry)} năm ở chức vụ cao hơn chưa đủ thời gian, tính theo chức vụ thấp hơn liền kề: "
                 f"{check.cite('dedication_short_tenure')})")
    required = _minimum(check, code, post, factor)
    if required is None:
        check.add(F.DEDICATION_YEARS, False, f"{held}; {short_award(code)} không xét cho chức vụ này.", citation)
        return
    check.add(F.DEDICATION_YEARS, total >= required,
              f"{held}; {short_award(code)} cần từ {number(required)} năm{women_note}.", citation)
    earned = next((award for award in CLASSES if (m := _minimum(check, award, post, factor)) is not None
                   and total >= m), None)
    if earned is not None and CLASSES.index(earned) < CLASSES.index(code):
        check.judge(F.DEDICATION_CLASS, f"Thời gian giữ chức vụ đủ để xét {short_award(earned)}, cao hơn hình thức đề "
                    f"nghị ({short_award(code)}); Hội đồng xem xét để hình thức phù hợp thành tích.", citation)


def _discipline(check: Check, terms: tuple[LeadershipTerm, ...]) -> None:
    """No dedication award when disciplined during the leadership period (NĐ152 Đ9.3)."""
    citation = check.cite("dedication_discipline")
    entries = check.history.discipline
    if not entries:
        check.add(F.DEDICATION_DISCIPLINE, True, "Không có kỷ luật trong thời gian giữ chức vụ.", citation)
        return
    dated = all(term.start is not None for term in terms)
    if dated:
        hits = [(entry, term) for entry in entries for term in terms
                if entry.start <= (term.end or check.decision_date)
                and (entry.end is None or entry.end >= term.start)]
        if not hits:
            check.add(F.DEDICATION_DISCIPLINE, True, "Các kỷ luật không rơi vào thời gian giữ chức vụ.", citation)
            return
        entry, term = hits[0]
        check.add(F.DEDICATION_DISCIPLINE, False,
                  f"Bị kỷ luật {DISCIPLINE_NAMES[entry.level]} từ {vn_date(entry.start)} trong thời gian giữ chức vụ "
                  f"{POST_NAMES[term.post]} ({vn_date(term.start)}–{vn_date(term.end)}).", citation)
        return
    listed = "; ".join(f"{DISCIPLINE_NAMES[e.level]} {vn_date(e.start)}–{vn_date(e.end)}" for e in entries)
    check.judge(F.DEDICATION_DISCIPLINE, f"Có kỷ luật ({listed}) nhưng không có ngày bắt đầu, kết thúc giữ chức vụ để "
                "đối chiếu; không xét nếu bị kỷ luật trong thời gian giữ chức vụ — Hội đồng xem xét.", citation)


def _repeat(check: Check) -> None:
    """A second dedication award is only for a later post (NĐ152 Đ9.2.a): the council checks which."""
    earlier = sorted((entry.year, entry.award) for entry in check.candidate.awards if entry.basis == "dedication")
    if earlier:
        listed = "; ".join(f"{short_award(code)} năm {year}" for year, code in earlier)
        check.judge(F.DEDICATION_REPEAT, f"Đã được khen thưởng quá trình cống hiến ({listed}); chỉ xét lần nữa cho "
                    "thời gian giữ chức vụ sau lần khen đó — Hội đồng xem xét.", check.cite("dedication_timing"))
