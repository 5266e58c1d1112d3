"""Commendation forms with encoded criteria: Bằng khen tỉnh (Luật Đ74), Bằng khen Thủ tướng (Đ73.1.b)
and Huân chương Lao động hạng Ba for merit (Đ44.1.e)."""

from __future__ import annotations

from .. import citations as cite
from .. import regulations as reg
from ..codes import RATING_RANK, AwardCode, FindingCode, InitiativeScope, RatingLevel, Recipient
from ..names import rating_text, short_award, years_text
from .common import (
    Check,
    Floor,
    chain_message,
    not_encoded,
    pick_initiatives,
    run_ending,
    soften,
    unverified,
)

F = FindingCode
A = AwardCode
LONGEST_RUN = 100  # years: bounds the walk back through a history


# --- Bằng khen của Chủ tịch UBND tỉnh ----------------------------------------------------------------

def check_bk_tinh(check: Check) -> None:
    kind = check.candidate.kind
    if kind == Recipient.INDIVIDUAL:
        _bk_tinh_individual(check)
    elif kind == Recipient.COLLECTIVE:
        _bk_tinh_collective(check)
    else:
        check.judge(F.JUDGEMENT_ALTERNATIVES,
                    "Hội đồng xem xét: hộ gia đình có nhiều đóng góp về công sức, đất đai, tài sản cho địa phương, xã "
                    "hội hoặc có thành tích được công nhận trong phong trào thi đua.", check.provincial(cite.BK_TINH_COLLECTIVE, reg.BK_TINH_COLLECTIVE))


def _bk_tinh_individual(check: Check) -> None:
    """Point d of Đ74.1: 2 consecutive CSTĐ cơ sở, or ≥2 consecutive years HTXSNV with 2 grassroots
    initiatives not already used (the BNV reading: the initiatives behind CSTĐ cơ sở do not count again).
    When d fails, points a–c (movement, đột xuất or many achievements, contributions) remain: judgement."""
    params = check.params
    year = check.year
    floor = check.floor((A.BK_TINH,))
    check.excluded_note((A.CSTD_CS,))
    need_titles = params.bk_tinh_cstd_cs_years
    titles = run_ending(check.history.title_years((A.CSTD_CS,)), year, need_titles, floor)
    if len(titles) >= need_titles:
        check.add(F.BK_TINH_CRITERION_D, True, "Đạt điểm d: " + chain_message(
            titles, need_titles, year, "Chiến sĩ thi đua cơ sở", floor), cite.BK_TINH_D)
        return
    need_years = params.bk_tinh_htxsnv_years
    excellent = {y for y, level in check.history.ratings.items() if level == RatingLevel.HTXSNV}
    run = run_ending(excellent, year, LONGEST_RUN, floor)
    parts = [chain_message(titles, need_titles, year, "Chiến sĩ thi đua cơ sở", floor),
             chain_message(run[-need_years:] if len(run) >= need_years else run, need_years, year,
                           "hoàn thành xuất sắc nhiệm vụ", floor)]
    if len(run) >= need_years:
        need = params.bk_tinh_initiatives
        pick = pick_initiatives(check, InitiativeScope.CO_SO, run[0], year)
        if len(pick.usable) >= need:
            check.add(F.BK_TINH_CRITERION_D, True, f"Đạt điểm d: {parts[1][:-1]}, có {need} sáng kiến phạm vi cơ sở "
                      f"trở lên chưa dùng cho khen thưởng khác: {pick.describe(pick.usable[:need])}.", cite.BK_TINH_D)
            return
        have = pick.describe(pick.usable) if pick.usable else "không có"
        parts.append(f"Cần {need} sáng kiến phạm vi cơ sở trở lên chưa dùng cho khen thưởng khác trong các năm "
                     f"{run[0]}–{year}; có: {have}.")
    _alternatives(check, "Không đạt điểm d: " + " ".join(parts), cite.BK_TINH_D,
                  "cá nhân gương mẫu, có thành tích xuất sắc được bình xét trong phong trào thi đua do tỉnh phát động "
                  "(điểm a); lập được nhiều thành tích hoặc thành tích đột xuất có phạm vi ảnh hưởng trong lĩnh vực "
                  "tỉnh quản lý (điểm b); có đóng góp lớn cho phát triển kinh tế - xã hội, khoa học, công nghệ, an sinh "
                  "xã hội, nhân đạo, từ thiện (điểm c).", cite.BK_TINH_ABC)


def _bk_tinh_collective(check: Check) -> None:
    """2 consecutive years HTXSNV or TTLĐXS/ĐVQT (a provincial parameter; default read in law.md);
    otherwise the judgement alternatives (movement, đột xuất, contributions)."""
    need = check.params.bk_tinh_collective_years
    year = check.year
    floor = check.floor((A.BK_TINH,))
    check.excluded_note((A.TTLDXS, A.DVQT))
    good = check.history.title_years((A.TTLDXS, A.DVQT))
    good.update(y for y, level in check.history.ratings.items() if level == RatingLevel.HTXSNV)
    run = run_ending(good, year, need, floor)
    message = chain_message(run, need, year, "hoàn thành xuất sắc nhiệm vụ hoặc đạt Tập thể lao động xuất sắc",
                             floor)
    note = unverified("bk_tinh_collective_years", need)
    if len(run) >= need:
        check.add(F.BK_TINH_COLLECTIVE, True, message + note, check.provincial(cite.BK_TINH_COLLECTIVE, reg.BK_TINH_COLLECTIVE))
        return
    _alternatives(check, message + note, check.provincial(cite.BK_TINH_COLLECTIVE, reg.BK_TINH_COLLECTIVE),
                  "tập thể có thành tích xuất sắc trong phong trào thi đua do tỉnh phát động; lập được thành tích đột "
                  "xuất; có đóng góp lớn cho phát triển kinh tế - xã hội của tỉnh.", check.provincial(cite.BK_TINH_COLLECTIVE, reg.BK_TINH_COLLECTIVE))


def _alternatives(check: Check, failed: str, failed_citation: str, clauses: str, clauses_citation: str) -> None:
    """The encoded alternative failed: leave the judgement alternatives to the council, unless the
    achievement-year rating is below the parameter floor (then nothing is left)."""
    code = F.BK_TINH_CRITERION_D if check.candidate.kind == Recipient.INDIVIDUAL else F.BK_TINH_COLLECTIVE
    minimum = check.params.bk_tinh_judgement_min_rating
    rating = check.history.rating(check.year)
    if minimum is not None and rating is not None and RATING_RANK[rating] < RATING_RANK[minimum]:
        check.add(code, False, f"{failed} Các tiêu chuẩn còn lại (thành tích trong phong trào, đột xuất, đóng góp) "
                  f"cũng không xét vì xếp loại năm {check.year} là {rating_text(rating)}, dưới {rating_text(minimum)}"
                  f"{unverified('bk_tinh_judgement_min_rating', minimum)}.", failed_citation)
        return
    check.judge(code, f"{failed} Còn có thể xét theo các tiêu chuẩn khác, do Hội đồng đánh giá.", failed_citation)
    check.judge(F.JUDGEMENT_ALTERNATIVES, f"Hội đồng xem xét: {clauses}", clauses_citation)


# --- Bằng khen Thủ tướng; Huân chương Lao động hạng Ba (công trạng) ---------------------------------------

def check_bk_ttg(check: Check) -> None:
    """Individuals, Đ73.1.b: holds a Bằng khen tỉnh, then ≥5 consecutive years HTTNV+ up to the proposal
    with 3 CSTĐ cơ sở in that time. Other points of Đ73.1 were not read [U]."""
    if check.candidate.kind != Recipient.INDIVIDUAL:
        not_encoded(check, "Chỉ mã hóa tiêu chuẩn cá nhân tại điểm b khoản 1 Điều 73.")
        return
    params = check.params
    since = len(check.findings)
    window = _since_prerequisite(check, A.BK_TINH, (A.BK_TINH, A.BK_TTG), params.bk_ttg_good_years, cite.BK_TTG)
    if window is not None:
        _count_titles(check, window, params.bk_ttg_cstd_cs, cite.BK_TTG)
    if params.bk_ttg_other_points_to_council and soften(check, since):
        check.judge(F.JUDGEMENT_ALTERNATIVES, "Không đạt điểm b khoản 1 Điều 73; Hội đồng xem xét các điểm khác của "
                    "khoản 1 (thành tích xuất sắc trong phong trào thi đua do Thủ tướng phát động, ảnh hưởng trong "
                    "tỉnh…)" + unverified("bk_ttg_other_points_to_council", True) + ".", cite.BK_TTG_OTHER)


def check_hcld3_merit(check: Check) -> None:
    """Individuals, Đ44.1.e: holds a Bằng khen Thủ tướng, then ≥5 following consecutive years HTTNV+.
    The extra "≥1 year HTXSNV and 3 CSTĐ cơ sở" rests on a machine translation [U]: parameters."""
    if check.candidate.kind != Recipient.INDIVIDUAL:
        not_encoded(check, "Chỉ mã hóa tiêu chuẩn cá nhân tại điểm e khoản 1 Điều 44.")
        return
    params = check.params
    window = _since_prerequisite(check, A.BK_TTG, (A.BK_TTG, A.HCLD3), params.hcld3_good_years, cite.HCLD3_MERIT)
    if window is None:
        return
    if params.hcld3_min_htxsnv_years > 0:
        need = params.hcld3_min_htxsnv_years
        years = [y for y in window if check.history.rating(y) == RatingLevel.HTXSNV]
        check.add(F.HTXSNV_YEARS, len(years) >= need,
                  f"Có {len(years)} năm hoàn thành xuất sắc nhiệm vụ trong các năm {window[0]}–{window[-1]}"
                  f"{' (' + years_text(years) + ')' if years else ''}; cần ít nhất {need}."
                  + unverified("hcld3_min_htxsnv_years", need), cite.HCLD3_MERIT)
    if params.hcld3_min_cstd_cs > 0:
        _count_titles(check, window, params.hcld3_min_cstd_cs, cite.HCLD3_MERIT,
                      unverified("hcld3_min_cstd_cs", params.hcld3_min_cstd_cs))


def _since_prerequisite(check: Check, prerequisite: str, interval_codes: tuple[str, ...], need: int,
                        citation: str) -> list[int] | None:
    """Holds `prerequisite`, and every year since the last award up to the proposal is HTTNV or better,
    at least `need` of them (NĐ152 Đ33.7). Returns the years counted, or None when they cannot be."""
    year = check.year
    held = check.history.latest_before((prerequisite,), year)
    if held is None:
        check.add(F.PREREQUISITE_AWARD, False,
                  f"Chưa có {short_award(prerequisite)} (loại hình công trạng) cho thành tích trước năm {year}.",
                  citation)
    else:
        check.add(F.PREREQUISITE_AWARD, True,
                  f"Đã có {short_award(prerequisite)} cho thành tích năm {held.end}.", citation)
    floor = check.floor(interval_codes)
    if held is None:
        return None
    return _good_years(check, floor, need, citation)


def _good_years(check: Check, floor: Floor, need: int, citation: str) -> list[int] | None:
    year = check.year
    good = {y for y, level in check.history.ratings.items() if RATING_RANK[level] >= RATING_RANK[RatingLevel.HTTNV]}
    run = run_ending(good, year, LONGEST_RUN, floor)
    start = floor.year if floor.year is not None else (run[0] if run else year)
    counted = list(range(start, year + 1)) if start <= year else []
    gap = [y for y in counted if y not in good]
    if not counted:
        check.add(F.GOOD_YEARS, False, f"Không còn năm nào để tính đến năm {year} ({floor.text()}); cần liên tục ít "
                  f"nhất {need} năm hoàn thành tốt nhiệm vụ trở lên.", citation)
        return None
    if gap:
        shown = "; ".join(f"năm {y}: {rating_text(check.history.rating(y)) if check.history.rating(y) else 'chưa có xếp loại'}"
                          for y in gap[-3:])
        check.add(F.GOOD_YEARS, False, f"Từ năm {start} đến năm {year}, mọi năm phải hoàn thành tốt nhiệm vụ trở lên; "
                  f"{shown}.", check.cite("interval") if floor.year is not None else citation)
        return None
    passed = len(counted) >= need
    check.add(F.GOOD_YEARS, passed, f"Có {len(counted)} năm liên tục hoàn thành tốt nhiệm vụ trở lên ({start}–{year}); "
              f"cần ít nhất {need} năm.", citation)
    return counted if passed else None


def _count_titles(check: Check, window: list[int], need: int, citation: str, note: str = "") -> None:
    check.excluded_note((A.CSTD_CS,))
    years = sorted(check.history.title_years((A.CSTD_CS,)) & set(window))
    listed = f" ({years_text(years)})" if years else ""
    check.add(F.CSTD_CS_COUNT, len(years) >= need,
              f"Có {len(years)} lần đạt Chiến sĩ thi đua cơ sở trong các năm {window[0]}–{window[-1]}{listed}; cần "
              f"ít nhất {need}.{note}", citation)
