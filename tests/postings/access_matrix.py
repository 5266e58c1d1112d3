"""Persona matrix rows of the postings app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict.

The public pages need no sign-in: everybody, anonymous included, gets 200."""


def _published_notice(world):
    from tests.postings.support import published_notice

    return published_notice(world)


def _comment(world):
    from tests.postings.support import comment_on

    return comment_on(published_notice_of(world))



def published_notice_of(world):
    from tests.postings.support import published_notice

    return published_notice(world)


def _dossier(world):
    from tests.consultations.support import dossier_with_two_lines

    return dossier_with_two_lines(world)[0]


MATRIX = [
    ("postings:public_list", None, [200, 200, 200, 200, 200]),
    ("postings:public_detail", "postings_notice", [200, 200, 200, 200, 200]),
    ("postings:staff_list", None, [200, 403, 403, 403, 302]),
    ("postings:manage", "postings_notice", [200, 403, 403, 403, 302]),
    ("postings:close", "postings_notice", [405, 403, 403, 403, 302]),
    ("postings:handle", "postings_comment", [200, 403, 403, 403, 302]),
    ("postings:dossier", "postings_dossier", [200, 403, 403, 403, 302]),
    ("postings:settings", None, [200, 403, 403, 403, 302]),
]
OBJECTS = {"postings_notice": _published_notice, "postings_comment": _comment, "postings_dossier": _dossier}
