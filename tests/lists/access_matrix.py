"""Persona matrix rows of the list exports (Excel of each list page, tdkt.jobs.lists), collected by
tests/test_access_map.py: each export answers whom its page answers.

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous])."""

MATRIX = [
    ("dossiers:queue_xlsx", None, [200, 403, 403, 403, 302]),
    ("dossiers:inbox_xlsx", None, [200, 200, 200, 200, 302]),
    ("decisions:list_xlsx", None, [200, 200, 200, 200, 302]),
    ("decisions:fund_xlsx", None, [200, 403, 403, 403, 302]),
    ("orgs:tree_xlsx", None, [200, 200, 200, 200, 302]),
    ("movements:list_xlsx", None, [200, 200, 200, 200, 302]),
    ("council:meetings_xlsx", None, [200, 403, 403, 200, 302]),
    ("consultations:queue_xlsx", None, [200, 403, 403, 403, 302]),
    ("consultations:inbox_xlsx", None, [403, 200, 200, 403, 302]),
    ("postings:staff_list_xlsx", None, [200, 403, 403, 403, 302]),
]
OBJECTS: dict = {}
