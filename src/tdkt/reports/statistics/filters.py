"""The filter vocabulary of the form definitions: a filter is a JSON object whose keys all hold (AND).

    {"codes": ["BK_TINH"], "recipient": "individual", "group": "unclassified"}
    {"not": {"codes": [...]}}            every key but this one, and not the inner filter
    {"any": [{...}, {...}]}              at least one of the inner filters
    {"all": [{...}, {...}]}              every inner filter (a cell: its row's filter and its column's)
    {"never": true}                      nothing (a row the register cannot fill: always 0)

A value is one value or a list of values (any of them). Each source (awards, movements, offices, staff)
names the keys it understands (sources.py); an unknown key is an error when the definition is loaded, so a
typo in a new circular's file fails loudly instead of counting everything.

Two interpretations of the same filter, kept side by side on purpose:
- `matches(filter, facts)`: a Python predicate over one record's facts (a dict of dimension values); the
  engine evaluates every cell from one GROUP BY aggregate with it (no query per cell);
- `to_q(filter, lookups)`: a Django Q, for the list of records behind one cell (and for the tests, which
  count each cell with its own query and compare)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Q

COMBINATORS = ("not", "any", "all", "never")


class FilterError(ValueError):
    pass


def _values(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else [value]


def check(spec: Mapping, keys: set[str], where: str) -> None:
    """Raise FilterError on a key the source does not know (recursively)."""
    if not isinstance(spec, Mapping):
        raise FilterError(f"{where}: a filter must be an object")
    for key, value in spec.items():
        if key == "not":
            check(value, keys, where)
        elif key in ("any", "all"):
            if not isinstance(value, list) or not value:
                raise FilterError(f"{where}: \"{key}\" takes a non-empty list of filters")
            for inner in value:
                check(inner, keys, where)
        elif key == "never":
            if value is not True:
                raise FilterError(f"{where}: \"never\" must be true")
        elif key not in keys:
            raise FilterError(f"{where}: unknown filter key {key!r} (known: {', '.join(sorted(keys))})")


def matches(spec: Mapping, facts: Mapping[str, Any]) -> bool:
    for key, value in spec.items():
        if key == "never":
            return False
        if key == "not":
            if matches(value, facts):
                return False
        elif key == "any":
            if not any(matches(inner, facts) for inner in value):
                return False
        elif key == "all":
            if not all(matches(inner, facts) for inner in value):
                return False
        elif facts[key] not in _values(value):
            return False
    return True


def to_q(spec: Mapping, lookups: Mapping[str, Callable[[list], Q]]) -> Q:
    """`lookups[key](values)` gives the Q of one key; keys without a lookup cannot be queried."""
    q = Q()
    for key, value in spec.items():
        if key == "never":
            return Q(pk__in=[])
        if key == "not":
            q &= ~to_q(value, lookups)
        elif key == "any":
            alternatives = Q(pk__in=[])
            for inner in value:
                alternatives |= to_q(inner, lookups)
            q &= alternatives
        elif key == "all":
            for inner in value:
                q &= to_q(inner, lookups)
        else:
            q &= lookups[key](_values(value))
    return q
