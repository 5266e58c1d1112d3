"""Matching a typed name against the folded names of the register ("nguyen van an", "an nguyen van",
"Nguyễn Văn An" all find "Nguyễn Văn An"). Pure text rules plus their ORM form.

A name matches when the folded query is contained in the folded name (the people page's rule: "nguyen van"
and "van a" are found as typed), or when every word of the query is a whole word of the name, in any order
(a name typed given name first, as forms and spreadsheets often hold it). Whole words, not substrings, for the
reordered case: "an" must not find every "Trần" and "Toàn"."""

from __future__ import annotations

from django.db.models import Q

from tdkt.lib.vntext import fold


def words(query: str) -> list[str]:
    """The distinct folded words of a query, longest first (the most selective condition first)."""
    return sorted(set(fold(query).split()), key=lambda word: (-len(word), word))


def name_matches(name: str, query: str) -> bool:
    """The rule in Python (for tests and for the few unit names, which carry no folded column)."""
    folded_name, folded_query = fold(name), fold(query)
    if not folded_query:
        return True
    if folded_query in folded_name:
        return True
    name_words = set(folded_name.split())
    return all(word in name_words for word in words(query))


def name_q(field: str, query: str) -> Q:
    """The rule on a folded column (`field`, e.g. "person__name_folded")."""
    folded = fold(query)
    if not folded:
        return Q()
    every_word = Q()
    for word in words(query):
        every_word &= (Q(**{field: word}) | Q(**{f"{field}__startswith": f"{word} "})
                       | Q(**{f"{field}__endswith": f" {word}"}) | Q(**{f"{field}__contains": f" {word} "}))
    return Q(**{f"{field}__contains": folded}) | every_word
