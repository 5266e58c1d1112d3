"""Persona matrix rows of the inspections register (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
An inspection of unit A: its clerk reads it and reports the follow-up; unit B's clerk gets 404; council
members read all; only the standing body (or the team) records findings and recommendations."""

from tests.inspections.support import inspection_of, recommendation_of, record_of

MATRIX = [
    ("inspections:list", None, [200, 200, 200, 200, 302]),
    ("inspections:export", None, [200, 200, 200, 200, 302]),
    ("inspections:new", None, [200, 403, 403, 403, 302]),
    ("inspections:detail", "inspection_of_unit_a", [200, 200, 404, 200, 302]),
    ("inspections:record", "inspection_record_of_unit_a", [200, 200, 404, 200, 302]),
    ("inspections:record_edit", "inspection_record_of_unit_a", [200, 403, 404, 403, 302]),
    ("inspections:recommendation_new", "inspection_record_of_unit_a", [200, 403, 404, 403, 302]),
    ("inspections:conclusion", "inspection_record_of_unit_a", [200, 200, 404, 200, 302]),
    ("inspections:report", "recommendation_of_unit_a", [403, 200, 404, 403, 302]),
    ("inspections:response_file", "recommendation_of_unit_a", [404, 404, 404, 404, 302]),  # no file yet
]

OBJECTS = {
    "inspection_of_unit_a": inspection_of,
    "inspection_record_of_unit_a": record_of,
    "recommendation_of_unit_a": recommendation_of,
}
