"""What the reader checks once the recipients are read: the numbering of a list (stops or jumps), the
count the document announces against the count read, the end of the document in the middle of a list, and
a name listed twice. Each problem is a Finding naming its line(s); nothing is dropped or added."""

from __future__ import annotations

from .model import Finding, Recipient
from .text import key


class Numbering:
    """The running numbers of one list ("1.", "2." or a TT column); a heading may restart them at 1."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        self.last: int | None = None
        self.restart_allowed = True

    def heading(self) -> None:
        self.restart_allowed = True

    def new_list(self) -> None:
        self.last, self.restart_allowed = None, True

    def see(self, number: int, line: int, page: int | None) -> None:
        expected = None if self.last is None else self.last + 1
        if expected is not None and number != expected and not (self.restart_allowed and number == 1):
            if number > expected:
                message = (f"Dòng {line}: số thứ tự nhảy từ {self.last} lên {number}: danh sách có thể thiếu "
                           f"{number - expected} dòng.")
            else:
                message = f"Dòng {line}: số thứ tự {number} sau số {self.last}: danh sách có thể bị lặp hoặc sai."
            self.findings.append(Finding(line, message, page))
        self.last, self.restart_allowed = number, False


def count_findings(grants: list[tuple[int, int, int]], recipients: list[Recipient]) -> list[Finding]:
    """Each sentence that announces a count ("cho 05 tập thể và 12 cá nhân") against the recipients read from
    its line to the next sentence granting an award at its level or above (an article's count covers the
    granting headings under it; the attached list is included when it comes last)."""
    findings = []
    for index, (line, count, level) in enumerate(grants):
        if not count:
            continue
        end = next((later for later, _, later_level in grants[index + 1:] if later_level <= level), None)
        scope = [r for r in recipients if r.line >= line and (end is None or r.line < end)]
        if finding := announced_count_finding(count, line, scope):
            findings.append(finding)
    return findings


def announced_count_finding(announced: int, announced_line: int | None, recipients: list[Recipient]) -> Finding | None:
    if not announced or len(recipients) == announced:
        return None
    last = recipients[-1].line if recipients else None
    if len(recipients) < announced:
        tail = f" (dòng cuối của danh sách: {last})" if last else ""
        return Finding(announced_line,
                       f"Dòng {announced_line}: văn bản ghi {announced} tập thể, cá nhân nhưng chỉ đọc được "
                       f"{len(recipients)}{tail}: danh sách có thể bị cắt.")
    return Finding(announced_line, f"Dòng {announced_line}: văn bản ghi {announced} tập thể, cá nhân nhưng đọc "
                                   f"được {len(recipients)}: cần kiểm tra lại danh sách.")


def duplicate_findings(recipients: list[Recipient]) -> list[Finding]:
    """A name listed twice with the same unit for the same award (folded): both recipients stay, the caller
    decides. The same person under two awards (Lao động tiên tiến and Chiến sĩ thi đua cơ sở) is not twice."""
    seen: dict[tuple[str, str, str], Recipient] = {}
    findings = []
    for recipient in recipients:
        pair = (key(recipient.name).strip(), key(recipient.unit).strip(), key(recipient.award).strip())
        if pair in seen:
            first = seen[pair]
            where = f" ({recipient.unit})" if recipient.unit else ""
            findings.append(Finding(recipient.line, f"Dòng {first.line} và dòng {recipient.line}: «{recipient.name}»"
                                                    f"{where} có tên hai lần trong danh sách.", recipient.page))
        else:
            seen[pair] = recipient
    return findings
