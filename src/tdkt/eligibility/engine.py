"""The eligibility engine: one candidate, one award, one decision date in; a verdict with its findings out.

    result = evaluate(candidate, decision_date=date(2025, 12, 20))

Order of the findings (stable): rule set; integrity of the history; catalogue (award code, recipient
kind); principles (open case, running discipline, discipline period, same achievement already
awarded); the award's criteria; procedure notes (council vote, quotas).

Verdict: a failed hard rule → ineligible; else an open case or running discipline → on_hold
(NĐ152 Đ4.4); else only judgement clauses failed → needs_review; else eligible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from . import citations as cite
from .catalogue import AWARD_CODES, EQUIVALENT, KINDS, recipients
from .codes import HOLD_CODES, Basis, FindingCode, Verdict
from .history import MIN_YEAR, award_span, build_history
from .names import BASIS_NAMES, DISCIPLINE_NAMES, KIND_NAMES, award_name, quoted, ratio_percent, vn_date
from .params import DEFAULT_PARAMETERS, Parameters
from .rules import RULES
from .rules.common import Check, not_encoded
from .rulesets import Choice, select_ruleset
from .types import Candidate, Finding, Result

F = FindingCode


def evaluate(candidate: Candidate, *, decision_date: dt.date, params: Parameters = DEFAULT_PARAMETERS) -> Result:
    """Check one candidate. Never raises on odd histories: they become findings."""
    on = candidate.lodged_on or decision_date
    choice, ruleset_finding = _ruleset_for(on, candidate.lodged_on is not None, params)
    ruleset = choice.ruleset
    principles = ruleset.principles_verified or params.nd98_principles_as_nd152
    history, problems = build_history(candidate, decision_date, exclude_nonmerit=principles)
    check = Check(candidate, decision_date, on, params, ruleset, history, principles)
    check.findings.append(ruleset_finding)
    if choice.gap or not principles:
        _ruleset_gaps(check, choice)
    check.findings.extend(problems)
    # A proposal for an impossible year has nothing to check beyond its code: its criteria would only
    # repeat that the year's records are missing.
    year_possible = MIN_YEAR <= candidate.year <= decision_date.year
    if _in_catalogue(check) and year_possible:
        basis = candidate.basis or (Basis.DEDICATION if candidate.leadership_years else Basis.MERIT)
        _principles(check, basis)
        _criteria(check, basis)
        _procedure(check)
    findings = tuple(check.findings)
    return Result(candidate.id, candidate.award, verdict_of(findings), findings, ruleset.key)


def evaluate_many(candidates: Iterable[Candidate], *, decision_date: dt.date,
                  params: Parameters = DEFAULT_PARAMETERS) -> list[Result]:
    """Check a batch in input order. A defect in the engine costs one candidate, never the batch."""
    results = []
    for candidate in candidates:
        try:
            results.append(evaluate(candidate, decision_date=decision_date, params=params))
        except Exception as error:  # reported for this candidate; evaluate() itself is property-tested not to raise
            finding = Finding(F.INTERNAL_ERROR, False, f"Lỗi nội bộ khi xét ({type(error).__name__}); báo quản trị hệ "
                              "thống, hồ sơ cần xét thủ công.", cite.PRINCIPLES)
            results.append(Result(str(getattr(candidate, "id", "")), str(getattr(candidate, "award", "")),
                                  Verdict.INELIGIBLE, (finding,)))
    return results


def verdict_of(findings: Iterable[Finding]) -> Verdict:
    hold = judgement = False
    for finding in findings:
        if finding.passed:
            continue
        if finding.code in HOLD_CODES:
            hold = True
        elif finding.judgement:
            judgement = True
        else:
            return Verdict.INELIGIBLE  # a failed hard rule (Finding.blocks)
    if hold:
        return Verdict.ON_HOLD
    return Verdict.NEEDS_REVIEW if judgement else Verdict.ELIGIBLE


@lru_cache(maxsize=1024)
def _ruleset_for(on: dt.date, lodged: bool, params: Parameters) -> tuple[Choice, Finding]:
    """The regime for a date and the finding saying which applied and why: the same for a whole batch,
    so built once (findings are immutable)."""
    choice = select_ruleset(on, params)
    ruleset = choice.ruleset
    span = f"{vn_date(ruleset.effective_from)}–{vn_date(ruleset.last_day(params))}"
    basis = "ngày nộp hồ sơ" if lodged else "ngày quyết định"
    finding = Finding(F.RULESET, True, f"Áp dụng {ruleset.name} (hiệu lực {span}) theo {basis} {vn_date(on)}.",
                      ruleset.cite("sunset"))
    return choice, finding


def _ruleset_gaps(check: Check, choice: Choice) -> None:
    ruleset = choice.ruleset
    last = ruleset.last_day(check.params)
    if choice.gap == "before":
        check.judge(F.RULESET_NOT_ENCODED,
                    f"Ngày {vn_date(choice.on)} trước khi Luật TĐKT 2022 có hiệu lực (01/01/2024): quy định cũ (Luật "
                    f"TĐKT 2003, Nghị định 91/2017/NĐ-CP) chưa được mã hóa; kết quả dưới đây theo {ruleset.name} — Hội "
                    "đồng đối chiếu quy định cũ.", cite.LUAT)
    elif choice.gap == "after":
        check.judge(F.RULESET_NOT_ENCODED,
                    f"Ngày {vn_date(choice.on)} sau ngày {ruleset.name} hết hiệu lực ({vn_date(last)} là ngày cuối); "
                    "chưa có quy định thay thế được mã hóa (nếu được gia hạn: cấu hình ngày hết hiệu lực mới) — kết quả "
                    f"dưới đây theo {ruleset.name}, Hội đồng đối chiếu văn bản mới.", ruleset.cite("sunset"))
    if not check.principles:
        check.judge(F.PRINCIPLES_UNVERIFIED,
                    f"Các nguyên tắc của {ruleset.name} (tạm dừng khi có vụ việc, tính thành tích sau kỷ luật, không "
                    "tính khen thưởng đột xuất/chuyên đề, khoảng cách giữa hai lần khen) chưa được đối chiếu và không "
                    "áp dụng (theo cấu hình của tỉnh) — Hội đồng kiểm tra.", ruleset.cite("freeze"))


def _in_catalogue(check: Check) -> bool:
    """The award code is known (national or provincial) and the recipient kind may receive it."""
    candidate = check.candidate
    code = candidate.award
    if code not in AWARD_CODES and code not in check.params.provincial_awards:
        check.add(F.UNKNOWN_AWARD, False, f"Mã khen thưởng {quoted(code)} không có trong danh mục danh hiệu thi đua, hình "
                  "thức khen thưởng của Nhà nước và của tỉnh.", f"{cite.FORMS}; {cite.TITLES_RECIPIENTS}")
        return False
    if candidate.kind not in KINDS:
        check.add(F.WRONG_RECIPIENT_KIND, False, f"Loại đối tượng {quoted(candidate.kind)} không hợp lệ (individual, "
                  "collective hoặc household).", cite.TITLES_RECIPIENTS)
        return False
    allowed = recipients(code) if code in AWARD_CODES else KINDS
    if candidate.kind not in allowed:
        names = ", ".join(KIND_NAMES[kind] for kind in sorted(allowed))
        check.add(F.WRONG_RECIPIENT_KIND, False, f"{award_name(code)} không xét tặng cho {KIND_NAMES[candidate.kind]}; "
                  f"chỉ cho: {names}.", cite.TITLES_RECIPIENTS)
        return False
    return True


def _principles(check: Check, basis: str) -> None:
    if check.principles:
        if check.candidate.open_cases or check.history.running:
            _freeze(check)
        if basis != Basis.DEDICATION and check.history.count_from is not None:
            _discipline_period(check)  # dedication has its own discipline rule (NĐ152 Đ9.3)
    if basis == Basis.MERIT:
        _already_awarded(check)


def _freeze(check: Check) -> None:
    """NĐ152 Đ4.4: no award or proposal while a case is being examined or a discipline runs."""
    cases = check.candidate.open_cases
    if cases:
        listed = "; ".join(case.strip() or "(không mô tả)" for case in cases)
        check.add(F.OPEN_CASE, False, f"Đang có vụ việc chưa có kết luận: {listed}. Chưa khen thưởng hoặc đề nghị khen "
                  "thưởng cho đến khi có kết luận." + check.note(), check.cite("freeze"))
    for entry in check.history.running:
        until = vn_date(entry.end) if entry.end else "chưa xác định"
        check.add(F.DISCIPLINE_RUNNING, False,
                  f"Đang trong thời hạn kỷ luật {DISCIPLINE_NAMES[entry.level]} ({vn_date(entry.start)}–{until}) vào "
                  f"ngày quyết định {vn_date(check.decision_date)}; chưa khen thưởng. Sau khi chấp hành xong, thành "
                  "tích được tính từ thời điểm đó." + check.note(), check.cite("freeze"))


def _discipline_period(check: Check) -> None:
    """NĐ152 Đ4.4 (second paragraph): after a served discipline, achievements count from its end.
    A year the discipline overlaps, even by a day, is not a year of achievement."""
    history = check.history
    if history.count_from is None:
        return
    entry = history.count_from_entry
    served = (f"Kỷ luật {DISCIPLINE_NAMES[entry.level]} ({vn_date(entry.start)}–{vn_date(entry.end)}) đã chấp hành "
              f"xong; thành tích được tính từ năm {history.count_from}")
    passed = check.year >= history.count_from
    tail = f", năm {check.year} được tính." if passed else f", không tính năm {check.year}."
    check.add(F.DISCIPLINE_PERIOD, passed, served + tail + check.note(), check.cite("discipline_period"))


def _already_awarded(check: Check) -> None:
    """Luật Đ5: one achievement, one award — the same award for the same achievement year or period."""
    code = check.candidate.award
    year = check.year
    for same in EQUIVALENT.get(code, (code,)):
        for entry in check.history.merit.get(same, ()):
            if entry.basis != Basis.MERIT or (entry.period_from is None and entry.period_to is None
                                              and entry.year != year):
                continue
            span = award_span(entry)
            if span.start <= year <= span.end:
                period = str(span.end) if span.start == span.end else f"{span.start}–{span.end}"
                check.add(F.ALREADY_AWARDED, False, f"Đã được tặng {award_name(same)} cho thành tích {period}; không "
                          f"khen lần nữa cho cùng thành tích năm {year}.", cite.PRINCIPLES)
                return


def _criteria(check: Check, basis: str) -> None:
    code = check.candidate.award
    if code not in AWARD_CODES:
        check.judge(F.PROVINCIAL_AWARD, f"Danh hiệu, hình thức khen thưởng do tỉnh quy định ({code}); tiêu chí theo Quy "
                    "định thi đua, khen thưởng của tỉnh — Hội đồng xem xét.", f"{cite.LUAT}, Điều 32")
        return
    rule = RULES.get(basis, {}).get(code)
    if rule is not None:
        rule(check)
    elif basis in BASIS_NAMES:
        not_encoded(check, f"Loại hình khen thưởng: {BASIS_NAMES[basis]}.")


def _procedure(check: Check) -> None:
    """The council vote the award needs (NĐ152 Đ33.5 / NĐ98 Đ30.7, or the provincial council rules)."""
    code = check.candidate.award
    national = check.ruleset.vote_thresholds
    if national is None:
        national = check.params.vote_thresholds
    if code in national:
        threshold, citation = national[code], check.cite("vote")
    elif code in check.params.provincial_vote_thresholds:
        threshold = check.params.provincial_vote_thresholds[code]
        citation = "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng tỉnh"
    else:
        return
    check.add(F.COUNCIL_VOTE, True, f"Hội đồng Thi đua - Khen thưởng phải bỏ phiếu; cần từ {ratio_percent(threshold)} "
              "tổng số thành viên Hội đồng đồng ý.", citation)
