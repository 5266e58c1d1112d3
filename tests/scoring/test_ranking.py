"""Ranking with tie-break rules: table-driven cases and properties (the ranking is a permutation of the
units, totals are kept, the result does not depend on the input order)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.movements.scoring.ranking import UnitTotals, rank_units, rule_is_valid

T0 = datetime.datetime(2026, 11, 1, 8, 0, tzinfo=datetime.UTC)


def u(unit_id, total, *, bonus=0, penalty=0, minutes=None, c=None, name=None):
    return UnitTotals(unit_id=unit_id, name=name or f"Đơn vị {unit_id}", total=Decimal(total), bonus=Decimal(bonus),
                      penalty=Decimal(penalty),
                      submitted_at=T0 + datetime.timedelta(minutes=minutes) if minutes is not None else None,
                      by_criterion=c or {})


CASES = [
    ("higher total first", [u(1, 80), u(2, 95), u(3, 90)], [], [2, 3, 1]),
    ("more bonus breaks the tie", [u(1, 90, bonus=2), u(2, 90, bonus=4)], ["more_bonus"], [2, 1]),
    ("fewer penalty breaks the tie", [u(1, 90, penalty=3), u(2, 90, penalty=1)], ["fewer_penalty"], [2, 1]),
    ("rules apply in their order", [u(1, 90, bonus=5, penalty=4), u(2, 90, bonus=3, penalty=0)],
     ["fewer_penalty", "more_bonus"], [2, 1]),
    ("the second rule when the first ties", [u(1, 90, bonus=3, penalty=2), u(2, 90, bonus=3, penalty=1)],
     ["more_bonus", "fewer_penalty"], [2, 1]),
    ("higher points on a named criterion", [u(1, 90, c={"1.2": Decimal(15)}), u(2, 90, c={"1.2": Decimal(18)})],
     ["criterion:1.2"], [2, 1]),
    ("earlier submission", [u(1, 90, minutes=30), u(2, 90, minutes=5), u(3, 90)], ["earlier_submission"], [2, 1, 3]),
    ("full tie: by name, flagged", [u(2, 90, name="Xã B"), u(1, 90, name="Xã A")], ["more_bonus"], [1, 2]),
]


@pytest.mark.parametrize(("label", "rows", "rules", "expected"), CASES, ids=[c[0] for c in CASES])
def test_tie_break_rules(label, rows, rules, expected):
    ranked = rank_units(rows, rules)
    assert [r.unit_id for r in ranked] == expected
    assert [r.rank for r in ranked] == list(range(1, len(rows) + 1))


def test_only_units_equal_on_every_rule_are_flagged():
    ranked = rank_units([u(1, 90, bonus=1), u(2, 90, bonus=1), u(3, 90, bonus=2), u(4, 70)], ["more_bonus"])
    assert [(r.unit_id, r.tie_unresolved) for r in ranked] == [(3, False), (1, True), (2, True), (4, False)]


def test_rule_names_are_checked():
    assert rule_is_valid("more_bonus") and rule_is_valid("criterion:1.2.a")
    assert not rule_is_valid("criterion:") and not rule_is_valid("highest_name")


amounts = st.decimals(min_value=-20, max_value=200, places=2, allow_nan=False, allow_infinity=False)
rows_strategy = st.lists(st.tuples(amounts, st.decimals(min_value=0, max_value=10, places=1),
                                   st.decimals(min_value=0, max_value=10, places=1),
                                   st.one_of(st.none(), st.integers(0, 600))), max_size=25)
rules_strategy = st.lists(st.sampled_from(["more_bonus", "fewer_penalty", "earlier_submission", "criterion:1"]),
                          max_size=4, unique=True)


@settings(deadline=None)
@given(rows_strategy, rules_strategy, st.randoms())
def test_ranking_is_a_deterministic_permutation_with_totals_kept(raw, rules, random):
    rows = [u(i + 1, total, bonus=bonus, penalty=penalty, minutes=minutes, c={"1": total / 2})
            for i, (total, bonus, penalty, minutes) in enumerate(raw)]
    ranked = rank_units(rows, rules)
    assert sorted(r.unit_id for r in ranked) == [row.unit_id for row in rows]
    assert [r.rank for r in ranked] == list(range(1, len(rows) + 1))
    totals = {row.unit_id: row.total for row in rows}
    assert all(r.total == totals[r.unit_id] for r in ranked)
    assert all(a.total >= b.total for a, b in zip(ranked, ranked[1:], strict=False))
    shuffled = list(rows)
    random.shuffle(shuffled)
    assert rank_units(shuffled, rules) == ranked
