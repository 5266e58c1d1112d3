"""Emulation titles of individuals: LĐTT/CSTT (Luật Đ24), CSTĐ cơ sở (Đ23), CSTĐ tỉnh (Đ22),
CSTĐ toàn quốc (Đ21).

"Selected among those with …" (Đ21.1.a, Đ22.1.a) is the council's vote, not a criterion: the engine
says whether the person is in the pool the council selects from, and notes the vote required.
The conduct clauses (Đ24.1.b: self-reliance, solidarity, taking part in emulation) are attested by
the unit's review minutes (biên bản bình xét, Luật Đ84.1.c) and are not re-judged here.
"""

from __future__ import annotations

from .. import citations as cite
from ..codes import RATING_RANK, AwardCode, FindingCode, InitiativeScope, RatingLevel
from ..names import RATING_NAMES, rating_text, ratio_percent
from .common import Check, chain_message, initiative_finding, pick_initiatives, run_ending, unverified

F = FindingCode
A = AwardCode


def rating_finding(check: Check, minimum: str, citation: str, note: str = "") -> bool:
    """The achievement-year rating is at least `minimum`."""
    year = check.year
    rating = check.history.rating(year)
    wanted = RATING_NAMES[minimum] + ("" if minimum == RatingLevel.HTXSNV else " trở lên")
    if rating is None:
        check.add(F.RATING, False, f"Chưa có xếp loại năm {year}; cần {wanted}.{note}", citation)
        return False
    passed = RATING_RANK[rating] >= RATING_RANK[minimum]
    verdict = "đạt mức" if passed else "cần"
    check.add(F.RATING, passed, f"Xếp loại năm {year}: {rating_text(rating)}; {verdict} {wanted}.{note}", citation)
    return passed


def check_ldtt(check: Check) -> None:
    """LĐTT: HTTNV or better in the year (Đ24.1.a); CSTT: the same standard (Đ24.2)."""
    citation = cite.CSTT_RATING if check.candidate.award == A.CSTT else cite.LDTT_RATING
    rating_finding(check, RatingLevel.HTTNV, citation)


def check_cstd_cs(check: Check) -> None:
    """CSTĐ cơ sở: the LĐTT standard (Đ23.1) and HTXSNV or an initiative recognised at grassroots (Đ23.2)."""
    params = check.params
    year = check.year
    rating_finding(check, RatingLevel.HTTNV, cite.CSTD_CS_LDTT)
    excellent = check.history.rating(year) == RatingLevel.HTXSNV
    pick = pick_initiatives(check, InitiativeScope.CO_SO, year, year)
    both_from = params.cstd_cs_both_criteria_from
    both = both_from is not None and check.on >= both_from
    rating_part = (f"hoàn thành xuất sắc nhiệm vụ năm {year}" if excellent
                   else f"không hoàn thành xuất sắc nhiệm vụ năm {year}")
    initiative_part = (f"có sáng kiến được công nhận năm {year}: {pick.describe(pick.usable[:1])}" if pick.usable
                       else f"không có sáng kiến chưa sử dụng được công nhận năm {year}")
    if both:
        note = unverified("cstd_cs_both_criteria_from", both_from) + " — dự thảo Luật sửa đổi: cần cả hai"
        if excellent and not pick.usable and pick.unsettled:
            _reuse_to_council(check, pick)
            return
        check.add(F.CSTD_CS_BASIS, excellent and bool(pick.usable),
                  f"Cần hoàn thành xuất sắc nhiệm vụ và có sáng kiến: {rating_part}; {initiative_part}.{note}",
                  cite.CSTD_CS_BASIS)
    elif excellent or pick.usable:
        reason = rating_part if excellent else initiative_part
        check.add(F.CSTD_CS_BASIS, True, f"Đạt một trong các tiêu chuẩn của khoản 2: {reason}.", cite.CSTD_CS_BASIS)
    elif pick.unsettled:
        _reuse_to_council(check, pick)
    else:
        check.add(F.CSTD_CS_BASIS, False, f"Cần hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được cơ sở công nhận: "
                  f"{rating_part}; {initiative_part}.", cite.CSTD_CS_BASIS)
    if params.cstd_cs_quota_ratio is not None:
        check.add(F.BATCH_QUOTA, True,
                  f"Tỉnh giới hạn số Chiến sĩ thi đua cơ sở không quá {ratio_percent(params.cstd_cs_quota_ratio)} "
                  "số cá nhân đạt Lao động tiên tiến của đơn vị (theo quy định của tỉnh; Luật 2022 không "
                  "quy định tỷ lệ này): kiểm tra trên danh sách đề nghị của đơn vị.", cite.CSTD_CS_BASIS)


def _reuse_to_council(check: Check, pick) -> None:
    initiative_finding(check, pick, 1, f"được cơ sở công nhận năm {check.year}", cite.CSTD_CS_BASIS)


def check_cstd_tinh(check: Check) -> None:
    """CSTĐ tỉnh: 3 consecutive CSTĐ cơ sở ending in the year (Đ22.1.a) and an initiative of provincial
    scope or wider (Đ22.1.b)."""
    need = check.params.cstd_tinh_cstd_cs_years
    year = check.year
    floor = check.floor((A.CSTD_TINH,), default_years=need)
    check.excluded_note((A.CSTD_CS,))
    run = run_ending(check.history.title_years((A.CSTD_CS,)), year, need, floor)
    check.add(F.CSTD_CS_CHAIN, len(run) >= need, chain_message(run, need, year, "Chiến sĩ thi đua cơ sở", floor),
              cite.CSTD_TINH_CHAIN)
    first = year - need + 1 if floor.year is None else max(year - need + 1, floor.year)
    pick = pick_initiatives(check, InitiativeScope.TINH, first, year)
    initiative_finding(check, pick, 1, f"phạm vi ảnh hưởng cấp tỉnh trở lên, công nhận trong các năm {first}–{year}",
                       cite.CSTD_TINH_INITIATIVE)


def check_cstd_tq(check: Check) -> None:
    """CSTĐ toàn quốc: 2 consecutive CSTĐ tỉnh, the later ending in the year (Đ21.1.a), and an initiative
    of nationwide scope (Đ21.1.b)."""
    params = check.params
    need = params.cstd_tq_cstd_tinh_times
    length = params.cstd_tinh_cstd_cs_years
    year = check.year
    floor = check.floor((A.CSTD_TQ,))
    check.excluded_note((A.CSTD_TINH,))
    by_end = {span.end: span for span in check.history.spans((A.CSTD_TINH,), length)
              if span.end <= year and floor.admits(span.start)}
    chain = []
    expected_end = year
    while len(chain) < need and expected_end in by_end:
        span = by_end[expected_end]
        chain.append(span)
        expected_end = span.start - 1
    chain.reverse()
    periods = ", ".join(f"{span.start}–{span.end}" for span in chain)
    message = f"Có {len(chain)}/{need} lần liên tục đạt Chiến sĩ thi đua cấp tỉnh" + (f" ({periods})" if chain else "")
    if len(chain) >= need:
        message += "."
    elif not chain:
        message += f"; chưa có lần nào có thời gian lập thành tích kết thúc năm {year}."
    else:
        message += f"; lần liền trước phải có thời gian lập thành tích kết thúc năm {expected_end}."
    if floor.year is not None and len(chain) < need:
        message = message[:-1] + f" ({floor.text()})."
    check.add(F.CSTD_TINH_CHAIN, len(chain) >= need, message, cite.CSTD_TQ_CHAIN)
    first = chain[0].start if chain else year - need * length + 1
    if floor.year is not None:
        first = max(first, floor.year)
    pick = pick_initiatives(check, InitiativeScope.TOAN_QUOC, first, year)
    initiative_finding(check, pick, 1, f"phạm vi ảnh hưởng toàn quốc, công nhận trong các năm {first}–{year}",
                       cite.CSTD_TQ_INITIATIVE)
