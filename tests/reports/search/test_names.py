"""Name matching: any Vietnamese name, typed with or without diacritics, in any case and in any word order, is
found; a name that shares no word is not."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.lib.vntext import fold
from tdkt.reports.search.names import name_matches
from tests.factories import make_award, make_person

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Giàng", "Lò", "Hà", "Nông"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quang", "A", "Seo", "Thúy"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đào", "Giang", "Hạnh", "Hùng", "Khánh", "Lan", "Mai", "Nga", "Páo",
         "Phúc", "Quỳnh", "Sử", "Tâm", "Thảo", "Uyên", "Vinh", "Xuân", "Yến"]

names = st.builds(lambda f, m, g: [f, *m, g], st.sampled_from(FAMILY),
                  st.lists(st.sampled_from(MIDDLE), max_size=2), st.sampled_from(GIVEN))


def typed(words, order, fold_it, case):
    """The name as a user might type it: reordered, folded or not, in some case."""
    ordered = [words[i] for i in order]
    text = " ".join(ordered)
    text = fold(text) if fold_it else text
    return {"lower": text.lower(), "upper": text.upper(), "as is": text}[case]


@given(words=names, data=st.data(), fold_it=st.booleans(), case=st.sampled_from(["lower", "upper", "as is"]))
def test_any_name_typed_in_any_order_matches(words, data, fold_it, case):
    order = data.draw(st.permutations(range(len(words))))
    assert name_matches(" ".join(words), typed(words, order, fold_it, case))


@given(words=names, other=names)
def test_a_name_sharing_no_word_does_not_match(words, other):
    if set(map(fold, words)) & set(map(fold, other)) or fold(" ".join(other)) in fold(" ".join(words)):
        return
    assert not name_matches(" ".join(words), " ".join(other))


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=names, data=st.data(), fold_it=st.booleans())
def test_the_database_finds_what_the_rule_finds(world, words, data, fold_it):
    """The ORM form of the rule (SQLite LIKE, PostgreSQL LIKE) agrees with the Python one on stored names."""
    from tdkt.accounts.scope import get_scope
    from tdkt.reports.search.filters import search_records

    order = data.draw(st.permutations(range(len(words))))
    person = make_person(" ".join(words), unit=world.unit_a)
    record = make_award(person=person, year=2024)
    found = search_records(get_scope(world.users["specialist"]), {"name": typed(words, order, fold_it, "as is")})
    assert record in set(found)
    record.delete()
    person.delete()
