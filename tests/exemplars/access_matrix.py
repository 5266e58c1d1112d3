"""Persona matrix rows of exemplars (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
An exemplar of unit A: its clerk and the province read it; unit B's clerk gets 404; the public pages answer
everyone, and a draft is a 404 there."""

from tests.exemplars.support import draft

MATRIX = [
    ("exemplars:list", None, [200, 200, 200, 200, 302]),
    ("exemplars:export", None, [200, 200, 200, 200, 302]),
    ("exemplars:new", None, [403, 200, 200, 403, 302]),
    ("exemplars:archive_year", None, [405, 403, 403, 403, 302]),
    ("exemplars:detail", "exemplar_of_unit_a", [200, 200, 404, 200, 302]),
    ("exemplars:edit", "exemplar_of_unit_a", [403, 200, 404, 403, 302]),
    ("exemplars:photo", "exemplar_of_unit_a", [200, 200, 404, 200, 302]),
    ("exemplars:public_list", None, [200, 200, 200, 200, 200]),
    ("exemplars:public_detail", "exemplar_of_unit_a", [404, 404, 404, 404, 404]),
    ("exemplars:public_photo", "exemplar_of_unit_a", [404, 404, 404, 404, 404]),
]

OBJECTS = {"exemplar_of_unit_a": draft}
