"""How many classes a plan task plans: the plan's text says it ("Tổ chức các lớp tập huấn về TĐKT theo kế
hoạch năm 2026 (06 lớp)."), and a plan task has no count field (its kind data keeps one date and the number
of participants), so the number is read from the text. Pure: no Django, no database."""

import re

from tdkt.lib.vntext import fold

# "06 lớp", "6 lớp tập huấn", "(02 lớp)": a number of one to three digits right before the word "lớp".
_COUNT = re.compile(r"(?<![\d.,])(\d{1,3})\s*lop\b")


def planned_classes(text: str) -> int | None:
    """The number of classes the text plans, or None when it names none (or names several different ones)."""
    found = {int(match.group(1)) for match in _COUNT.finditer(fold(text or ""))}
    found.discard(0)
    return found.pop() if len(found) == 1 else None
