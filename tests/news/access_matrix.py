"""Persona matrix rows of the news (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
A draft of unit A: its clerk and the province read it; unit B's clerk gets 404; council members read all but
write nothing; the portal's pages answer everyone, a draft's photo only those who may read the draft."""

from tests.news.support import make_article


def _article_of_unit_a(world):
    return make_article(world)


def _photo_of_unit_a(world):
    return make_article(world).images.get()


MATRIX = [
    ("news:public_list", None, [200, 200, 200, 200, 200]),
    ("news:public_article", "article_of_unit_a", [404, 404, 404, 404, 404]),  # a draft is not public
    ("news:photo", "photo_of_unit_a", [200, 200, 404, 200, 404]),
    ("news:list", None, [200, 200, 200, 200, 302]),
    ("news:new", None, [200, 200, 200, 403, 302]),
    ("news:detail", "article_of_unit_a", [200, 200, 404, 200, 302]),
    ("news:edit", "article_of_unit_a", [200, 200, 404, 403, 302]),
    ("news:approve", "article_of_unit_a", [403, 403, 403, 403, 302]),  # a unit's draft: its leader first
    ("news:photo_remove", "photo_of_unit_a", [405, 405, 405, 403, 302]),
    ("news:contributions", None, [200, 403, 403, 403, 302]),
    ("news:contributions_export", None, [200, 403, 403, 403, 302]),
    ("news:ask_new", None, [200, 403, 403, 403, 302]),
    ("news:ask_edit", "missing_ask", [404, 403, 403, 403, 302]),
    ("news:ask_delete", "missing_ask", [405, 403, 403, 403, 302]),
]

OBJECTS = {
    "article_of_unit_a": _article_of_unit_a,
    "photo_of_unit_a": _photo_of_unit_a,
    "missing_ask": lambda world: {"pk": 987654},
}
