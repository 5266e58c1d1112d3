"""Bonus money (tiền thưởng), NĐ 152/2025/NĐ-CP Chapter VII Mục 2 (law.md §6). Framework-free.

Đ49: the amount is the coefficient × the base salary (mức lương cơ sở) in force on the decision date,
rounded UP to the nearest 10,000 VND. The coefficients live in the award catalogue (AwardType.bonus_*),
collective and household amounts included (Đ50–55)."""

from __future__ import annotations

import datetime
from decimal import ROUND_CEILING, Decimal

ROUNDING_STEP_VND = 10_000  # NĐ152 Đ49: "làm tròn số lên hàng chục nghìn đồng"


def round_up(amount: Decimal | int, step: int = ROUNDING_STEP_VND) -> int:
    """Round a VND amount up to the next multiple of `step` (exact multiples stay as they are)."""
    units = (Decimal(amount) / step).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * step


def bonus_amount(coefficient: Decimal | None, base_salary: int) -> int:
    """coefficient × base salary, rounded up to 10,000 VND (NĐ152 Đ49); 0 when no coefficient is set."""
    if coefficient is None or base_salary <= 0:
        return 0
    return round_up(Decimal(coefficient) * Decimal(base_salary))


def base_salary_on(day: datetime.date, salaries: list[tuple[datetime.date, int]]) -> int | None:
    """The base salary in force on `day`, from (effective_from, amount) pairs in any order."""
    in_force = [(start, amount) for start, amount in salaries if start <= day]
    return max(in_force)[1] if in_force else None


def vnd(amount: int | None) -> str:
    """"7.590.000" — dots as thousands separators, as Vietnamese documents write money."""
    return f"{amount or 0:,}".replace(",", ".")
